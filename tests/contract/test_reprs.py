"""Every model prints the same way, in both flavours: ``<Type key='value' …>`` with the
fields that say which object it is (its parent first for nested ones), never its config,
and the project it lives in rather than ``None``. Built from server-shaped data through
the managers, without I/O (``repr`` never fetches)."""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

import pytest

import pylxd.aio.models as aio_models
import pylxd.models as sync_models
from pylxd._async.client import Client as AsyncClient
from pylxd._core.fields import FieldModel
from pylxd._sync.client import Client as SyncClient

SHAPE = re.compile(r"^<(\w+)((?: \w+=(?:'[^']*'|\d+|None))*)>$")


def build(manager: Any, **data: Any) -> Any:
    """An object as ``manager.get()`` would return it for ``data``."""
    if hasattr(manager, "_wrap"):
        return manager._wrap(data)
    return manager.model._from_server(manager._client, data)  # the instance managers


def every_model(client: Any) -> dict[str, Any]:
    """One object of every public model class, keyed by the class name."""
    instance = build(client.instances, name="c1", type="container", config={"a": "1"})
    pool = build(client.storage_pools, name="default", driver="dir", config={"x": "y"})
    volume = build(pool.volumes, name="v1", type="custom", config={"size": "1GiB"})
    network = build(client.networks, name="br0", type="bridge", config={"ipv4.address": "none"})
    zone = build(client.network_zones, name="example.org", config={})
    objects = [
        instance,
        build(client.containers, name="c2", type="container"),
        build(client.virtual_machines, name="vm1", type="virtual-machine"),
        build(instance.snapshots, name="c1/snap0"),
        build(instance.backups, name="c1/backup0"),
        build(client.images, fingerprint="abc123", public=False),
        build(client.images.aliases, name="alias0", target="abc123"),
        build(client.profiles, name="p1", config={"limits.cpu": "1"}),
        build(client.projects, name="proj1", config={}),
        build(client.certificates, fingerprint="f00", name="me", type="client"),
        network,
        build(network.forwards, listen_address="10.0.0.1", ports=[]),
        build(network.load_balancers, listen_address="10.0.0.2", ports=[]),
        build(network.peers, name="peer0"),
        build(client.network_acls, name="acl0", ingress=[]),
        build(client.network_integrations, name="region1", type="ovn"),
        zone,
        build(zone.records, name="www", entries=[]),
        pool,
        volume,
        build(volume.snapshots, name="v1/snap0"),
        build(volume.backups, name="v1/backup0"),
        build(client.cluster.members, server_name="m1", roles=[]),
        build(client.cluster.groups, name="g1", members=[]),
        build(client.warnings, uuid="u1", type="x"),
    ]
    return {type(obj).__name__: obj for obj in objects}


def flavour_objects(models: ModuleType, client: Any) -> dict[str, Any]:
    found = every_model(client)
    found["Operation"] = models.Operation(client, id="op1", status="Running")
    found["Server"] = client.server
    found["Cluster"] = models.Cluster(client, server_name="m1", enabled=True)
    found["StorageResources"] = models.StorageResources(
        client, pool=found["StoragePool"], space={"used": 1}
    )
    return found


class EveryExtension:
    def __contains__(self, name: object) -> bool:
        return True


def offline_client(client_class: Any, **kwargs: Any) -> Any:
    """A client that was never connected, told the server has every API extension."""
    client = client_class("/nonexistent/unix.socket", **kwargs)
    client._host_info = {"api_extensions": EveryExtension(), "environment": {}}
    return client


FLAVOURS = [(aio_models, AsyncClient), (sync_models, SyncClient)]


@pytest.mark.parametrize(("models", "client_class"), FLAVOURS, ids=["aio", "sync"])
def test_every_model_prints_the_same_way(models: ModuleType, client_class: Any) -> None:
    client = offline_client(client_class)
    objects = flavour_objects(models, client)
    public = {
        name
        for name in models.__all__
        if isinstance(getattr(models, name), type)
        and issubclass(getattr(models, name), FieldModel)
        and name != "Model"
    }
    assert public <= set(objects), f"no example object for {sorted(public - set(objects))}"
    for name in sorted(public):
        obj = objects[name]
        assert isinstance(obj, getattr(models, name))
        text = repr(obj)
        match = SHAPE.match(text)
        assert match is not None and match.group(1) == name, text
        assert "project=None" not in text and "config" not in text, text


@pytest.mark.parametrize(("models", "client_class"), FLAVOURS, ids=["aio", "sync"])
def test_identity_and_parents_are_shown(models: ModuleType, client_class: Any) -> None:
    objects = flavour_objects(models, offline_client(client_class))
    assert repr(objects["Instance"]) == "<Instance name='c1' project='default'>"
    assert repr(objects["Snapshot"]) == "<Snapshot instance='c1' name='snap0'>"
    assert repr(objects["Network"]) == "<Network name='br0'>"
    assert (
        repr(objects["NetworkForward"])
        == "<NetworkForward network='br0' listen_address='10.0.0.1'>"
    )
    assert repr(objects["NetworkZoneRecord"]) == "<NetworkZoneRecord zone='example.org' name='www'>"
    assert (
        repr(objects["StorageVolumeSnapshot"]) == "<StorageVolumeSnapshot volume='v1' name='snap0'>"
    )
    assert repr(objects["StorageVolume"]) == (
        "<StorageVolume pool='default' type='custom' name='v1' project='default'>"
    )
    assert repr(objects["Image"]) == "<Image fingerprint='abc123' project='default'>"
    assert repr(objects["Operation"]) == "<Operation id='op1'>"
    assert repr(objects["Server"]) == "<Server>"
    assert repr(objects["StorageResources"]) == "<StorageResources pool='default'>"


@pytest.mark.parametrize("client_class", [AsyncClient, SyncClient], ids=["aio", "sync"])
def test_project_is_the_clients_or_the_objects(client_class: Any) -> None:
    client = offline_client(client_class, project="proj1")
    assert repr(build(client.instances, name="c1")) == "<Instance name='c1' project='proj1'>"
    other = build(client.profiles, name="p1", project="proj2")
    assert repr(other) == "<Profile name='p1' project='proj2'>"
