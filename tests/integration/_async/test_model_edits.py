"""Edits reach the server: by item, by assignment, by update(), on objects from get(), all()
and create(); sync() keeps them; replacing a whole dict keeps the server's volatile keys."""

from __future__ import annotations

from typing import Any

import pytest

from pylxd.aio import Client
from pylxd.aio.models import Instance
from pylxd.exceptions import LXDAPIException

pytestmark = pytest.mark.integration


def image_config(name: str, alias: str, **extra: object) -> dict[str, object]:
    return {"name": name, "source": {"type": "image", "alias": alias}, **extra}


@pytest.fixture
async def created(client: Client, instance_name: str, image_alias: str) -> Instance:
    config = {"limits.cpu": "2", "user.a": "a0", "user.b": "b0"}
    return await client.instances.create(
        image_config(instance_name, image_alias, config=config), wait=True
    )


def record_methods(client: Client) -> list[str]:
    """Every request's method, from now on."""
    methods: list[str] = []
    send = client._request

    async def recording(method: str, path: str, **kwargs: Any) -> Any:
        methods.append(method)
        return await send(method, path, **kwargs)

    client._request = recording  # type: ignore[method-assign]
    return methods


async def server_config(client: Client, name: str) -> dict[str, str]:
    return (await client.instances.get(name)).config


async def objects(client: Client, name: str, how: str) -> Instance:
    if how == "get":
        return await client.instances.get(name)
    if how == "all":
        return next(i for i in await client.instances.all() if i.name == name)
    return await client.containers.get(name)


@pytest.mark.parametrize("how", ["get", "all", "containers.get"])
async def test_complete_objects_save_every_kind_of_edit_without_a_fetch(
    client: Client, created: Instance, how: str
) -> None:
    name = created.name
    instance = await objects(client, name, how)
    instance.config["limits.cpu"] = "1"  # by item
    assert instance.dirty
    methods = record_methods(client)
    await instance.save(wait=True)
    # One GET checks nothing changed meanwhile (and gives the ETag): a listing carries no
    # ETag, and an instance's ETag misses its description.
    assert methods[:2] == ["GET", "PUT"]
    assert instance.config["limits.cpu"] == "1" and not instance.dirty
    assert (await server_config(client, name))["limits.cpu"] == "1"

    instance = await objects(client, name, how)
    instance.config.update({"user.a": "a1"})  # by update()
    await instance.save(wait=True)
    assert (await server_config(client, name))["user.a"] == "a1"

    instance = await objects(client, name, how)
    instance.description = "assigned"  # by assignment
    await instance.save(wait=True)
    assert (await client.instances.get(name)).description == "assigned"


async def test_the_object_create_returns_saves_edits(client: Client, created: Instance) -> None:
    created.config["user.b"] = "b1"
    created.config.update({"user.a": "a1"})
    created.description = "from create"
    await created.save(wait=True)
    fresh = await client.instances.get(created.name)
    assert fresh.config["user.b"] == "b1" and fresh.config["user.a"] == "a1"
    assert fresh.description == "from create"


async def test_a_sparse_object_is_fetched_then_saved_with_its_edits(
    client: Client, created: Instance
) -> None:
    names = await client.instances.all(recursion=0)
    sparse = next(i for i in names if i.name == created.name)
    sparse.description = "on a sparse object"
    methods = record_methods(client)
    await sparse.save(wait=True)
    assert methods[:2] == ["GET", "PUT"]
    fresh = await client.instances.get(created.name)
    assert fresh.description == "on a sparse object"
    assert fresh.config["user.a"] == "a0"  # the fetch filled what it lacked


async def test_sync_keeps_in_place_and_assigned_edits_rollback_drops_them(
    client: Client, created: Instance
) -> None:
    name = created.name
    instance = await client.instances.get(name)
    instance.config["user.a"] = "local"
    del instance.config["user.b"]
    instance.description = "local"
    other = await client.instances.get(name)  # the server changes meanwhile
    other.config["user.server"] = "new"
    await other.save(wait=True)

    await instance.sync()
    assert instance.config["user.a"] == "local" and "user.b" not in instance.config
    assert instance.config["user.server"] == "new"  # the server's other keys are taken
    assert instance.description == "local" and instance.dirty
    await instance.save(wait=True)
    config = await server_config(client, name)
    assert config["user.a"] == "local" and "user.b" not in config
    assert config["user.server"] == "new"

    instance.config["user.a"] = "dropped"
    await instance.sync(rollback=True)
    assert instance.config["user.a"] == "local" and not instance.dirty


async def test_replacing_config_keeps_the_servers_volatile_keys(
    client: Client, created: Instance
) -> None:
    name = created.name
    await created.start(wait=True)
    instance = await client.instances.get(name)
    volatile = {k: v for k, v in instance.config.items() if k.startswith("volatile.")}
    assert any(k.startswith("volatile.idmap") for k in volatile)
    instance.config = {"limits.cpu": "1", "user.new": "yes"}
    await instance.save(wait=True)  # LXD refuses to lose its idmap keys
    config = await server_config(client, name)
    assert config["user.new"] == "yes" and config["limits.cpu"] == "1"
    assert "user.a" not in config  # the rest of the old dict is gone, as asked
    assert all(config.get(k) is not None for k in volatile if k != "volatile.last_state.power")
    assert instance.config == config  # the object holds what was sent

    # Deleting a volatile key explicitly still sends its deletion (LXD has its say).
    del instance.config["volatile.idmap.next"]
    with pytest.raises(LXDAPIException, match="(?i)volatile idmap"):
        await instance.save(wait=True)
