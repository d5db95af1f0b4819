# Generated from tests/integration/_async/test_migration_modes.py by tools/unasync.py: do not edit, edit the source.
"""LXD's transfer modes between the two real servers (the main LXD and the second one,
scripts/lxd-second): instance copies and migrations, and image copies, in ``pull``,
``push`` (the source sends to the destination's operation) and ``relay`` (the client
carries every websocket message between both) modes; ``allow_inconsistent`` copies."""

from __future__ import annotations

import pytest

from pylxd import Client as BlockingClient
from pylxd import Client
from pylxd.models import Image
from pylxd.exceptions import LXDAPIException

from ..conftest import SECOND_HTTPS_ADDRESS, SECOND_SOCKET, unique_name, volume_dir
from ..image_server import split_image, unified_image
from .instance_helpers import make_instance, read_file, write_file

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _two_lxd_servers(admin: BlockingClient) -> None:
    if admin.is_incus:
        pytest.skip("one Incus here and no second one: transfers between servers run LXD to LXD")


def _running_migrations(client: BlockingClient, name: str) -> list[str]:
    """The running operations that still name the instance ``name``."""
    found = []
    for operation in client.operations.all():
        urls = [url for urls in (operation.resources or {}).values() for url in urls]
        if operation.status == "Running" and any(url.endswith(f"/{name}") for url in urls):
            found.append(operation.id)
    return found


@pytest.mark.parametrize("mode", ["push", "relay"])
def test_copy_a_running_instance_with_its_snapshots(
    mode, second_instance_name, image_alias
) -> None:
    with Client() as source, Client(endpoint=SECOND_SOCKET) as destination:
        original = make_instance(source, second_instance_name, image_alias, start=True)
        write_file(original, "/root/kept", f"copied in {mode} mode")
        original.snapshots.create("snap", wait=True)

        copy = original.copy(client=destination, mode=mode)

        assert copy.client is destination and copy.name == second_instance_name
        assert [s.name for s in copy.snapshots.all()] == ["snap"]
        assert (source.instances.get(second_instance_name)).status == "Running"
        copy.start(wait=True)
        assert read_file(copy, "/root/kept") == f"copied in {mode} mode"


def test_relay_copies_without_snapshots_and_migrates(
    second_instance_name, image_alias
) -> None:
    with Client() as source, Client(endpoint=SECOND_SOCKET) as destination:
        original = make_instance(source, second_instance_name, image_alias, start=True)
        write_file(original, "/root/kept", "relayed")
        original.snapshots.create("snap", wait=True)
        bare = original.copy(client=destination, mode="relay", instance_only=True)
        assert bare.snapshots.all() == []
        bare.delete(wait=True)

        moved = original.migrate(destination, mode="relay")
        assert moved.status == "Running"  # copied, stopped there, started here
        assert read_file(moved, "/root/kept") == "relayed"
        assert not source.instances.exists(second_instance_name)


def test_push_migration_between_two_https_clients(
    second_instance_name, image_alias, https_url, trusted_on_both
) -> None:
    cert = trusted_on_both
    with Client() as local:
        make_instance(local, second_instance_name, image_alias)
    with (
        Client(endpoint=https_url, cert=cert, verify=False) as source,
        Client(endpoint=f"https://{SECOND_HTTPS_ADDRESS}", cert=cert, verify=False) as destination,
    ):
        instance = source.instances.get(second_instance_name)
        moved = instance.migrate(destination, mode="push")
        assert moved.client is destination and moved.status == "Stopped"
        assert not source.instances.exists(second_instance_name)
        assert (destination.instances.get(second_instance_name)).name == moved.name


