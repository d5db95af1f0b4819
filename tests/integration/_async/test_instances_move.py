"""``instance.move(pool=..., project=...)`` on the real daemon (LXD and Incus): the root
disk to another storage pool, the instance to another project, both, and back; the
object follows. Moves between cluster members: tests/cluster/_async/test_moves.py."""

from __future__ import annotations

import pytest

from pylxd.aio import Client
from pylxd.exceptions import LXDAPIException

from .instance_helpers import make_instance, read_file, write_file

pytestmark = pytest.mark.integration


async def test_move_to_another_pool_then_project_then_back(
    instance_name, image_alias, other_pool_name, project_name
) -> None:
    async with Client() as client:
        instance = await make_instance(client, instance_name, image_alias, start=True)
        await write_file(instance, "/root/kept", "moved twice")
        await instance.stop(wait=True)

        await instance.move(pool=other_pool_name)
        assert instance.expanded_devices["root"]["pool"] == other_pool_name
        assert (await client.instances.get(instance_name)).devices["root"]["pool"] == (
            other_pool_name
        )

        await instance.move(project=project_name)
        assert instance.project == project_name
        assert not await client.instances.exists(instance_name)
        assert await client.instances.exists(instance_name, project=project_name)

        await instance.start(wait=True)  # the object goes to its new project
        assert await read_file(instance, "/root/kept") == "moved twice"
        await instance.stop(wait=True)

        await instance.move(pool="default", project="default")  # both: one step each
        assert instance.project == "default"
        assert instance.expanded_devices["root"]["pool"] == "default"
        assert not await client.instances.exists(instance_name, project=project_name)
        moved = await client.instances.get(instance_name)
        assert moved.devices["root"]["pool"] == "default"


async def test_a_bad_move_is_refused_with_the_servers_message(instance_name, image_alias) -> None:
    async with Client() as client:
        instance = await make_instance(client, instance_name, image_alias, start=True)
        with pytest.raises(ValueError, match="target member, a pool or a project"):
            await instance.move()
        with pytest.raises(LXDAPIException, match="(?i)must be stopped"):
            await instance.move(pool="default")
        await instance.stop(wait=True)
        with pytest.raises(LXDAPIException, match="Storage pool not found"):
            await instance.move(pool="pylxd-no-such-pool")
        with pytest.raises(LXDAPIException, match="Project not found"):
            await instance.move(project="pylxd-no-such-project")
        assert (await client.instances.get(instance_name)).expanded_devices["root"]["pool"] == (
            "default"
        )
