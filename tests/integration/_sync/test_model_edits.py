# Generated from tests/integration/_async/test_model_edits.py by tools/unasync.py: do not edit, edit the source.
"""Edits reach the server: by item, by assignment, by update(), on objects from get(), all()
and create(); sync() keeps them; replacing a whole dict keeps the server's volatile keys."""

from __future__ import annotations

from typing import Any

import pytest

from pylxd import Client
from pylxd.models import Instance
from pylxd.exceptions import LXDAPIException

pytestmark = pytest.mark.integration


def image_config(name: str, alias: str, **extra: object) -> dict[str, object]:
    return {"name": name, "source": {"type": "image", "alias": alias}, **extra}


@pytest.fixture
def created(client: Client, instance_name: str, image_alias: str) -> Instance:
    config = {"limits.cpu": "2", "user.a": "a0", "user.b": "b0"}
    return client.instances.create(
        image_config(instance_name, image_alias, config=config), wait=True
    )


def record_methods(client: Client) -> list[str]:
    """Every request's method, from now on."""
    methods: list[str] = []
    send = client._request

    def recording(method: str, path: str, **kwargs: Any) -> Any:
        methods.append(method)
        return send(method, path, **kwargs)

    client._request = recording  # type: ignore[method-assign]
    return methods


def server_config(client: Client, name: str) -> dict[str, str]:
    return (client.instances.get(name)).config


def objects(client: Client, name: str, how: str) -> Instance:
    if how == "get":
        return client.instances.get(name)
    if how == "all":
        return next(i for i in client.instances.all() if i.name == name)
    return client.containers.get(name)


@pytest.mark.parametrize("how", ["get", "all", "containers.get"])
def test_complete_objects_save_every_kind_of_edit_without_a_fetch(
    client: Client, created: Instance, how: str
) -> None:
    name = created.name
    instance = objects(client, name, how)
    instance.config["limits.cpu"] = "1"  # by item
    assert instance.dirty
    methods = record_methods(client)
    instance.save(wait=True)
    # One GET checks nothing changed meanwhile (and gives the ETag): a listing carries no
    # ETag, and an instance's ETag misses its description.
    assert methods[:2] == ["GET", "PUT"]
    assert instance.config["limits.cpu"] == "1" and not instance.dirty
    assert (server_config(client, name))["limits.cpu"] == "1"

    instance = objects(client, name, how)
    instance.config.update({"user.a": "a1"})  # by update()
    instance.save(wait=True)
    assert (server_config(client, name))["user.a"] == "a1"

    instance = objects(client, name, how)
    instance.description = "assigned"  # by assignment
    instance.save(wait=True)
    assert (client.instances.get(name)).description == "assigned"


def test_the_object_create_returns_saves_edits(client: Client, created: Instance) -> None:
    created.config["user.b"] = "b1"
    created.config.update({"user.a": "a1"})
    created.description = "from create"
    created.save(wait=True)
    fresh = client.instances.get(created.name)
    assert fresh.config["user.b"] == "b1" and fresh.config["user.a"] == "a1"
    assert fresh.description == "from create"


def test_a_sparse_object_is_fetched_then_saved_with_its_edits(
    client: Client, created: Instance
) -> None:
    names = client.instances.all(recursion=0)
    sparse = next(i for i in names if i.name == created.name)
    sparse.description = "on a sparse object"
    methods = record_methods(client)
    sparse.save(wait=True)
    assert methods[:2] == ["GET", "PUT"]
    fresh = client.instances.get(created.name)
    assert fresh.description == "on a sparse object"
    assert fresh.config["user.a"] == "a0"  # the fetch filled what it lacked


def test_sync_keeps_in_place_and_assigned_edits_rollback_drops_them(
    client: Client, created: Instance
) -> None:
    name = created.name
    instance = client.instances.get(name)
    instance.config["user.a"] = "local"
    del instance.config["user.b"]
    instance.description = "local"
    other = client.instances.get(name)  # the server changes meanwhile
    other.config["user.server"] = "new"
    other.save(wait=True)

    instance.sync()
    assert instance.config["user.a"] == "local" and "user.b" not in instance.config
    assert instance.config["user.server"] == "new"  # the server's other keys are taken
    assert instance.description == "local" and instance.dirty
    instance.save(wait=True)
    config = server_config(client, name)
    assert config["user.a"] == "local" and "user.b" not in config
    assert config["user.server"] == "new"

    instance.config["user.a"] = "dropped"
    instance.sync(rollback=True)
    assert instance.config["user.a"] == "local" and not instance.dirty


def test_replacing_config_keeps_the_servers_volatile_keys(
    client: Client, created: Instance
) -> None:
    name = created.name
    created.start(wait=True)
    instance = client.instances.get(name)
    volatile = {k: v for k, v in instance.config.items() if k.startswith("volatile.")}
    assert any(k.startswith("volatile.idmap") for k in volatile)
    instance.config = {"limits.cpu": "1", "user.new": "yes"}
    instance.save(wait=True)  # LXD refuses to lose its idmap keys
    config = server_config(client, name)
    assert config["user.new"] == "yes" and config["limits.cpu"] == "1"
    assert "user.a" not in config  # the rest of the old dict is gone, as asked
    assert all(config.get(k) is not None for k in volatile if k != "volatile.last_state.power")
    assert instance.config == config  # the object holds what was sent

    # Deleting a volatile key explicitly still sends its deletion (LXD has its say).
    del instance.config["volatile.idmap.next"]
    with pytest.raises(LXDAPIException, match="(?i)volatile idmap"):
        instance.save(wait=True)
