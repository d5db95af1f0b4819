# Generated from tests/fake/_async/test_children.py by tools/unasync.py: do not edit, edit the source.
"""Snapshots and backups share one base: a child is its name *and* its parent (two volume
snapshots called ``snap0`` on two volumes used to compare equal), and upstream's names for
the parent (``snapshot.instance``, ``volume_snapshot.volume``) are the same object."""

from __future__ import annotations

from pylxd import Client
from pylxd.models import (
    Backup,
    Instance,
    Snapshot,
    StorageVolume,
    StorageVolumeBackup,
    StorageVolumeSnapshot,
)
from tests.fake.conftest import HOST_INFO, send_json, sync_envelope


def test_children_are_equal_only_under_the_same_parent(fake_lxd) -> None:
    with Client(fake_lxd.socket_path) as client:
        vol1 = StorageVolume(client, name="vol1", type="custom", pool="p")
        vol2 = StorageVolume(client, name="vol2", type="custom", pool="p")
        c1, c2 = Instance(client, name="c1"), Instance(client, name="c2")
        for model, one, other in (
            (StorageVolumeSnapshot, vol1, vol2),
            (StorageVolumeBackup, vol1, vol2),
        ):
            assert model(client, volume=one, name="x") != model(client, volume=other, name="x")
            assert model(client, volume=one, name="x") == model(client, volume=one, name="x")
            assert model(client, volume=one, name="x").volume is one
        for model, one, other in ((Snapshot, c1, c2), (Backup, c1, c2)):
            assert model(client, instance=one, name="x") != model(client, instance=other, name="x")
            assert model(client, instance=one, name="x") == model(client, instance=one, name="x")
            assert model(client, instance=one, name="x").instance is one


def test_managers_hand_their_parent_to_what_they_build(fake_lxd) -> None:
    info = {**HOST_INFO, "api_extensions": ["storage", "storage_api_volume_snapshots"]}
    fake_lxd.routes[("GET", "/1.0")] = lambda h: send_json(h, 200, sync_envelope(info))
    with Client(fake_lxd.socket_path) as client:
        instance = Instance(client, name="c1")
        volumes = client.api.storage_pools["p"].volumes["custom"]
        volume = StorageVolume(client, collection=volumes, name="vol1", type="custom", pool="p")
        assert instance.snapshots.parent is instance and instance.backups.parent is instance
        assert volume.snapshots.parent is volume and volume.backups.parent is volume
        built = instance.snapshots._wrap({"name": "c1/s0"})
        assert built.instance is instance and built.name == "s0"
