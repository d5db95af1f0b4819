# Generated from tests/integration/_async/test_network.py by tools/unasync.py: do not edit, edit the source.
"""Networks on the real daemons: the docs' section, state, leases, used_by, forwards, peers,
load balancers, and LXD's refusals as typed errors.

Every bridge made here is unaddressed (``ipv4.address``/``ipv6.address`` ``none``) and
removed afterwards, whatever happened; networks we did not make are only read.
"""

from __future__ import annotations

import json

import pytest

from pylxd import Client as BlockingClient
from pylxd import Client
from pylxd.models import Network, NetworkForward, NetworkState
from pylxd.exceptions import (
    Conflict,
    LXDAPIException,
    LXDAPIExtensionNotAvailable,
    NotFound,
)
from tests.integration.conftest import UNADDRESSED, short_name

pytestmark = pytest.mark.integration


@pytest.fixture
def forwardable_bridge(admin: BlockingClient, bridge: str) -> str:
    """An unaddressed bridge LXD 5.0.2 takes forwards on.

    LXD (and Incus 6.0) parse ``ipv4.address``/``ipv6.address`` as subnets when a forward is
    made, and ``none`` fails that ("invalid CIDR address: none"). Created with ``none`` (so
    LXD never picks a subnet), then both keys removed: the bridge still has no address.
    """
    admin.api.networks[bridge].put(json={"config": {}})
    return bridge


# -- the docs' section ------------------------------------------------------------------


def test_docs_examples_get_repr_print_save_create(net_name: str, client) -> None:
    network = client.networks.create(
        net_name, description="My new network", type="bridge", config=dict(UNADDRESSED)
    )
    assert isinstance(network, Network)
    assert (network.name, network.description, network.type) == (
        net_name,
        "My new network",
        "bridge",
    )

    network = client.networks.get(net_name)
    # Every model prints its identity the same way (the docs' Network(config=…) was
    # the one model printed otherwise); print() keeps the docs' JSON.
    assert repr(network) == f"<Network name='{net_name}'>"
    printed = json.loads(str(network))
    assert list(printed)[:6] == ["name", "description", "type", "config", "managed", "used_by"]
    assert printed["managed"] is True and printed["config"] == UNADDRESSED

    # "The network can then be modified and saved." (a key that adds no address)
    network.config["bridge.mtu"] = "1400"
    assert network.dirty
    network.save()
    assert not network.dirty
    assert (client.networks.get(net_name)).config["bridge.mtu"] == "1400"
    assert (network.state()).mtu == 1400


def test_manager_all_exists_names_and_upstream_classmethods(bridge: str, client) -> None:
    listed = {network.name: network for network in client.networks.all()}
    assert listed[bridge].type == "bridge" and listed[bridge].config == UNADDRESSED
    assert listed[bridge].managed is True
    assert all(isinstance(network, Network) for network in listed.values())
    assert bridge in client.networks.names()
    assert client.networks.exists(bridge)
    assert not client.networks.exists(short_name())

    assert Network.exists(client, bridge)
    assert (Network.get(client, bridge)) == listed[bridge]
    assert bridge in {network.name for network in Network.all(client)}
    with pytest.raises(NotFound):
        Network.get(client, short_name())


def test_classmethod_create_and_delete(net_name: str, client) -> None:
    network = Network.create(client, net_name, type="bridge", config=UNADDRESSED)
    assert network.description == "" and network.managed is True
    assert network.used_by == []  # LXD 5.0 sends null for an unused network
    network.delete()
    assert not client.networks.exists(net_name)
    with pytest.raises(NotFound):
        client.networks.get(net_name)


def test_edits_by_assignment_item_update_put_patch_and_rollback(bridge: str, client) -> None:
    network = client.networks.get(bridge)
    network.description = "assigned"
    network.config["user.by-item"] = "1"
    network.config.update({"user.by-update": "2"})
    assert network.__dirty__ == {"description", "config"}
    network.save()
    fresh = client.networks.get(bridge)
    assert fresh.description == "assigned"
    assert fresh.config == {**UNADDRESSED, "user.by-item": "1", "user.by-update": "2"}

    fresh.config["user.by-item"] = "discarded"
    fresh.rollback()
    assert fresh.config["user.by-item"] == "1" and not fresh.dirty

    fresh.patch({"config": {"user.patched": "3"}})
    assert fresh.config["user.patched"] == "3" and fresh.config["user.by-update"] == "2"
    fresh.put({"description": "put", "config": dict(UNADDRESSED)})
    assert fresh.description == "put" and fresh.config == UNADDRESSED


