"""The docs' "Containers" section on real containers, every create source, ``state()``,
bulk state changes and VMs (which fail fast here: no KVM)."""

from __future__ import annotations

import time

import pytest

from pylxd.aio import Client
from pylxd.aio.models import Container, Instance
from pylxd.exceptions import LXDAPIException

from ..conftest import unique_name
from .instance_helpers import (
    image_config,
    make_instance,
    wait_for_operations_on,
)


async def test_docs_get_all_and_create_from_none(instance_name, client) -> None:
    config = {"name": instance_name, "source": {"type": "none"}}
    container = await client.containers.create(config, wait=False)
    assert isinstance(container, Container) and container.name == instance_name
    await wait_for_operations_on(client, instance_name)

    fetched = await client.containers.get(instance_name)
    assert fetched == container and fetched.status == "Stopped"
    assert instance_name in [c.name for c in await client.containers.all()]
    assert await client.containers.exists(instance_name)


async def test_docs_create_with_limits_start_freeze_delete(
    instance_name, image_alias, client
) -> None:
    config = image_config(instance_name, image_alias, config={"limits.cpu": "1"})
    config["profiles"] = ["default"]
    container = await client.containers.create(config, wait=True)
    assert container.config["limits.cpu"] == "1" and container.profiles == ["default"]
    await container.start(wait=True)
    await container.freeze(wait=True)
    assert container.status == "Frozen"
    await container.unfreeze(wait=True)
    await container.stop(wait=True)
    await container.delete(wait=True)
    assert not await client.containers.exists(instance_name)


async def test_docs_modify_ephemeral_and_devices_then_save(
    instance_name, image_alias, client
) -> None:
    await make_instance(client, instance_name, image_alias)
    container = await client.containers.get(instance_name)
    container.ephemeral = False
    container.devices = {"root": {"path": "/", "type": "disk", "pool": "default"}}
    await container.save(wait=True)
    fresh = await client.containers.get(instance_name)
    assert fresh.ephemeral is False
    assert fresh.devices["root"]["pool"] == "default"


async def test_state_has_the_documented_attributes_and_a_safe_network(
    instance_name, image_alias, client
) -> None:
    container = await make_instance(client, instance_name, image_alias)
    stopped = await container.state()
    assert stopped.status == "Stopped" and stopped.network == {}
    assert stopped.network.get("eth0") is None
    await container.start(wait=True)
    state = await container.state()
    for name in ("status", "status_code", "disk", "memory", "network", "pid", "processes"):
        assert hasattr(state, name), name
    assert state.status == "Running" and state.pid > 0 and state.processes >= 1
    assert state.memory["usage"] > 0 and "usage" in state.cpu
    assert state.network["lo"]["type"] == "loopback"  # no NIC here: lo only


async def test_create_from_every_source(instance_name, image_alias, admin, published) -> None:
    fingerprint = admin.api.images.aliases[image_alias].get().json()["metadata"]["target"]
    names = [unique_name(kind) for kind in ("fp", "props", "copy", "none")]
    async with Client() as client:
        try:
            source = await make_instance(client, instance_name, image_alias)
            by_fp = await client.instances.create(
                {"name": names[0], "source": {"type": "image", "fingerprint": fingerprint}},
                wait=True,
            )
            assert by_fp.config["volatile.base_image"] == fingerprint

            properties = {"user.pylxd-test": unique_name("props")}
            image = await source.publish(wait=True, properties=properties)
            published.append(image.fingerprint)
            by_props = await client.instances.create(
                {"name": names[1], "source": {"type": "image", "properties": properties}},
                wait=True,
            )
            assert by_props.config["volatile.base_image"] == image.fingerprint

            copied = await client.instances.create(
                {
                    "name": names[2],
                    "source": {"type": "copy", "source": source.name},
                    "profiles": source.profiles,  # LXD 5.0 copies none by itself
                },
                wait=True,
            )
            assert copied.config["image.os"] == source.config["image.os"]
            empty = await client.instances.create(
                {"name": names[3], "source": {"type": "none"}}, wait=True
            )
            assert empty.status == "Stopped" and "volatile.base_image" not in empty.config
        finally:
            for name in names:
                if await client.instances.exists(name):
                    await (await client.instances.get(name)).delete(wait=True)


async def test_bulk_state_changes_every_instance_of_the_project(image_alias, project_name) -> None:
    async with Client(project=project_name) as client:
        names = [unique_name("bulk") for _ in range(2)]
        for name in names:
            await client.instances.create(image_config(name, image_alias), wait=True)
        await client.instances.set_state("start", wait=True)
        assert {i.status for i in await client.instances.all()} == {"Running"}
        await client.instances.set_state("stop", force=True, wait=True)
        assert {i.status for i in await client.instances.all()} == {"Stopped"}
        with pytest.raises(LXDAPIException):
            await client.instances.set_state("dance", wait=True)


async def test_virtual_machines_fail_fast_with_the_servers_message(instance_name, client) -> None:
    started = time.monotonic()
    config = {"name": instance_name, "source": {"type": "none"}}
    with pytest.raises(LXDAPIException, match="(?i)virtual-machine|vhost|kvm|qemu") as caught:
        await client.virtual_machines.create(config, wait=True)
    assert time.monotonic() - started < 10
    assert caught.value.error
    assert not await client.instances.exists(instance_name)
    assert client.virtual_machines.model._instance_type == "virtual-machine"


async def test_instance_models_are_typed(instance_name, image_alias, client) -> None:
    await make_instance(client, instance_name, image_alias)
    instance = await client.instances.get(instance_name)
    assert type(instance) is Instance
    assert type(await client.containers.get(instance_name)) is Container
