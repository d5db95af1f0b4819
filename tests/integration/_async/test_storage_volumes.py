"""Storage volumes as the docs show them, attached to a container, copied and moved."""

from __future__ import annotations

import pytest

from pylxd.aio import Client
from pylxd.aio.models import StorageVolume
from pylxd.exceptions import BadRequest, Conflict, InUse, LXDAPIException, NotFound
from tests.integration.conftest import SECOND_SOCKET, volume_dir

pytestmark = pytest.mark.integration


async def test_documented_methods(pool_name, client) -> None:
    storage_pool = await client.storage_pools.get(pool_name)
    assert await storage_pool.volumes.all() == []

    volume = await storage_pool.volumes.create(
        {"name": "vol1", "description": "first", "config": {"size": "10MiB"}}
    )
    assert isinstance(volume, StorageVolume) and not volume.dirty
    assert (volume.name, volume.type, volume.content_type) == ("vol1", "custom", "filesystem")
    assert volume.pool == pool_name and volume.project == "default"
    assert volume.description == "first" and volume.config["size"] == "10MiB"
    assert not volume.used_by and volume.location is not None
    assert isinstance(volume.created_at, str)
    assert volume.api.path == f"/1.0/storage-pools/{pool_name}/volumes/custom/vol1"

    # The docs' examples: volumes.all(), volumes.get('custom', 'vol1').
    volumes = await storage_pool.volumes.all()
    named_volume = await storage_pool.volumes.get("custom", "vol1")
    assert volumes == [named_volume] == [volume]
    assert named_volume.storage_pool is storage_pool
    assert await storage_pool.volumes.get("vol1") == volume  # a custom one by name
    assert await storage_pool.volumes.exists("custom", "vol1")
    assert await storage_pool.volumes.exists("vol1")
    assert not await storage_pool.volumes.exists("custom", "nope")
    assert [v.name for v in await storage_pool.volumes.all(volume_type="custom")] == ["vol1"]
    assert await storage_pool.volumes.all(volume_type="image") == []
    assert await storage_pool.volumes.names() == ["custom/vol1"]
    assert await storage_pool.volumes.names(volume_type="custom") == ["custom/vol1"]
    assert await storage_pool.volumes.names(volume_type="container") == []

    # Upstream's create("custom", definition) and create without waiting.
    second = await storage_pool.volumes.create("custom", {"name": "vol2"})
    assert second.name == "vol2"
    third = await storage_pool.volumes.create({"name": "vol3"}, wait=False)
    assert third.name == "vol3" and await storage_pool.volumes.exists("vol3")

    # Edits by assignment, by item, by update(); save() sends them.
    volume.description = "by assignment"
    volume.config["user.by-item"] = "1"
    assert volume.dirty
    await volume.save()
    assert not volume.dirty
    fresh = await storage_pool.volumes.get("custom", "vol1")
    assert fresh.description == "by assignment" and fresh.config["user.by-item"] == "1"
    fresh.config.update({"user.by-update": "2"})
    await fresh.rollback()
    assert "user.by-update" not in fresh.config
    fresh.config.update({"user.by-update": "2"})
    await fresh.save(wait=True)
    assert (await storage_pool.volumes.get("vol1")).config["user.by-update"] == "2"

    # put replaces, patch merges (both read back); raw_* do not read back.
    await volume.put({"config": {"size": "20MiB"}, "description": "put"})
    assert volume.config == {"size": "20MiB"} and volume.description == "put"
    await volume.patch({"config": {"user.patched": "yes"}})
    assert volume.config == {"size": "20MiB", "user.patched": "yes"}
    await volume.raw_patch({"config": {"user.raw": "1"}})
    assert "user.raw" not in volume.config
    await volume.raw_put({"config": {"size": "10MiB"}, "description": ""})
    assert (await storage_pool.volumes.get("vol1")).config == {"size": "10MiB"}

    # rename (ours and upstream's dict form); the object follows.
    await volume.rename("renamed")
    assert volume.name == "renamed" and volume.api.path.endswith("/custom/renamed")
    assert not await storage_pool.volumes.exists("vol1")
    await volume.sync()
    await volume.rename({"name": "renamed-again", "pool": pool_name})
    assert (await storage_pool.volumes.get("renamed-again")) == volume

    await volume.delete()
    assert not await storage_pool.volumes.exists("renamed-again")
    with pytest.raises(NotFound):
        await storage_pool.volumes.get("custom", "renamed-again")


async def test_errors_carry_lxds_text(pool_name, client) -> None:
    volumes = (await client.storage_pools.get(pool_name)).volumes
    await volumes.create({"name": "taken"})
    with pytest.raises(Conflict, match="already exists"):
        await volumes.create({"name": "taken"})
    with pytest.raises(BadRequest, match="Invalid storage volume type"):
        await volumes.get("nosuch", "taken")
    with pytest.raises(LXDAPIException, match="Invalid value"):
        await volumes.create({"name": "bad", "config": {"size": "lots"}})
    with pytest.raises(TypeError, match="name"):
        await volumes.create({"config": {}})
    with pytest.raises(NotFound):
        await (await client.storage_pools.get(pool_name)).api.volumes.custom.nope.get()


