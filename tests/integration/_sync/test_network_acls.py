# Generated from tests/integration/_async/test_network_acls.py by tools/unasync.py: do not edit, edit the source.
"""Network ACLs: round trip, use by a bridge, LXD's refusals, missing extensions named."""

from __future__ import annotations

import pytest

from pylxd import Client
from pylxd.models import NetworkACL, NetworkZone
from pylxd.exceptions import LXDAPIException, LXDAPIExtensionNotAvailable, NotFound
from tests.integration.conftest import UNADDRESSED, short_name

SSH_IN = {
    "action": "allow",
    "source": "127.0.0.1/32",
    "protocol": "tcp",
    "destination_port": "22",
    "state": "enabled",
}


DNS_OUT = {"action": "allow", "protocol": "udp", "destination_port": "53", "state": "enabled"}


@pytest.fixture
def acl_name(doomed: list[tuple[str, str]]) -> str:
    name = short_name()
    doomed.append(("network-acls", name))
    return name


def test_acl_round_trip(acl_name: str, doomed: list[tuple[str, str]]) -> None:
    renamed = short_name()
    doomed.append(("network-acls", renamed))
    with Client() as client:
        acl = client.network_acls.create(
            acl_name,
            description="web",
            ingress=[SSH_IN],
            egress=[DNS_OUT],
            config={"user.owner": "pylxd"},
        )
        assert isinstance(acl, NetworkACL)
        assert acl.ingress == [SSH_IN] and acl.egress == [DNS_OUT]
        assert (acl.description, acl.config, acl.used_by) == ("web", {"user.owner": "pylxd"}, [])

        assert client.network_acls.exists(acl_name)
        assert acl_name in client.network_acls.names()
        listed = {a.name: a for a in client.network_acls.all()}
        assert listed[acl_name] == acl and listed[acl_name].ingress == [SSH_IN]

        fetched = client.network_acls.get(acl_name)
        fetched.ingress.append({**SSH_IN, "destination_port": "443"})  # in place
        fetched.egress = []  # by assignment
        fetched.config.update({"user.edited": "yes"})  # update()
        assert fetched.__dirty__ == {"ingress", "egress", "config"}
        fetched.save()
        fresh = client.network_acls.get(acl_name)
        assert [rule["destination_port"] for rule in fresh.ingress] == ["22", "443"]
        assert fresh.egress == [] and fresh.config["user.edited"] == "yes"

        # LXD's own PATCH would drop the connection here (no "config" while the ACL has
        # some) and blank the rules: patch() keeps both.
        fresh.patch({"description": "patched"})
        assert fresh.description == "patched" and len(fresh.ingress) == 2
        assert fresh.config == {"user.owner": "pylxd", "user.edited": "yes"}
        fresh.patch({"config": {"user.more": "1"}, "egress": [DNS_OUT]})
        assert fresh.config["user.owner"] == "pylxd" and fresh.config["user.more"] == "1"
        assert fresh.egress == [DNS_OUT] and len(fresh.ingress) == 2

        assert fresh.rename(renamed) is fresh and fresh.name == renamed
        assert not client.network_acls.exists(acl_name)
        fresh.delete()
        with pytest.raises(NotFound):
            client.network_acls.get(renamed)


def test_acl_used_by_a_bridge_and_its_log(acl_name: str, net_name: str, client) -> None:
    acl = client.network_acls.create(acl_name, ingress=[SSH_IN])
    network = client.networks.create(
        net_name, type="bridge", config={**UNADDRESSED, "security.acls": acl_name}
    )
    acl.sync()
    assert acl.used_by == [f"/1.0/networks/{net_name}"]
    with pytest.raises(LXDAPIException, match="Cannot delete an ACL that is in use"):
        acl.delete()
    # Both daemons keep ACL logs for OVN networks only, and say so.
    with pytest.raises(LXDAPIException, match="Only OVN log entries") as refused:
        acl.log()
    assert refused.value.status_code == 500
    network.delete()
    acl.delete()
    assert not client.network_acls.exists(acl_name)


def test_acl_bad_input_is_refused_with_lxds_text(acl_name: str, client) -> None:
    with pytest.raises(LXDAPIException, match="Invalid ingress rule 0: Action must be one of"):
        client.network_acls.create(acl_name, ingress=[{**SSH_IN, "action": "bogus"}])
    with pytest.raises(LXDAPIException, match='Invalid config option "bogus"'):
        client.network_acls.create(acl_name, config={"bogus": "1"})
    with pytest.raises(TypeError, match="list of dicts"):
        client.network_acls.create(acl_name, ingress=SSH_IN)  # type: ignore[arg-type]
    assert not client.network_acls.exists(acl_name)

    acl = client.network_acls.create(acl_name)
    acl.egress = [{"action": "allow", "protocol": "icmp4", "destination_port": "22"}]
    with pytest.raises(LXDAPIException, match="Invalid egress rule 0"):
        acl.save()
    assert (client.network_acls.get(acl_name)).egress == []


def test_missing_extensions_are_named(client) -> None:
    client.host_info["api_extensions"] = [
        e
        for e in client.host_info["api_extensions"]
        if e not in ("network_acl", "network_dns_records", "network_acl_log")
    ]
    with pytest.raises(LXDAPIExtensionNotAvailable, match="network_acl"):
        client.network_acls.all()
    with pytest.raises(LXDAPIExtensionNotAvailable, match="network_acl"):
        client.network_acls.create(short_name())
    zone = NetworkZone(client, name="any.pylxd.test")
    with pytest.raises(LXDAPIExtensionNotAvailable, match="network_dns_records"):
        zone.records.all()
