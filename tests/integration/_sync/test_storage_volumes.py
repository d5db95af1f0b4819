# Generated from tests/integration/_async/test_storage_volumes.py by tools/unasync.py: do not edit, edit the source.
"""Storage volumes as the docs show them, attached to a container, copied and moved."""

from __future__ import annotations

import pytest

from pylxd import Client
from pylxd.models import StorageVolume
from pylxd.exceptions import BadRequest, Conflict, InUse, LXDAPIException, NotFound
from tests.integration.conftest import SECOND_SOCKET, volume_dir

pytestmark = pytest.mark.integration


def test_documented_methods(pool_name, client) -> None:
    storage_pool = client.storage_pools.get(pool_name)
    assert storage_pool.volumes.all() == []

    volume = storage_pool.volumes.create(
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
    volumes = storage_pool.volumes.all()
    named_volume = storage_pool.volumes.get("custom", "vol1")
    assert volumes == [named_volume] == [volume]
    assert named_volume.storage_pool is storage_pool
    assert storage_pool.volumes.get("vol1") == volume  # a custom one by name
    assert storage_pool.volumes.exists("custom", "vol1")
    assert storage_pool.volumes.exists("vol1")
    assert not storage_pool.volumes.exists("custom", "nope")
    assert [v.name for v in storage_pool.volumes.all(volume_type="custom")] == ["vol1"]
    assert storage_pool.volumes.all(volume_type="image") == []
    assert storage_pool.volumes.names() == ["custom/vol1"]
    assert storage_pool.volumes.names(volume_type="custom") == ["custom/vol1"]
    assert storage_pool.volumes.names(volume_type="container") == []

    # Upstream's create("custom", definition) and create without waiting.
    second = storage_pool.volumes.create("custom", {"name": "vol2"})
    assert second.name == "vol2"
    third = storage_pool.volumes.create({"name": "vol3"}, wait=False)
    assert third.name == "vol3" and storage_pool.volumes.exists("vol3")

    # Edits by assignment, by item, by update(); save() sends them.
    volume.description = "by assignment"
    volume.config["user.by-item"] = "1"
    assert volume.dirty
    volume.save()
    assert not volume.dirty
    fresh = storage_pool.volumes.get("custom", "vol1")
    assert fresh.description == "by assignment" and fresh.config["user.by-item"] == "1"
    fresh.config.update({"user.by-update": "2"})
    fresh.rollback()
    assert "user.by-update" not in fresh.config
    fresh.config.update({"user.by-update": "2"})
    fresh.save(wait=True)
    assert (storage_pool.volumes.get("vol1")).config["user.by-update"] == "2"

    # put replaces, patch merges (both read back); raw_* do not read back.
    volume.put({"config": {"size": "20MiB"}, "description": "put"})
    assert volume.config == {"size": "20MiB"} and volume.description == "put"
    volume.patch({"config": {"user.patched": "yes"}})
    assert volume.config == {"size": "20MiB", "user.patched": "yes"}
    volume.raw_patch({"config": {"user.raw": "1"}})
    assert "user.raw" not in volume.config
    volume.raw_put({"config": {"size": "10MiB"}, "description": ""})
    assert (storage_pool.volumes.get("vol1")).config == {"size": "10MiB"}

    # rename (ours and upstream's dict form); the object follows.
    volume.rename("renamed")
    assert volume.name == "renamed" and volume.api.path.endswith("/custom/renamed")
    assert not storage_pool.volumes.exists("vol1")
    volume.sync()
    volume.rename({"name": "renamed-again", "pool": pool_name})
    assert (storage_pool.volumes.get("renamed-again")) == volume

    volume.delete()
    assert not storage_pool.volumes.exists("renamed-again")
    with pytest.raises(NotFound):
        storage_pool.volumes.get("custom", "renamed-again")


def test_errors_carry_lxds_text(pool_name, client) -> None:
    volumes = (client.storage_pools.get(pool_name)).volumes
    volumes.create({"name": "taken"})
    with pytest.raises(Conflict, match="already exists"):
        volumes.create({"name": "taken"})
    with pytest.raises(BadRequest, match="Invalid storage volume type"):
        volumes.get("nosuch", "taken")
    with pytest.raises(LXDAPIException, match="Invalid value"):
        volumes.create({"name": "bad", "config": {"size": "lots"}})
    with pytest.raises(TypeError, match="name"):
        volumes.create({"config": {}})
    with pytest.raises(NotFound):
        (client.storage_pools.get(pool_name)).api.volumes.custom.nope.get()


def test_attached_to_a_container(pool_name, instance_name, image_alias, client) -> None:
    pool = client.storage_pools.get(pool_name)
    volume = pool.volumes.create({"name": "data"})
    device = {"type": "disk", "pool": pool_name, "source": "data", "path": "/mnt/data"}
    instance = client.instances.create(
        {
            "name": instance_name,
            "source": {"type": "image", "alias": image_alias},
            "devices": {"data": device},
        },
        wait=True,
    )
    instance.start(wait=True)
    result = instance.execute(["sh", "-c", "echo written inside > /mnt/data/note"])
    assert result.exit_code == 0, result.stderr
    assert (volume_dir(pool, "data") / "note").read_text() == "written inside\n"
    volume.sync()
    assert f"/1.0/instances/{instance_name}" in volume.used_by

    with pytest.raises(InUse, match="still in use"):
        volume.delete()

    instance.stop(wait=True)
    del instance.devices["data"]
    instance.save(wait=True)
    volume.delete()
    assert not pool.volumes.exists("data")


def test_copy_and_move_between_pools(pool_name, other_pool_name, client) -> None:
    pool = client.storage_pools.get(pool_name)
    other = client.storage_pools.get(other_pool_name)
    volume = pool.volumes.create({"name": "src", "description": "original"})
    (volume_dir(pool, "src") / "f").write_text("payload")
    volume.snapshots.create("s0")

    beside = volume.copy("beside")
    assert beside.pool == pool_name and beside.description == "original"
    assert (volume_dir(pool, "beside") / "f").read_text() == "payload"
    assert beside.snapshots.names() == ["s0"]

    across = volume.copy(pool=other_pool_name)
    assert (across.name, across.pool) == ("src", other_pool_name)
    assert (volume_dir(other, "src") / "f").read_text() == "payload"
    bare = volume.copy("bare", pool=other_pool_name, volume_only=True)
    assert bare.snapshots.all() == []

    beside.move(pool=other_pool_name, name="moved")
    assert (beside.name, beside.pool) == ("moved", other_pool_name)
    assert beside.api.path == f"/1.0/storage-pools/{other_pool_name}/volumes/custom/moved"
    assert not pool.volumes.exists("beside")
    beside.sync()
    assert beside.description == "original"
    assert (volume_dir(other, "moved") / "f").read_text() == "payload"
    assert sorted(other.volumes.names()) == ["custom/bare", "custom/moved", "custom/src"]


def test_copy_and_move_between_projects(project_name, pool_name) -> None:
    with Client() as client:
        pool = client.storage_pools.get(pool_name)
        volume = pool.volumes.create({"name": "shared"})
        (volume_dir(pool, "shared") / "f").write_text("across projects")

        copied = volume.copy(project=project_name)
        assert copied.project == project_name and copied.api.project == project_name
        assert (volume_dir(pool, "shared", project_name) / "f").read_text() == "across projects"

        volume.move(project=project_name, name="moved")
        assert volume.api.project == project_name and volume.project == project_name
        volume.sync()  # reached in its new project
        assert volume.name == "moved"
        assert pool.volumes.names() == []  # gone from the client's project

    with Client(project=project_name) as in_project:
        there = (in_project.storage_pools.get(pool_name)).volumes
        assert sorted(there.names()) == ["custom/moved", "custom/shared"]


def test_copy_and_migrate_to_another_server(pool_name, second_pool_name) -> None:
    with Client() as client, Client(endpoint=SECOND_SOCKET) as other:
        pool = client.storage_pools.get(pool_name)
        there = other.storage_pools.get(second_pool_name)
        volume = pool.volumes.create(
            {"name": "travel", "description": "goes away", "config": {"user.k": "v"}}
        )
        (volume_dir(pool, "travel") / "f").write_text("over the wire")
        volume.snapshots.create("s0")

        copy = volume.copy("copied", pool=second_pool_name, client=other)
        assert copy.client is other and copy.pool == second_pool_name
        assert copy.description == "goes away" and copy.config["user.k"] == "v"
        assert (volume_dir(there, "copied") / "f").read_text() == "over the wire"
        assert copy.snapshots.names() == ["s0"]
        assert pool.volumes.exists("travel")  # a copy leaves the source

        moved = volume.migrate(other, pool=second_pool_name, volume_only=True)
        assert moved.name == "travel" and moved.snapshots.names() == []
        assert not pool.volumes.exists("travel")
        assert (volume_dir(there, "travel") / "f").read_text() == "over the wire"
        with pytest.raises(TypeError, match="migrate"):
            copy.rename({"name": "x", "pool": second_pool_name, "migration": True})


def test_content_types(pool_name, client) -> None:
    volumes = (client.storage_pools.get(pool_name)).volumes
    block = volumes.create(
        {"name": "blk", "content_type": "block", "config": {"size": "10MiB"}}
    )
    assert block.content_type == "block"
    assert (block.copy("blk-copy")).content_type == "block"
    assert (volumes.create({"name": "fs"})).content_type == "filesystem"
    with pytest.raises(LXDAPIException, match="content type"):
        volumes.create({"name": "odd", "content_type": "nosuch"})


def test_state(pool_name, client) -> None:
    volume = (client.storage_pools.get(pool_name)).volumes.create({"name": "v"})
    if client.is_incus:
        assert "usage" in volume.state()
    else:
        with pytest.raises(LXDAPIException, match="Not supported"):
            volume.state()  # LXD 5.0's dir driver has no usage to give
