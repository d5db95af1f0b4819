"""Networks on the real daemons: the docs' section, state, leases, used_by, forwards, peers,
load balancers, and LXD's refusals as typed errors.

Every bridge made here is unaddressed (``ipv4.address``/``ipv6.address`` ``none``) and
removed afterwards, whatever happened; networks we did not make are only read.
"""

from __future__ import annotations

import json

import pytest

from pylxd import Client as BlockingClient
from pylxd.aio import Client
from pylxd.aio.models import Network, NetworkForward, NetworkState
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


async def test_docs_examples_get_repr_print_save_create(net_name: str, client) -> None:
    network = await client.networks.create(
        net_name, description="My new network", type="bridge", config=dict(UNADDRESSED)
    )
    assert isinstance(network, Network)
    assert (network.name, network.description, network.type) == (
        net_name,
        "My new network",
        "bridge",
    )

    network = await client.networks.get(net_name)
    # Every model prints its identity the same way (the docs' Network(config=…) was
    # the one model printed otherwise); print() keeps the docs' JSON.
    assert repr(network) == f"<Network name='{net_name}'>"
    printed = json.loads(str(network))
    assert list(printed)[:6] == ["name", "description", "type", "config", "managed", "used_by"]
    assert printed["managed"] is True and printed["config"] == UNADDRESSED

    # "The network can then be modified and saved." (a key that adds no address)
    network.config["bridge.mtu"] = "1400"
    assert network.dirty
    await network.save()
    assert not network.dirty
    assert (await client.networks.get(net_name)).config["bridge.mtu"] == "1400"
    assert (await network.state()).mtu == 1400


async def test_manager_all_exists_names_and_upstream_classmethods(bridge: str, client) -> None:
    listed = {network.name: network for network in await client.networks.all()}
    assert listed[bridge].type == "bridge" and listed[bridge].config == UNADDRESSED
    assert listed[bridge].managed is True
    assert all(isinstance(network, Network) for network in listed.values())
    assert bridge in await client.networks.names()
    assert await client.networks.exists(bridge)
    assert not await client.networks.exists(short_name())

    assert await Network.exists(client, bridge)
    assert (await Network.get(client, bridge)) == listed[bridge]
    assert bridge in {network.name for network in await Network.all(client)}
    with pytest.raises(NotFound):
        await Network.get(client, short_name())


async def test_classmethod_create_and_delete(net_name: str, client) -> None:
    network = await Network.create(client, net_name, type="bridge", config=UNADDRESSED)
    assert network.description == "" and network.managed is True
    assert network.used_by == []  # LXD 5.0 sends null for an unused network
    await network.delete()
    assert not await client.networks.exists(net_name)
    with pytest.raises(NotFound):
        await client.networks.get(net_name)


async def test_edits_by_assignment_item_update_put_patch_and_rollback(bridge: str, client) -> None:
    network = await client.networks.get(bridge)
    network.description = "assigned"
    network.config["user.by-item"] = "1"
    network.config.update({"user.by-update": "2"})
    assert network.__dirty__ == {"description", "config"}
    await network.save()
    fresh = await client.networks.get(bridge)
    assert fresh.description == "assigned"
    assert fresh.config == {**UNADDRESSED, "user.by-item": "1", "user.by-update": "2"}

    fresh.config["user.by-item"] = "discarded"
    await fresh.rollback()
    assert fresh.config["user.by-item"] == "1" and not fresh.dirty

    await fresh.patch({"config": {"user.patched": "3"}})
    assert fresh.config["user.patched"] == "3" and fresh.config["user.by-update"] == "2"
    await fresh.put({"description": "put", "config": dict(UNADDRESSED)})
    assert fresh.description == "put" and fresh.config == UNADDRESSED


async def test_save_sends_nothing_when_nothing_changed(
    admin: BlockingClient, bridge: str, client
) -> None:
    stale = await client.networks.get(bridge)
    admin.api.networks[bridge].patch(json={"description": "changed elsewhere"})
    await stale.save()  # clean: no PUT, so the other writer's change survives
    assert (await client.networks.get(bridge)).description == "changed elsewhere"