def test_save_sends_nothing_when_nothing_changed(
    admin: BlockingClient, bridge: str, client
) -> None:
    stale = client.networks.get(bridge)
    admin.api.networks[bridge].patch(json={"description": "changed elsewhere"})
    stale.save()  # clean: no PUT, so the other writer's change survives
    assert (client.networks.get(bridge)).description == "changed elsewhere"


def test_rename_returns_the_renamed_network(
    bridge: str, doomed: list[tuple[str, str]]
) -> None:
    new_name = short_name()
    doomed.append(("networks", new_name))
    with Client() as client:
        network = client.networks.get(bridge)
        renamed = network.rename(new_name)
        assert renamed is network and network.name == new_name
        assert not client.networks.exists(bridge)
        assert (client.networks.get(new_name)).config == UNADDRESSED


def test_state_of_our_bridge_and_of_the_loopback(bridge: str, client) -> None:
    state = (client.networks.get(bridge)).state()
    assert isinstance(state, NetworkState)
    assert state.addresses == [] and state.type == "broadcast" and state.state == "up"
    assert state.bridge is not None and dict(state)["mtu"] == 1500
    loopback = (client.networks.get("lo")).state()
    assert {address["address"] for address in loopback.addresses} >= {"127.0.0.1"}


def test_leases_and_a_network_lxd_does_not_manage(bridge: str, client) -> None:
    assert (client.networks.get(bridge)).leases() == []
    loopback = client.networks.get("lo")
    assert loopback.managed is False
    with pytest.raises(NotFound, match="Network not found"):
        loopback.leases()


def test_used_by_and_deleting_a_network_in_use(
    net_name: str, instance_name: str, image_alias: str, client
) -> None:
    network = client.networks.create(net_name, type="bridge", config=UNADDRESSED)
    assert not network.used_by
    nic = {"eth0": {"type": "nic", "network": net_name}}
    instance = client.instances.create(
        {"name": instance_name, "source": {"type": "image", "alias": image_alias}},
        wait=True,
    )
    instance.devices = nic
    instance.save(wait=True)
    try:
        network.sync()
        assert [url.split("?")[0] for url in network.used_by] == [f"/1.0/instances/{instance_name}"]
        with pytest.raises(LXDAPIException, match="in use"):
            network.delete()
    finally:
        instance.delete(wait=True)
    network.delete()
    assert not client.networks.exists(net_name)


# -- LXD's refusals, typed and in LXD's words ---------------------------------------------


def test_bad_input_is_refused_with_lxds_text(
    bridge: str, doomed: list[tuple[str, str]]
) -> None:
    net_name = short_name()
    doomed.append(("networks", net_name))
    with Client() as client:
        with pytest.raises(LXDAPIException, match="Unknown driver") as caught:
            client.networks.create(net_name, type="nosuchtype", config=UNADDRESSED)
        assert caught.value.status_code == 400
        with pytest.raises(LXDAPIException, match='option "bogus.key"'):
            client.networks.create(net_name, config={**UNADDRESSED, "bogus.key": "1"})
        with pytest.raises(LXDAPIException, match="too long"):
            client.networks.create("pylxd-" + "x" * 20, config=UNADDRESSED)
        with pytest.raises(LXDAPIException, match="already exists") as exists:
            client.networks.create(bridge, type="bridge", config=UNADDRESSED)
        if client.is_incus:  # LXD 5.0 answers 400 here, Incus 409
            assert isinstance(exists.value, Conflict)
        assert not client.networks.exists(net_name)

        network = client.networks.get(bridge)
        network.config["bridge.mtu"] = "abc"
        with pytest.raises(LXDAPIException, match='Invalid MTU "abc"') as invalid:
            network.save()
        assert invalid.value.status_code == 400
        network.rollback()
        assert "bridge.mtu" not in network.config


