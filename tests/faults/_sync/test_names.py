# Generated from tests/faults/_async/test_names.py by tools/unasync.py: do not edit, edit the source.
"""Names that cannot name anything are refused before any request.

``""``, ``"."`` and ``".."`` would be read as paths once in a URL (``/1.0/instances/..``
is ``/1.0``): :class:`~pylxd.exceptions.InvalidName` (a ``ValueError``). ``None``, a
number or bytes would be sent as ``"None"``, ``"5"``, ``"b'c1'"``: ``TypeError``. Checked
on every manager's ``get``/``exists``/``create``, on renames, on nested managers and on
``client.api[...]``, against a fake server that records every request it gets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pylxd import Client
from pylxd.models import Instance, StoragePool
from pylxd.exceptions import InvalidName, PylxdError
from tests.fake.conftest import HOST_INFO, fake_lxd, send_json, sync_envelope

__all__ = ["fake_lxd"]  # the fixture

BAD_NAMES: list[tuple[object, type[Exception]]] = [
    ("", InvalidName),
    (".", InvalidName),
    ("..", InvalidName),
    (None, TypeError),
    (5, TypeError),
    (b"c1", TypeError),
]

EXTENSIONS = [
    "projects",
    "network",
    "network_acl",
    "network_dns",
    "network_forward",
    "network_peer",
    "storage",
    "storage_api_volume_snapshots",
    "clustering",
    "clustering_groups",
    "warnings",
    "container_backup",
    "custom_volume_backup",
]

Call = Callable[[Client, Any], Any]

# ``None`` asks LXD to pick the name there.
NONE_PICKS_A_NAME = {"instances.create", "instance.snapshots.create"}


def _node(client: Client, name: Any) -> object:
    return client.api.instances[name]


def _instance(client: Client) -> Instance:
    return Instance(client, name="c1")


def _pool(client: Client) -> StoragePool:
    return StoragePool(client, name="p1")


CALLS: dict[str, Call] = {
    "api[name]": _node,
    "instances.get": lambda c, n: c.instances.get(n),
    "instances.exists": lambda c, n: c.instances.exists(n),
    "instances.create": lambda c, n: c.instances.create({"name": n, "source": {"type": "none"}}),
    "containers.get": lambda c, n: c.containers.get(n),
    "virtual_machines.get": lambda c, n: c.virtual_machines.get(n),
    "instance.rename": lambda c, n: _instance(c).rename(n),
    "instance.snapshots.get": lambda c, n: _instance(c).snapshots.get(n),
    "instance.snapshots.create": lambda c, n: _instance(c).snapshots.create(n),
    "instance.backups.get": lambda c, n: _instance(c).backups.get(n),
    "images.get": lambda c, n: c.images.get(n),
    "images.exists": lambda c, n: c.images.exists(n),
    "images.aliases.get": lambda c, n: c.images.aliases.get(n),
    "images.aliases.create": lambda c, n: c.images.aliases.create(n, target="abc"),
    "profiles.get": lambda c, n: c.profiles.get(n),
    "profiles.exists": lambda c, n: c.profiles.exists(n),
    "profiles.create": lambda c, n: c.profiles.create(n),
    "projects.get": lambda c, n: c.projects.get(n),
    "projects.create": lambda c, n: c.projects.create(n),
    "networks.get": lambda c, n: c.networks.get(n),
    "networks.exists": lambda c, n: c.networks.exists(n),
    "networks.create": lambda c, n: c.networks.create(n),
    "network_acls.get": lambda c, n: c.network_acls.get(n),
    "network_acls.create": lambda c, n: c.network_acls.create(n),
    "network_zones.get": lambda c, n: c.network_zones.get(n),
    "storage_pools.get": lambda c, n: c.storage_pools.get(n),
    "storage_pools.exists": lambda c, n: c.storage_pools.exists(n),
    "storage_pools.create": lambda c, n: c.storage_pools.create({"name": n, "driver": "dir"}),
    "pool.volumes.get": lambda c, n: _pool(c).volumes.get(n),
    "pool.volumes.exists": lambda c, n: _pool(c).volumes.exists(n),
    "pool.volumes.create": lambda c, n: _pool(c).volumes.create({"name": n}),
    "certificates.get": lambda c, n: c.certificates.get(n),
    "warnings.get": lambda c, n: c.warnings.get(n),
    "operations.get": lambda c, n: c.operations.get(n),
    "operations.wait_for_operation": lambda c, n: c.operations.wait_for_operation(n),
    "cluster.members.get": lambda c, n: c.cluster.members.get(n),
}


@pytest.mark.parametrize("what", list(CALLS))
def test_a_name_that_cannot_be_sent_is_refused_before_any_request(fake_lxd, what) -> None:
    call = CALLS[what]
    info = {**HOST_INFO, "api_extensions": EXTENSIONS}
    fake_lxd.routes[("GET", "/1.0")] = lambda h: send_json(h, 200, sync_envelope(info))
    with Client(endpoint=fake_lxd.socket_path) as client:
        connected = list(fake_lxd.requests)
        for name, error in BAD_NAMES:
            if name is None and what in NONE_PICKS_A_NAME:
                continue
            with pytest.raises(error) as caught:
                call(client, name)
            assert not isinstance(caught.value, PylxdError) or error is InvalidName
            assert fake_lxd.requests == connected, (name, fake_lxd.requests)


def test_invalid_name_is_a_value_error_and_a_pylxd_error(fake_lxd) -> None:
    with Client(endpoint=fake_lxd.socket_path) as client:
        with pytest.raises(ValueError, match=r"'\.\.' is not a name"):
            client.instances.get("..")
        with pytest.raises(PylxdError):
            client.profiles.get(".")
        with pytest.raises(TypeError, match="must be a string, not NoneType"):
            client.instances.get(None)  # type: ignore[arg-type]


def test_names_with_a_slash_are_quoted_not_refused(fake_lxd) -> None:
    # Image aliases ("ubuntu/22.04") and volume snapshots ("vol/snap") have one; for the
    # others LXD answers (a 404 here, "Invalid ... name" from LXD).
    with Client(endpoint=fake_lxd.socket_path) as client:
        assert not client.images.aliases.exists("ubuntu/22.04")
        assert fake_lxd.requests[-1] == ("GET", "/1.0/images/aliases/ubuntu%2F22.04")