@pytest.mark.parametrize("mode", ["push", "relay"])
def test_a_failed_transfer_cancels_both_sides(
    mode, second_instance_name, image_alias, admin, second_admin
) -> None:
    with Client() as source, Client(endpoint=SECOND_SOCKET) as destination:
        original = make_instance(source, second_instance_name, image_alias, start=True)
        # The destination already has an instance of that name: it refuses the copy.
        make_instance(destination, second_instance_name, image_alias)
        with pytest.raises(LXDAPIException, match="(?i)exist"):
            original.copy(client=destination, mode=mode)
        assert (source.instances.get(second_instance_name)).status == "Running"
        assert (original.execute(["true"])).exit_code == 0  # not left frozen
    assert _running_migrations(admin, second_instance_name) == []
    assert _running_migrations(second_admin, second_instance_name) == []


def test_an_unknown_mode_is_refused_before_any_request(
    second_instance_name, image_alias
) -> None:
    with Client() as source, Client(endpoint=SECOND_SOCKET) as destination:
        original = make_instance(source, second_instance_name, image_alias)
        with pytest.raises(ValueError, match="pull, push, relay"):
            original.copy(client=destination, mode="teleport")
        with pytest.raises(ValueError, match="pull, push, relay"):
            original.migrate(destination, mode="teleport")
        assert not destination.instances.exists(second_instance_name)


def test_allow_inconsistent_copy_of_a_running_instance(
    instance_name, image_alias, admin
) -> None:
    copy_name = unique_name("inconsistent")
    with Client() as client:
        original = make_instance(client, instance_name, image_alias, start=True)
        write_file(original, "/root/kept", "inconsistent is fine")
        try:
            copy = original.copy(copy_name, allow_inconsistent=True)
            copy.start(wait=True)
            assert read_file(copy, "/root/kept") == "inconsistent is fine"
        finally:
            if client.instances.exists(copy_name):
                (client.instances.get(copy_name)).stop(force=True, wait=True)
                (client.instances.get(copy_name)).delete(wait=True)


@pytest.mark.parametrize(("mode", "split"), [("push", False), ("relay", False), ("relay", True)])
def test_image_copy_in_push_and_relay_modes(
    mode, split, tmp_path, made_images, second_admin
) -> None:
    if split:
        metadata, rootfs, fingerprint = split_image(tmp_path)
    else:
        rootfs, fingerprint = unified_image(tmp_path)
        metadata = None
    made_images.append(fingerprint)
    alias = unique_name("modes")
    with Client() as client, Client(endpoint=SECOND_SOCKET) as second:
        try:
            image = client.images.create(rootfs, metadata)  # private
            copied = image.copy(second, wait=True, alias=alias, mode=mode)
            assert isinstance(copied, Image) and copied.client is second
            assert copied.fingerprint == fingerprint and copied.public is False
            assert copied.properties["os"] == "busybox"
            assert (second.images.get_by_alias(alias)).fingerprint == fingerprint
        finally:
            if second.images.exists(fingerprint):
                (second.images.get(fingerprint)).delete(wait=True)


@pytest.mark.parametrize("mode", ["push", "relay"])
def test_volume_copy_and_migrate_in_push_and_relay_modes(
    mode, pool_name, second_pool_name
) -> None:
    with Client() as client, Client(endpoint=SECOND_SOCKET) as other:
        pool = client.storage_pools.get(pool_name)
        there = other.storage_pools.get(second_pool_name)
        volume = pool.volumes.create({"name": "travel", "config": {"user.k": mode}})
        (volume_dir(pool, "travel") / "f").write_text(f"sent in {mode} mode")
        volume.snapshots.create("s0")

        copy = volume.copy("copied", pool=second_pool_name, client=other, mode=mode)
        assert copy.client is other and copy.config["user.k"] == mode
        assert (volume_dir(there, "copied") / "f").read_text() == f"sent in {mode} mode"
        assert copy.snapshots.names() == ["s0"]

        moved = volume.migrate(other, pool=second_pool_name, volume_only=True, mode=mode)
        assert moved.name == "travel" and moved.snapshots.names() == []
        assert not pool.volumes.exists("travel")
        assert (volume_dir(there, "travel") / "f").read_text() == f"sent in {mode} mode"
