# Generated from tests/integration/_async/test_storage_pools.py by tools/unasync.py: do not edit, edit the source.
"""Storage pools as the docs show them: manager methods, edits, resources, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pylxd import Client
from pylxd.models import StoragePool, StorageResources
from pylxd.exceptions import (
    BadRequest,
    Conflict,
    InUse,
    LXDAPIException,
    LXDAPIExtensionNotAvailable,
    NotFound,
)
from tests.integration.conftest import delete_pool, unique_name

pytestmark = pytest.mark.integration


def test_create_get_all_exists_delete(admin, tmp_path: Path) -> None:
    name = unique_name("pool")
    source = tmp_path / "src"
    source.mkdir()
    definition = {
        "name": name,
        "driver": "dir",
        "description": "made by a test",
        "config": {"source": str(source)},
    }
    try:
        with Client() as client:
            pool = client.storage_pools.create(definition)
            assert isinstance(pool, StoragePool) and not pool.dirty
            assert (pool.name, pool.driver, pool.description) == (name, "dir", "made by a test")
            assert pool.config["source"] == str(source)
            assert pool.status == "Created" and not pool.used_by
            assert pool.locations and pool.managed is True  # not sent: every pool is managed
            assert pool.api.path == f"/1.0/storage-pools/{name}"

            # The docs' example, and the upstream classmethod spellings.
            storage_pool = client.storage_pools.get(name)
            assert storage_pool == pool and storage_pool.config == pool.config
            assert StoragePool.get(client, name) == pool
            assert client.storage_pools.exists(name)
            assert StoragePool.exists(client, name)
            listed = {p.name: p for p in client.storage_pools.all()}
            assert listed[name].driver == "dir" and "default" in listed
            assert name in client.storage_pools.names()
            assert name in [p.name for p in StoragePool.all(client)]

            pool.delete()
            assert not client.storage_pools.exists(name)
            with pytest.raises(NotFound):
                client.storage_pools.get(name)
            with pytest.raises(NotFound):
                pool.delete()
            # The classmethod create, with wait=False (a pool is made synchronously anyway).
            again = StoragePool.create(client, definition, wait=False)
            assert again.name == name and again.driver == "dir"
    finally:
        delete_pool(admin, name)


def test_save_put_patch_raw_and_rollback(pool_name, client) -> None:
    pool = client.storage_pools.get(pool_name)

    pool.config["user.by-item"] = "1"  # an edit by item
    assert pool.dirty
    pool.description = "by assignment"
    pool.save()
    assert not pool.dirty
    fresh = client.storage_pools.get(pool_name)
    assert fresh.config["user.by-item"] == "1" and fresh.description == "by assignment"

    fresh.config.update({"user.by-update": "2"})
    assert fresh.dirty
    fresh.rollback()
    assert not fresh.dirty and "user.by-update" not in fresh.config
    fresh.config.update({"user.by-update": "2"})
    fresh.save(wait=True)
    assert (client.storage_pools.get(pool_name)).config["user.by-update"] == "2"

    # put replaces config and description; the object is read back.
    source = pool.config["source"]
    pool.put({"config": {"source": source, "user.put": "p"}, "description": "put"})
    assert pool.config == {"source": source, "user.put": "p"} and pool.description == "put"
    # patch merges.
    pool.patch({"config": {"user.patch": "q"}})
    assert pool.config["user.put"] == "p" and pool.config["user.patch"] == "q"
    # raw_put / raw_patch leave the object as it was.
    before = pool.description
    pool.raw_patch({"description": "raw"})
    assert pool.description == before != "raw"
    assert (client.storage_pools.get(pool_name)).description == "raw"
    pool.raw_put({"config": {"source": source}, "description": ""})
    assert (client.storage_pools.get(pool_name)).config == {"source": source}

    with pytest.raises(BadRequest, match='Invalid option "nope"'):
        pool.patch({"config": {"nope": "1"}})


def test_resources(pool_name, client) -> None:
    storage_pool = client.storage_pools.get(pool_name)
    resources = storage_pool.resources.get()  # the docs' example
    assert isinstance(resources, StorageResources)
    assert 0 < resources.space["used"] <= resources.space["total"]
    assert 0 < resources.inodes["used"] <= resources.inodes["total"]
    assert StorageResources.get(storage_pool) is not None


def test_errors_carry_lxds_text(pool_name, client) -> None:
    pool = client.storage_pools.get(pool_name)
    pool.volumes.create({"name": "keep"})
    with pytest.raises(InUse, match="The storage pool is currently in use") as in_use:
        pool.delete()
    assert in_use.value.status_code == 400 and isinstance(in_use.value, BadRequest)

    with pytest.raises(LXDAPIException, match="Unknown driver 'nosuch'.*dir") as unknown:
        client.storage_pools.create({"name": unique_name("pool"), "driver": "nosuch"})
    assert unknown.value.error.startswith("Unknown driver")

    with pytest.raises(Conflict, match="already exists"):
        client.storage_pools.create({"name": pool_name, "driver": "dir"})
    with pytest.raises(NotFound):
        client.storage_pools.get(unique_name("missing"))
    with pytest.raises(TypeError, match="name"):
        client.storage_pools.create({"driver": "dir"})
    with pytest.raises(LXDAPIException, match="not implemented"):
        pool.rename(unique_name("pool"))  # LXD cannot rename pools


def test_a_server_without_the_extension_is_refused(client) -> None:
    client.host_info["api_extensions"].remove("storage")
    with pytest.raises(LXDAPIExtensionNotAvailable, match="'storage'"):
        client.storage_pools.all()
    with pytest.raises(LXDAPIExtensionNotAvailable):
        client.storage_pools.get("default")


def test_the_docs_create_example(admin) -> None:
    """The docs' definition is for zfs, which this machine lacks: LXD says so, typed. The
    same definition with btrfs (a 10GB sparse loop file) is made as written."""
    definition = {"config": {"size": "10GB"}, "driver": "zfs", "name": unique_name("pool1")}
    with Client() as client:
        try:
            with pytest.raises(LXDAPIException, match="(?i)zfs|zpool"):
                client.storage_pools.create(definition)
            if not shutil.which("mkfs.btrfs"):
                pytest.skip("no btrfs-progs here for the btrfs variant of the example")
            pool = client.storage_pools.create({**definition, "driver": "btrfs"})
            assert pool.driver == "btrfs" and pool.config["size"] == "10GB"
        finally:
            delete_pool(admin, definition["name"])