async def test_rename_returns_the_renamed_network(
    bridge: str, doomed: list[tuple[str, str]]
) -> None:
    new_name = short_name()
    doomed.append(("networks", new_name))
    async with Client() as client:
        network = await client.networks.get(bridge)
        renamed = await network.rename(new_name)
        assert renamed is network and network.name == new_name
        assert not await client.networks.exists(bridge)
        assert (await client.networks.get(new_name)).config == UNADDRESSED


async def test_state_of_our_bridge_and_of_the_loopback(bridge: str, client) -> None:
    state = await (await client.networks.get(bridge)).state()
    assert isinstance(state, NetworkState)
    assert state.addresses == [] and state.type == "broadcast" and state.state == "up"
    assert state.bridge is not None and dict(state)["mtu"] == 1500
    loopback = await (await client.networks.get("lo")).state()
    assert {address["address"] for address in loopback.addresses} >= {"127.0.0.1"}


async def test_leases_and_a_network_lxd_does_not_manage(bridge: str, client) -> None:
    assert await (await client.networks.get(bridge)).leases() == []
    loopback = await client.networks.get("lo")
    assert loopback.managed is False
    with pytest.raises(NotFound, match="Network not found"):
        await loopback.leases()


async def test_used_by_and_deleting_a_network_in_use(
    net_name: str, instance_name: str, image_alias: str, client
) -> None:
    network = await client.networks.create(net_name, type="bridge", config=UNADDRESSED)
    assert not network.used_by
    nic = {"eth0": {"type": "nic", "network": net_name}}
    instance = await client.instances.create(
        {"name": instance_name, "source": {"type": "image", "alias": image_alias}},
        wait=True,
    )
    instance.devices = nic
    await instance.save(wait=True)
    try:
        await network.sync()
        assert [url.split("?")[0] for url in network.used_by] == [f"/1.0/instances/{instance_name}"]
        with pytest.raises(LXDAPIException, match="in use"):
            await network.delete()
    finally:
        await instance.delete(wait=True)
    await network.delete()
    assert not await client.networks.exists(net_name)


# -- LXD's refusals, typed and in LXD's words ---------------------------------------------


async def test_bad_input_is_refused_with_lxds_text(
    bridge: str, doomed: list[tuple[str, str]]
) -> None:
    net_name = short_name()
    doomed.append(("networks", net_name))
    async with Client() as client:
        with pytest.raises(LXDAPIException, match="Unknown driver") as caught:
            await client.networks.create(net_name, type="nosuchtype", config=UNADDRESSED)
        assert caught.value.status_code == 400
        with pytest.raises(LXDAPIException, match='option "bogus.key"'):
            await client.networks.create(net_name, config={**UNADDRESSED, "bogus.key": "1"})
        with pytest.raises(LXDAPIException, match="too long"):
            await client.networks.create("pylxd-" + "x" * 20, config=UNADDRESSED)
        with pytest.raises(LXDAPIException, match="already exists") as exists:
            await client.networks.create(bridge, type="bridge", config=UNADDRESSED)
        if client.is_incus:  # LXD 5.0 answers 400 here, Incus 409
            assert isinstance(exists.value, Conflict)
        assert not await client.networks.exists(net_name)

        network = await client.networks.get(bridge)
        network.config["bridge.mtu"] = "abc"
        with pytest.raises(LXDAPIException, match='Invalid MTU "abc"') as invalid:
            await network.save()
        assert invalid.value.status_code == 400
        await network.rollback()
        assert "bridge.mtu" not in network.config


async def test_a_missing_extension_is_named_before_any_request(client) -> None:
    client.host_info["api_extensions"] = [
        e for e in client.host_info["api_extensions"] if not e.startswith("network")
    ]
    with pytest.raises(LXDAPIExtensionNotAvailable, match="'network'"):
        await client.networks.all()
    with pytest.raises(LXDAPIExtensionNotAvailable, match="'network'"):
        await client.networks.create(short_name(), config=UNADDRESSED)


# -- inside a network: forwards, peers, load balancers ------------------------------------


