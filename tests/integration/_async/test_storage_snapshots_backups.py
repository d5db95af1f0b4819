"""Volume snapshots and backups: round trips, expiry, restore, export/import, btrfs."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pylxd.aio.models import StorageVolumeBackup, StorageVolumeSnapshot
from pylxd.exceptions import Conflict, LXDAPIExtensionNotAvailable, NotFound
from tests.integration.conftest import unique_name, volume_dir

pytestmark = pytest.mark.integration


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_snapshot_round_trip(pool_name, client) -> None:
    pool = await client.storage_pools.get(pool_name)
    volume = await pool.volumes.create({"name": "vol"})
    note = volume_dir(pool, "vol") / "note"
    note.write_text("before")

    snapshot = await volume.snapshots.create("first")
    assert isinstance(snapshot, StorageVolumeSnapshot) and not snapshot.dirty
    assert snapshot.name == "first" and snapshot.expires_at is None
    assert snapshot.volume is volume
    assert snapshot.api.path.endswith("/volumes/custom/vol/snapshots/first")
    picked = await volume.snapshots.create()  # LXD names it
    assert picked.name == "snap0"
    later = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=30)
    expiring = await volume.snapshots.create("expiring", expires_at=later)
    assert _when(expiring.expires_at) == later

    listed = await volume.snapshots.all(
        use_recursion=True
    )  # objects, named without the volume's prefix
    assert sorted(s.name for s in listed) == ["expiring", "first", "snap0"]
    assert sorted(await volume.snapshots.names()) == ["expiring", "first", "snap0"]
    assert sorted(await volume.snapshots.all()) == ["expiring", "first", "snap0"]  # old pylxd
    assert {s.content_type for s in listed} == {"filesystem"}  # LXD lists it empty
    assert await volume.snapshots.get("first") == snapshot
    assert await volume.snapshots.exists("first")
    assert not await volume.snapshots.exists("nope")
    with pytest.raises(Conflict):
        await volume.snapshots.create("first")

    # Description and expiry: by assignment then save(); patch; clearing the expiry.
    snapshot.description = "kept"
    snapshot.expires_at = later + timedelta(days=1)
    await snapshot.save()
    fresh = await volume.snapshots.get("first")
    assert fresh.description == "kept" and _when(fresh.expires_at) == later + timedelta(days=1)
    await fresh.patch({"description": "patched"})
    assert fresh.description == "patched"
    fresh.expires_at = None
    await fresh.save()
    assert (await volume.snapshots.get("first")).expires_at is None

    # Restore brings the file back; rename and delete wait for their operations.
    note.write_text("after")
    await snapshot.restore()
    assert note.read_text() == "before"
    note.write_text("after")
    await volume.restore_from("first")
    assert note.read_text() == "before"
    await snapshot.rename("renamed")
    assert snapshot.name == "renamed" and await volume.snapshots.exists("renamed")
    await snapshot.delete()
    await picked.delete()
    assert await volume.snapshots.names() == ["expiring"]
    with pytest.raises(NotFound):
        await volume.snapshots.get("renamed")


def _when(value: str | None) -> datetime:
    assert value is not None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def test_backup_round_trip(pool_name, tmp_path: Path, client) -> None:
    pool = await client.storage_pools.get(pool_name)
    volume = await pool.volumes.create({"name": "vol", "description": "backed up"})
    payload = volume_dir(pool, "vol") / "payload.bin"
    payload.write_bytes(os.urandom(3 << 20))
    await volume.snapshots.create("s0")

    backup = await volume.backups.create("b1")
    assert isinstance(backup, StorageVolumeBackup) and backup.name == "b1"
    assert backup.volume_only is False and backup.optimized_storage is False
    assert backup.expires_at is None and backup.created_at
    picked = await volume.backups.create(volume_only=True, compression_algorithm="gzip")
    # LXD names it backup<N>, N from a counter of its own (not always 0).
    assert picked.name.startswith("backup") and picked.volume_only is True
    assert sorted(b.name for b in await volume.backups.all()) == ["b1", picked.name]
    assert await volume.backups.get("b1") == backup
    assert await volume.backups.exists("b1")
    assert not await volume.backups.exists("nope")

    await backup.rename("b2")
    assert backup.name == "b2" and await volume.backups.names() != ["b1"]

    tarball = tmp_path / "vol.tar.gz"
    with tarball.open("wb") as target:
        written = await backup.export(target)
    assert written == tarball.stat().st_size > 0

    with tarball.open("rb") as source:
        restored = await pool.volumes.create_from_backup(source, name="restored")
    assert restored.name == "restored" and restored.description == "backed up"
    assert sha256(volume_dir(pool, "restored") / "payload.bin") == sha256(payload)
    assert await restored.snapshots.names() == ["s0"]

    with (tmp_path / "bare.tar.gz").open("wb") as target:
        await picked.export(target)
    with (tmp_path / "bare.tar.gz").open("rb") as source:
        bare = await pool.volumes.create_from_backup(source.read(), name="bare")
    assert sha256(volume_dir(pool, "bare") / "payload.bin") == sha256(payload)
    assert await bare.snapshots.names() == []

    await backup.delete()
    await picked.delete()
    assert await volume.backups.all() == []


async def test_btrfs_pool_snapshots_copies_and_optimized_backups(
    btrfs_pool_name, pool_name, tmp_path: Path, client
) -> None:
    btrfs = await client.storage_pools.get(btrfs_pool_name)
    assert btrfs.driver == "btrfs" and btrfs.config["size"] == "1GiB"
    pool = await client.storage_pools.get(pool_name)
    # LXD 5.0 once refused this test's backup as "already exists" right after the other
    # flavour's run: the volume's name is unique, in case backups are known by it.
    origin_name = unique_name("origin")
    origin = await pool.volumes.create({"name": origin_name})
    (volume_dir(pool, origin_name) / "f").write_text("from dir")

    # dir → btrfs copy, a snapshot and a restore on btrfs, then back to dir to read it.
    on_btrfs = await origin.copy(pool=btrfs_pool_name)
    assert on_btrfs.pool == btrfs_pool_name
    await on_btrfs.snapshots.create("snap")
    assert await on_btrfs.snapshots.names() == ["snap"]
    await on_btrfs.snapshots.create("snap-expiring", expires_at="2099-01-01T00:00:00Z")

    optimized = await on_btrfs.backups.create("opt", optimized_storage=True)
    assert optimized.optimized_storage is True
    tarball = tmp_path / "opt.tar.gz"
    with tarball.open("wb") as target:
        await optimized.export(target)
    with tarball.open("rb") as source:
        imported = await btrfs.volumes.create_from_backup(source, name="imported")
    assert sorted(await imported.snapshots.names()) == ["snap", "snap-expiring"]
    back = await imported.copy("back", pool=pool_name, volume_only=True)
    assert (volume_dir(pool, "back") / "f").read_text() == "from dir"

    await on_btrfs.move(pool=pool_name, name="moved-back")
    assert (volume_dir(pool, "moved-back") / "f").read_text() == "from dir"
    assert back.pool == pool_name

    block = await btrfs.volumes.create(
        {"name": "blk", "content_type": "block", "config": {"size": "8MiB"}}
    )
    assert block.content_type == "block"
    await block.snapshots.create("s")
    assert (await block.copy(pool=pool_name)).content_type == "block"


async def test_servers_without_the_extensions_are_refused(pool_name, client) -> None:
    volume = await (await client.storage_pools.get(pool_name)).volumes.create({"name": "v"})
    extensions = client.host_info["api_extensions"]
    for name in (
        "storage_api_volume_snapshots",
        "custom_volume_backup",
        "custom_volume_snapshot_expiry",
        "storage_volume_project_move",
        "storage_volume_state",
    ):
        extensions.remove(name)
    with pytest.raises(LXDAPIExtensionNotAvailable, match="storage_api_volume_snapshots"):
        await volume.snapshots.create("s")
    with pytest.raises(LXDAPIExtensionNotAvailable, match="custom_volume_backup"):
        await volume.backups.all()
    with pytest.raises(LXDAPIExtensionNotAvailable, match="custom_volume_backup"):
        await volume.storage_pool.volumes.create_from_backup(b"")  # type: ignore[union-attr]
    with pytest.raises(LXDAPIExtensionNotAvailable, match="storage_volume_project_move"):
        await volume.move(project="elsewhere")
    with pytest.raises(LXDAPIExtensionNotAvailable, match="storage_volume_state"):
        await volume.state()
    extensions.append("storage_api_volume_snapshots")
    with pytest.raises(LXDAPIExtensionNotAvailable, match="custom_volume_snapshot_expiry"):
        await volume.snapshots.create("s", expires_at="2099-01-01T00:00:00Z")
    assert await volume.snapshots.all() == []  # nothing was sent