async def test_attached_to_a_container(pool_name, instance_name, image_alias, client) -> None:
    pool = await client.storage_pools.get(pool_name)
    volume = await pool.volumes.create({"name": "data"})
    device = {"type": "disk", "pool": pool_name, "source": "data", "path": "/mnt/data"}
    instance = await client.instances.create(
        {
            "name": instance_name,
            "source": {"type": "image", "alias": image_alias},
            "devices": {"data": device},
        },
        wait=True,
    )
    await instance.start(wait=True)
    result = await instance.execute(["sh", "-c", "echo written inside > /mnt/data/note"])
    assert result.exit_code == 0, result.stderr
    assert (volume_dir(pool, "data") / "note").read_text() == "written inside\n"
    await volume.sync()
    assert f"/1.0/instances/{instance_name}" in volume.used_by

    with pytest.raises(InUse, match="still in use"):
        await volume.delete()

    await instance.stop(wait=True)
    del instance.devices["data"]
    await instance.save(wait=True)
    await volume.delete()
    assert not await pool.volumes.exists("data")


async def test_copy_and_move_between_pools(pool_name, other_pool_name, client) -> None:
    pool = await client.storage_pools.get(pool_name)
    other = await client.storage_pools.get(other_pool_name)
    volume = await pool.volumes.create({"name": "src", "description": "original"})
    (volume_dir(pool, "src") / "f").write_text("payload")
    await volume.snapshots.create("s0")

    beside = await volume.copy("beside")
    assert beside.pool == pool_name and beside.description == "original"
    assert (volume_dir(pool, "beside") / "f").read_text() == "payload"
    assert await beside.snapshots.names() == ["s0"]

    across = await volume.copy(pool=other_pool_name)
    assert (across.name, across.pool) == ("src", other_pool_name)
    assert (volume_dir(other, "src") / "f").read_text() == "payload"
    bare = await volume.copy("bare", pool=other_pool_name, volume_only=True)
    assert await bare.snapshots.all() == []

    await beside.move(pool=other_pool_name, name="moved")
    assert (beside.name, beside.pool) == ("moved", other_pool_name)
    assert beside.api.path == f"/1.0/storage-pools/{other_pool_name}/volumes/custom/moved"
    assert not await pool.volumes.exists("beside")
    await beside.sync()
    assert beside.description == "original"
    assert (volume_dir(other, "moved") / "f").read_text() == "payload"
    assert sorted(await other.volumes.names()) == ["custom/bare", "custom/moved", "custom/src"]


async def test_copy_and_move_between_projects(project_name, pool_name) -> None:
    async with Client() as client:
        pool = await client.storage_pools.get(pool_name)
        volume = await pool.volumes.create({"name": "shared"})
        (volume_dir(pool, "shared") / "f").write_text("across projects")

        copied = await volume.copy(project=project_name)
        assert copied.project == project_name and copied.api.project == project_name
        assert (volume_dir(pool, "shared", project_name) / "f").read_text() == "across projects"

        await volume.move(project=project_name, name="moved")
        assert volume.api.project == project_name and volume.project == project_name
        await volume.sync()  # reached in its new project
        assert volume.name == "moved"
        assert await pool.volumes.names() == []  # gone from the client's project

    async with Client(project=project_name) as in_project:
        there = (await in_project.storage_pools.get(pool_name)).volumes
        assert sorted(await there.names()) == ["custom/moved", "custom/shared"]


async def test_copy_and_migrate_to_another_server(pool_name, second_pool_name) -> None:
    async with Client() as client, Client(endpoint=SECOND_SOCKET) as other:
        pool = await client.storage_pools.get(pool_name)
        there = await other.storage_pools.get(second_pool_name)
        volume = await pool.volumes.create(
            {"name": "travel", "description": "goes away", "config": {"user.k": "v"}}
        )
        (volume_dir(pool, "travel") / "f").write_text("over the wire")
        await volume.snapshots.create("s0")

        copy = await volume.copy("copied", pool=second_pool_name, client=other)
        assert copy.client is other and copy.pool == second_pool_name
        assert copy.description == "goes away" and copy.config["user.k"] == "v"
        assert (volume_dir(there, "copied") / "f").read_text() == "over the wire"
        assert await copy.snapshots.names() == ["s0"]
        assert await pool.volumes.exists("travel")  # a copy leaves the source

        moved = await volume.migrate(other, pool=second_pool_name, volume_only=True)
        assert moved.name == "travel" and await moved.snapshots.names() == []
        assert not await pool.volumes.exists("travel")
        assert (volume_dir(there, "travel") / "f").read_text() == "over the wire"
        with pytest.raises(TypeError, match="migrate"):
            await copy.rename({"name": "x", "pool": second_pool_name, "migration": True})


async def test_content_types(pool_name, client) -> None:
    volumes = (await client.storage_pools.get(pool_name)).volumes
    block = await volumes.create(
        {"name": "blk", "content_type": "block", "config": {"size": "10MiB"}}
    )
    assert block.content_type == "block"
    assert (await block.copy("blk-copy")).content_type == "block"
    assert (await volumes.create({"name": "fs"})).content_type == "filesystem"
    with pytest.raises(LXDAPIException, match="content type"):
        await volumes.create({"name": "odd", "content_type": "nosuch"})


async def test_state(pool_name, client) -> None:
    volume = await (await client.storage_pools.get(pool_name)).volumes.create({"name": "v"})
    if client.is_incus:
        assert "usage" in await volume.state()
    else:
        with pytest.raises(LXDAPIException, match="Not supported"):
            await volume.state()  # LXD 5.0's dir driver has no usage to give