async def test_forwards_round_trip(forwardable_bridge: str, client) -> None:
    network = await client.networks.get(forwardable_bridge)
    assert (await network.state()).addresses == []  # still no address
    assert await network.forwards.all() == []

    port = {"protocol": "tcp", "listen_port": "8080", "target_address": "127.0.0.6"}
    forward = await network.forwards.create(
        "127.0.0.5", description="first", config={"user.a": "1"}, ports=[port]
    )
    assert isinstance(forward, NetworkForward)
    assert forward.listen_address == "127.0.0.5" and forward.description == "first"
    assert forward.ports[0]["listen_port"] == "8080" and forward.config == {"user.a": "1"}
    # Upstream's spelling: the whole definition as one dict.
    second = await network.forwards.create({"listen_address": "127.0.0.7", "ports": []})
    assert second.ports == []

    listed = {f.listen_address: f for f in await network.forwards.all()}
    assert set(listed) == {"127.0.0.5", "127.0.0.7"}
    assert sorted(await network.forwards.names()) == ["127.0.0.5", "127.0.0.7"]
    assert await network.forwards.exists("127.0.0.5")
    assert not await network.forwards.exists("127.0.0.9")

    forward.ports.append({"protocol": "udp", "listen_port": "53", "target_address": "127.0.0.6"})
    forward.description = "edited"
    await forward.save()
    fresh = await network.forwards.get("127.0.0.5")
    assert [p["protocol"] for p in fresh.ports] == ["tcp", "udp"]
    assert fresh.description == "edited"
    await fresh.patch({"config": {"user.b": "2"}})
    assert fresh.config == {"user.a": "1", "user.b": "2"}
    await fresh.patch({"description": "patched"})  # LXD's own PATCH drops the connection
    assert fresh.description == "patched" and len(fresh.ports) == 2

    if client.has_api_extension("network_allocations"):  # Incus
        mine = f"/1.0/networks/{forwardable_bridge}/forwards/127.0.0.5"
        used = {a["used_by"]: a for a in await client.networks.allocations()}
        assert used[mine]["type"] == "network-forward"
        assert used[mine]["addresses"] == "127.0.0.5/32"
        assert mine in {a["used_by"] for a in await client.networks.allocations(True)}
    else:  # LXD 5.0
        with pytest.raises(LXDAPIExtensionNotAvailable, match="network_allocations"):
            await client.networks.allocations()

    await second.delete()
    await forward.delete()
    assert await network.forwards.all() == []
    with pytest.raises(NotFound):
        await network.forwards.get("127.0.0.5")


async def test_forwards_on_a_bridge_with_address_none_are_refused(bridge: str, client) -> None:
    network = await client.networks.get(bridge)
    with pytest.raises(LXDAPIException, match="invalid CIDR address: none"):
        await network.forwards.create("127.0.0.5")
    assert await network.forwards.all() == []


async def test_peers_are_refused_on_a_bridge(bridge: str, client) -> None:
    network = await client.networks.get(bridge)
    with pytest.raises(LXDAPIException, match='"bridge" does not support peering') as c:
        await network.peers.create("peer1", "default", "other")
    assert c.value.status_code == 400
    with pytest.raises(LXDAPIException, match="does not support peering"):
        await network.peers.all()


async def test_load_balancers_need_the_extension_and_ovn(bridge: str, client) -> None:
    network = await client.networks.get(bridge)
    if not client.has_api_extension("network_load_balancer"):  # LXD 5.0
        with pytest.raises(LXDAPIExtensionNotAvailable, match="network_load_balancer"):
            await network.load_balancers.all()
        with pytest.raises(LXDAPIExtensionNotAvailable):
            await network.load_balancers.create("127.0.0.5")
        return
    with pytest.raises(LXDAPIException, match="does not support load balancers"):
        await network.load_balancers.create(
            "127.0.0.5",
            backends=[{"name": "b1", "target_address": "127.0.0.6"}],
        )
    with pytest.raises(LXDAPIException, match="does not support load balancers"):
        await network.load_balancers.all()