def test_a_missing_extension_is_named_before_any_request(client) -> None:
    client.host_info["api_extensions"] = [
        e for e in client.host_info["api_extensions"] if not e.startswith("network")
    ]
    with pytest.raises(LXDAPIExtensionNotAvailable, match="'network'"):
        client.networks.all()
    with pytest.raises(LXDAPIExtensionNotAvailable, match="'network'"):
        client.networks.create(short_name(), config=UNADDRESSED)


# -- inside a network: forwards, peers, load balancers ------------------------------------


def test_forwards_round_trip(forwardable_bridge: str, client) -> None:
    network = client.networks.get(forwardable_bridge)
    assert (network.state()).addresses == []  # still no address
    assert network.forwards.all() == []

    port = {"protocol": "tcp", "listen_port": "8080", "target_address": "127.0.0.6"}
    forward = network.forwards.create(
        "127.0.0.5", description="first", config={"user.a": "1"}, ports=[port]
    )
    assert isinstance(forward, NetworkForward)
    assert forward.listen_address == "127.0.0.5" and forward.description == "first"
    assert forward.ports[0]["listen_port"] == "8080" and forward.config == {"user.a": "1"}
    # Upstream's spelling: the whole definition as one dict.
    second = network.forwards.create({"listen_address": "127.0.0.7", "ports": []})
    assert second.ports == []

    listed = {f.listen_address: f for f in network.forwards.all()}
    assert set(listed) == {"127.0.0.5", "127.0.0.7"}
    assert sorted(network.forwards.names()) == ["127.0.0.5", "127.0.0.7"]
    assert network.forwards.exists("127.0.0.5")
    assert not network.forwards.exists("127.0.0.9")

    forward.ports.append({"protocol": "udp", "listen_port": "53", "target_address": "127.0.0.6"})
    forward.description = "edited"
    forward.save()
    fresh = network.forwards.get("127.0.0.5")
    assert [p["protocol"] for p in fresh.ports] == ["tcp", "udp"]
    assert fresh.description == "edited"
    fresh.patch({"config": {"user.b": "2"}})
    assert fresh.config == {"user.a": "1", "user.b": "2"}
    fresh.patch({"description": "patched"})  # LXD's own PATCH drops the connection
    assert fresh.description == "patched" and len(fresh.ports) == 2

    if client.has_api_extension("network_allocations"):  # Incus
        mine = f"/1.0/networks/{forwardable_bridge}/forwards/127.0.0.5"
        used = {a["used_by"]: a for a in client.networks.allocations()}
        assert used[mine]["type"] == "network-forward"
        assert used[mine]["addresses"] == "127.0.0.5/32"
        assert mine in {a["used_by"] for a in client.networks.allocations(True)}
    else:  # LXD 5.0
        with pytest.raises(LXDAPIExtensionNotAvailable, match="network_allocations"):
            client.networks.allocations()

    second.delete()
    forward.delete()
    assert network.forwards.all() == []
    with pytest.raises(NotFound):
        network.forwards.get("127.0.0.5")


def test_forwards_on_a_bridge_with_address_none_are_refused(bridge: str, client) -> None:
    network = client.networks.get(bridge)
    with pytest.raises(LXDAPIException, match="invalid CIDR address: none"):
        network.forwards.create("127.0.0.5")
    assert network.forwards.all() == []


def test_peers_are_refused_on_a_bridge(bridge: str, client) -> None:
    network = client.networks.get(bridge)
    with pytest.raises(LXDAPIException, match='"bridge" does not support peering') as c:
        network.peers.create("peer1", "default", "other")
    assert c.value.status_code == 400
    with pytest.raises(LXDAPIException, match="does not support peering"):
        network.peers.all()


def test_load_balancers_need_the_extension_and_ovn(bridge: str, client) -> None:
    network = client.networks.get(bridge)
    if not client.has_api_extension("network_load_balancer"):  # LXD 5.0
        with pytest.raises(LXDAPIExtensionNotAvailable, match="network_load_balancer"):
            network.load_balancers.all()
        with pytest.raises(LXDAPIExtensionNotAvailable):
            network.load_balancers.create("127.0.0.5")
        return
    with pytest.raises(LXDAPIException, match="does not support load balancers"):
        network.load_balancers.create(
            "127.0.0.5",
            backends=[{"name": "b1", "target_address": "127.0.0.6"}],
        )
    with pytest.raises(LXDAPIException, match="does not support load balancers"):
        network.load_balancers.all()
