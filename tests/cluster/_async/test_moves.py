"""Moves on the 3-member cluster: a custom volume to another member (``move(target=)``:
copied there with its snapshots by migration between members, then deleted here) and
``copy(target=)``; an instance between members (``move(target)``) still works."""

from __future__ import annotations

from typing import Any

import pytest

from pylxd.aio import Client
from tests.integration.conftest import unique_name

pytestmark = pytest.mark.integration


async def _volumes_named(client: Client, prefix: str) -> list[tuple[str, str]]:
    """``(name, location)`` of every custom volume and snapshot whose name starts so."""
    listed: list[dict[str, Any]] = (
        await client.api.storage_pools["default"].volumes.get(params={"recursion": 1})
    ).json()["metadata"]
    return sorted((v["name"], v["location"]) for v in listed if v["name"].startswith(prefix))


async def _delete_volumes(client: Client, prefix: str) -> None:
    for name, location in await _volumes_named(client, prefix):
        if "/" not in name:  # snapshots go with their volume
            await (
                client.api.storage_pools["default"]
                .volumes.custom[name]
                .delete(params={"target": location})
            )


async def test_volume_moves_to_another_member_with_its_snapshots() -> None:
    name = unique_name("mvvol")
    async with Client() as client:
        pool = await client.storage_pools.get("default")
        try:
            volume = await pool.volumes.create({"name": name, "config": {}}, target="m2")
            volume.description = "follows the move"
            await volume.save(wait=True)
            await volume.snapshots.create("snap0", wait=True)

            await volume.move(target="m3")

            assert volume.location == "m3" and volume.name == name
            assert volume.description == "follows the move"
            assert await _volumes_named(client, name) == [
                (name, "m3"),
                (f"{name}/snap0", "m3"),
            ]

            copy = await volume.copy(f"{name}-copy", target="m1", volume_only=True)
            assert copy.location == "m1" and copy.name == f"{name}-copy"
            assert (f"{name}-copy", "m1") in await _volumes_named(client, name)
            assert (f"{name}-copy/snap0", "m1") not in await _volumes_named(client, name)
        finally:
            await _delete_volumes(client, name)


async def test_instance_still_moves_between_members(instance_name, image_alias) -> None:
    async with Client() as client:
        created = await client.instances.create(
            {"name": instance_name, "source": {"type": "image", "alias": image_alias}},
            wait=True,
            target="m1",
        )
        await created.move("m2")
        assert created.location == "m2"
        assert (await client.instances.get(instance_name)).location == "m2"
