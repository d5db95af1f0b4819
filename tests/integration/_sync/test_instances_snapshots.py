# Generated from tests/integration/_async/test_instances_snapshots.py by tools/unasync.py: do not edit, edit the source.
"""Instance snapshots on real containers: the docs' "Container Snapshots" section and more."""

from __future__ import annotations

import time

import pytest

from pylxd.models import Snapshot
from pylxd.exceptions import LXDAPIException, NotFound, OperationFailed

from .instance_helpers import make_instance, read_file, wait_for_operations_on, write_file

pytestmark = pytest.mark.integration


def test_docs_example_get_created_at_rename_delete(
    instance_name, image_alias, client
) -> None:
    container = make_instance(client, instance_name, image_alias)
    container.snapshots.create("an-snapshot", wait=True)

    snapshot = container.snapshots.get("an-snapshot")
    assert isinstance(snapshot, Snapshot)
    assert snapshot.name == "an-snapshot"
    assert snapshot.created_at and snapshot.created_at[:2] == "20"
    assert snapshot.stateful is False

    snapshot.rename("backup-snapshot", wait=True)
    assert snapshot.name == "backup-snapshot"
    assert container.snapshots.exists("backup-snapshot")
    assert not container.snapshots.exists("an-snapshot")

    snapshot.delete(wait=True)
    assert not container.snapshots.exists("backup-snapshot")
    with pytest.raises(NotFound):
        container.snapshots.get("backup-snapshot")


def test_create_all_and_a_name_chosen_by_the_server(
    instance_name, image_alias, client
) -> None:
    container = make_instance(client, instance_name, image_alias)
    snapshot = container.snapshots.create("my-backup", wait=True)
    assert snapshot.name == "my-backup"
    unnamed = container.snapshots.create(wait=True)
    assert unnamed.name and unnamed.name != "my-backup"
    assert unnamed.instance is container

    snapshots = container.snapshots.all()
    assert sorted(s.name for s in snapshots) == sorted(["my-backup", unnamed.name])
    assert all(isinstance(s, Snapshot) and s.created_at for s in snapshots)
    assert snapshots[0] == container.snapshots.get(snapshots[0].name)

    quick = container.snapshots.create("no-wait")
    assert quick.name == "no-wait"
    wait_for_operations_on(client, instance_name)
    assert container.snapshots.exists("no-wait")
    quick.sync()
    assert quick.created_at
    named_by_the_server = container.snapshots.create()  # waits, to learn the name
    assert named_by_the_server.name not in ("my-backup", unnamed.name, "no-wait")
    assert named_by_the_server.created_at


def test_stateful_snapshot_fails_fast_with_the_servers_message(
    instance_name, image_alias, client
) -> None:
    extra = {"config": {"migration.stateful": "true"}} if client.is_incus else {}
    container = make_instance(client, instance_name, image_alias, True, **extra)
    started = time.monotonic()
    with pytest.raises(OperationFailed, match="(?i)criu") as caught:
        container.snapshots.create("my-backup", stateful=True, wait=True)
    assert time.monotonic() - started < 10
    assert "stateful" in str(caught.value).lower()
    assert not container.snapshots.exists("my-backup")


def test_expiry_on_create_and_update_and_the_description(
    instance_name, image_alias, client
) -> None:
    container = make_instance(client, instance_name, image_alias)
    snapshot = container.snapshots.create(
        "expiring", wait=True, expires_at="2030-01-02T03:04:05Z", description="first"
    )
    assert snapshot.expires_at.startswith("2030-01-02T03:04:05")
    raw = (container.api.snapshots["expiring"].get()).json()["metadata"]
    # Sent; kept by servers whose snapshots have a description (not LXD 5.0, Incus 6.0).
    assert snapshot.description == ("first" if "description" in raw else None)

    snapshot.expires_at = "2031-06-07T08:09:10Z"
    assert snapshot.dirty
    snapshot.save(wait=True)
    assert not snapshot.dirty
    fresh = container.snapshots.get("expiring")
    assert fresh.expires_at.startswith("2031-06-07T08:09:10")

    fresh.expires_at = "garbage"
    with pytest.raises(LXDAPIException):
        fresh.save(wait=True)
    fresh.rollback()
    assert fresh.expires_at.startswith("2031")


def test_restore_by_the_instance_and_by_the_snapshot(
    instance_name, image_alias, client
) -> None:
    container = make_instance(client, instance_name, image_alias, start=True)
    write_file(container, "/root/state", "first")
    snapshot = container.snapshots.create("before", wait=True)

    write_file(container, "/root/state", "second")
    container.restore_snapshot("before", wait=True)
    assert read_file(container, "/root/state") == "first"

    write_file(container, "/root/state", "third")
    snapshot.restore(wait=True)
    assert read_file(container, "/root/state") == "first"

    with pytest.raises(LXDAPIException):
        container.restore_snapshot("no-such-snapshot", wait=True)


def test_snapshot_publish_makes_an_image(
    instance_name, image_alias, published, client
) -> None:
    container = make_instance(client, instance_name, image_alias)
    snapshot = container.snapshots.create("to-publish", wait=True)
    # Properties of its own: the same files make the same image, which LXD refuses twice.
    properties = {"user.pylxd-test": instance_name}
    image = snapshot.publish(public=True, wait=True, properties=properties)
    published.append(image.fingerprint)
    assert image.public is True
    assert len(image.fingerprint) == 64
    assert image.properties["user.pylxd-test"] == instance_name
