"""Moves on the 3-member cluster: a custom volume to another member (``move(target=)``;
on LXD copied there with its snapshots by migration between members, then deleted here; on
Incus one request, ``cluster_internal_custom_volume_copy``) and ``copy(target=)``; an
instance between members (``move(target)``) still works."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from pylxd.aio import Client
from pylxd.exceptions import LXDAPIException, NotFound
from tests.cluster.conftest import MEMBERS
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


def _writes(caplog: pytest.LogCaptureFixture) -> list[str]:
    """``METHOD path`` of every write logged on ``pylxd.http`` since the last clear (the
    client's own project left out of the query)."""
    return [
        " ".join(r.getMessage().split()[:2]).replace("&project=default", "")
        for r in caplog.records
        if r.name == "pylxd.http" and r.getMessage().split()[0] in ("POST", "PUT", "DELETE")
    ]


async def test_volume_moves_and_copies_renamed_with_as_few_requests_as_the_server_allows(
    caplog,
) -> None:
    """Incus copies and moves a volume to another member in one request each; on LXD this
    client migrates it between the members (and deletes the original after a move)."""
    name = unique_name("mv1vol")
    async with Client() as client:
        pool = await client.storage_pools.get("default")
        try:
            volume = await pool.volumes.create({"name": name, "config": {}}, target="m1")
            await volume.snapshots.create("snap0", wait=True)
            one_request = client.has_api_extension("cluster_internal_custom_volume_copy")
            assert one_request == client.is_incus

            caplog.set_level(logging.DEBUG, logger="pylxd.http")
            caplog.clear()
            await volume.move(name=f"{name}-moved", target="m2")
            moves = _writes(caplog)

            assert (volume.name, volume.location) == (f"{name}-moved", "m2")
            assert await _volumes_named(client, name) == [
                (f"{name}-moved", "m2"),
                (f"{name}-moved/snap0", "m2"),
            ]
            path = f"/1.0/storage-pools/default/volumes/custom/{name}"
            if one_request:
                assert moves == [f"POST {path}?target=m2"]
            else:  # a migration offered here, pulled there, then the original deleted
                assert f"DELETE {path}?target=m1" in moves and len(moves) >= 3

            caplog.clear()
            copy = await volume.copy(f"{name}-copy", target="m3")
            copies = _writes(caplog)
            assert (copy.name, copy.location) == (f"{name}-copy", "m3")
            assert (f"{name}-copy/snap0", "m3") in await _volumes_named(client, name)
            if one_request:
                assert copies == ["POST /1.0/storage-pools/default/volumes/custom?target=m3"]
        finally:
            await _delete_volumes(client, name)


async def test_volume_moves_to_another_member_and_pool_keeping_its_settings() -> None:
    """Incus' one-request move drops ``config`` and ``description`` (6.0.4): they are put
    back; a copy to another member carries them on both servers."""
    name = unique_name("mv3vol")
    other = unique_name("pool")[:20]
    settings = {"description": "kept", "config": {"user.pylxd": "kept"}}
    async with Client() as client:
        try:
            for member in MEMBERS:  # a second pool, defined on each member first
                await client.storage_pools.create(
                    {"name": other, "driver": "dir", "config": {"source": ""}}, target=member
                )
            await client.storage_pools.create({"name": other, "driver": "dir"})
            pool = await client.storage_pools.get("default")
            volume = await pool.volumes.create({"name": name, **settings}, target="m3")

            await volume.move(pool=other, target="m1")

            assert (volume.pool, volume.location, volume.name) == (other, "m1", name)
            assert volume.description == "kept" and volume.config["user.pylxd"] == "kept"
            moved = await (await client.storage_pools.get(other)).volumes.get(name)
            assert (moved.location, moved.description) == ("m1", "kept")
            assert not await pool.volumes.exists(name)

            copy = await volume.copy(f"{name}-copy", pool="default", target="m2")
            assert (copy.pool, copy.location) == ("default", "m2")
            assert copy.description == "kept" and copy.config["user.pylxd"] == "kept"
        finally:
            await _delete_volumes(client, name)
            for location in MEMBERS:
                try:
                    await (
                        client.api.storage_pools[other]
                        .volumes.custom[name]
                        .delete(params={"target": location})
                    )
                except NotFound:
                    pass
            try:
                await client.api.storage_pools[other].delete()
            except NotFound:
                pass


async def test_volume_move_to_its_own_member_or_an_unknown_one_is_refused() -> None:
    name = unique_name("mv2vol")
    async with Client() as client:
        pool = await client.storage_pools.get("default")
        try:
            volume = await pool.volumes.create({"name": name}, target="m3")
            with pytest.raises(LXDAPIException):
                await volume.move(target="no-such-member")
            if client.is_incus:  # LXD copies onto the same member first, then refuses
                with pytest.raises(LXDAPIException, match="different"):
                    await volume.move(target="m3")
            assert await _volumes_named(client, name) == [(name, "m3")]
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
