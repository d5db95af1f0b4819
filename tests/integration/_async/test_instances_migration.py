"""Copies and migrations between two real servers: the main LXD and the second one
(scripts/lxd-second). The destination pulls from the source's migration operation."""

from __future__ import annotations

import time

import pytest

from pylxd import Client as BlockingClient
from pylxd.aio import Client
from pylxd.exceptions import LXDAPIException

from ..conftest import SECOND_HTTPS_ADDRESS, SECOND_SOCKET
from .instance_helpers import make_instance, read_file, write_file

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _two_lxd_servers(admin: BlockingClient) -> None:
    if admin.is_incus:
        pytest.skip("one Incus here and no second one: copies between servers run LXD to LXD")


async def test_docs_example_migrate_between_two_https_servers(
    second_instance_name, image_alias, https_url, trusted_on_both
) -> None:
    cert = trusted_on_both
    async with Client() as local:
        original = await make_instance(local, second_instance_name, image_alias, start=True)
        await write_file(original, "/root/kept", "across servers")
        await original.stop(wait=True)

    client_source = Client(endpoint=https_url, cert=cert, verify=False)
    client_destination = Client(endpoint=f"https://{SECOND_HTTPS_ADDRESS}", cert=cert, verify=False)
    async with client_source, client_destination:
        cont = await client_source.containers.get(second_instance_name)
        moved = await cont.migrate(client_destination, wait=True)
        assert moved.name == second_instance_name and moved.client is client_destination
        assert moved.status == "Stopped"
        assert not await client_source.containers.exists(second_instance_name)
    async with Client(endpoint=SECOND_SOCKET) as destination:
        # Read over the socket: an exec over HTTPS right after a start sometimes has its
        # websockets refused ("Only running operations can be connected"), see the notes.
        moved = await destination.instances.get(second_instance_name)
        await moved.start(wait=True)
        assert await read_file(moved, "/root/kept") == "across servers"


async def test_migrate_a_running_container_from_the_local_socket(
    second_instance_name, image_alias
) -> None:
    async with Client() as source, Client(endpoint=SECOND_SOCKET) as destination:
        original = await make_instance(source, second_instance_name, image_alias, start=True)
        await write_file(original, "/root/kept", "still here")
        moved = await original.migrate(destination)
        assert moved.status == "Running"  # copied, stopped there, started here
        assert await read_file(moved, "/root/kept") == "still here"
        assert not await source.instances.exists(second_instance_name)


async def test_copy_to_another_server_keeps_the_source_and_the_snapshots(
    second_instance_name, image_alias
) -> None:
    async with Client() as source, Client(endpoint=SECOND_SOCKET) as destination:
        original = await make_instance(source, second_instance_name, image_alias, start=True)
        await write_file(original, "/root/kept", "copied")
        await original.snapshots.create("snap", wait=True)
        copy = await original.copy(client=destination)
        assert copy.client is destination and copy.name == second_instance_name
        assert [s.name for s in await copy.snapshots.all()] == ["snap"]
        assert (await source.instances.get(second_instance_name)).status == "Running"
        await copy.start(wait=True)
        assert await read_file(copy, "/root/kept") == "copied"
        await copy.stop(wait=True)
        await copy.delete(wait=True)

        bare = await original.copy(client=destination, instance_only=True, wait=False)
        assert await bare.snapshots.all() == []


async def test_generate_migration_data_then_create_on_the_destination(
    second_instance_name, image_alias
) -> None:
    async with Client() as source, Client(endpoint=SECOND_SOCKET) as destination:
        original = await make_instance(source, second_instance_name, image_alias)
        data = await original.generate_migration_data()
        assert data["name"] == second_instance_name
        assert data["source"]["type"] == "migration" and data["source"]["mode"] == "pull"
        assert data["source"]["operation"].startswith("https://")
        assert set(data["source"]["secrets"]) >= {"control", "fs"}
        created = await destination.instances.create(data, wait=True)
        assert created.config["image.os"] == original.config["image.os"]
        assert await source.instances.exists(second_instance_name)


async def test_live_migration_fails_fast_with_the_servers_message(
    second_instance_name, image_alias
) -> None:
    async with Client() as source, Client(endpoint=SECOND_SOCKET) as destination:
        original = await make_instance(source, second_instance_name, image_alias, start=True)
        started = time.monotonic()
        with pytest.raises(LXDAPIException, match="(?i)criu"):
            await original.migrate(destination, live=True, wait=True)
        assert time.monotonic() - started < 10
        assert (await source.instances.get(second_instance_name)).status == "Running"
        assert not await destination.instances.exists(second_instance_name)
