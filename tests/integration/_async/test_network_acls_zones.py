"""Network ACLs and network zones (with their records) on the real daemons: round trips,
used_by through one of our own unaddressed bridges, and LXD's refusals as typed errors."""

from __future__ import annotations

import pytest

from pylxd.aio import Client
from pylxd.aio.models import NetworkACL, NetworkZone, NetworkZoneRecord
from pylxd.exceptions import LXDAPIException, LXDAPIExtensionNotAvailable, NotFound
from tests.integration.conftest import UNADDRESSED, short_name

pytestmark = pytest.mark.integration

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


@pytest.fixture
def zone_name(doomed: list[tuple[str, str]]) -> str:
    name = f"{short_name()}.pylxd.test"
    doomed.append(("network-zones", name))
    return name


# -- ACLs --------------------------------------------------------------------------------


async def test_acl_round_trip(acl_name: str, doomed: list[tuple[str, str]]) -> None:
    renamed = short_name()
    doomed.append(("network-acls", renamed))
    async with Client() as client:
        acl = await client.network_acls.create(
            acl_name,
            description="web",
            ingress=[SSH_IN],
            egress=[DNS_OUT],
            config={"user.owner": "pylxd"},
        )
        assert isinstance(acl, NetworkACL)
        assert acl.ingress == [SSH_IN] and acl.egress == [DNS_OUT]
        assert (acl.description, acl.config, acl.used_by) == ("web", {"user.owner": "pylxd"}, [])

        assert await client.network_acls.exists(acl_name)
        assert acl_name in await client.network_acls.names()
        listed = {a.name: a for a in await client.network_acls.all()}
        assert listed[acl_name] == acl and listed[acl_name].ingress == [SSH_IN]

        fetched = await client.network_acls.get(acl_name)
        fetched.ingress.append({**SSH_IN, "destination_port": "443"})  # in place
        fetched.egress = []  # by assignment
        fetched.config.update({"user.edited": "yes"})  # update()
        assert fetched.__dirty__ == {"ingress", "egress", "config"}
        await fetched.save()
        fresh = await client.network_acls.get(acl_name)
        assert [rule["destination_port"] for rule in fresh.ingress] == ["22", "443"]
        assert fresh.egress == [] and fresh.config["user.edited"] == "yes"

        # LXD's own PATCH would drop the connection here (no "config" while the ACL has
        # some) and blank the rules: patch() keeps both.
        await fresh.patch({"description": "patched"})
        assert fresh.description == "patched" and len(fresh.ingress) == 2
        assert fresh.config == {"user.owner": "pylxd", "user.edited": "yes"}
        await fresh.patch({"config": {"user.more": "1"}, "egress": [DNS_OUT]})
        assert fresh.config["user.owner"] == "pylxd" and fresh.config["user.more"] == "1"
        assert fresh.egress == [DNS_OUT] and len(fresh.ingress) == 2

        assert await fresh.rename(renamed) is fresh and fresh.name == renamed
        assert not await client.network_acls.exists(acl_name)
        await fresh.delete()
        with pytest.raises(NotFound):
            await client.network_acls.get(renamed)


async def test_acl_used_by_a_bridge_and_its_log(acl_name: str, net_name: str) -> None:
    async with Client() as client:
        acl = await client.network_acls.create(acl_name, ingress=[SSH_IN])
        network = await client.networks.create(
            net_name, type="bridge", config={**UNADDRESSED, "security.acls": acl_name}
        )
        await acl.sync()
        assert acl.used_by == [f"/1.0/networks/{net_name}"]
        with pytest.raises(LXDAPIException, match="Cannot delete an ACL that is in use"):
            await acl.delete()
        # Both daemons keep ACL logs for OVN networks only, and say so.
        with pytest.raises(LXDAPIException, match="Only OVN log entries") as refused:
            await acl.log()
        assert refused.value.status_code == 500
        await network.delete()
        await acl.delete()
        assert not await client.network_acls.exists(acl_name)


async def test_acl_bad_input_is_refused_with_lxds_text(acl_name: str) -> None:
    async with Client() as client:
        with pytest.raises(LXDAPIException, match="Invalid ingress rule 0: Action must be one of"):
            await client.network_acls.create(acl_name, ingress=[{**SSH_IN, "action": "bogus"}])
        with pytest.raises(LXDAPIException, match='Invalid config option "bogus"'):
            await client.network_acls.create(acl_name, config={"bogus": "1"})
        with pytest.raises(TypeError, match="list of dicts"):
            await client.network_acls.create(acl_name, ingress=SSH_IN)  # type: ignore[arg-type]
        assert not await client.network_acls.exists(acl_name)

        acl = await client.network_acls.create(acl_name)
        acl.egress = [{"action": "allow", "protocol": "icmp4", "destination_port": "22"}]
        with pytest.raises(LXDAPIException, match="Invalid egress rule 0"):
            await acl.save()
        assert (await client.network_acls.get(acl_name)).egress == []


# -- zones and records ---------------------------------------------------------------------


async def test_zone_and_records_round_trip(zone_name: str) -> None:
    async with Client() as client:
        zone = await client.network_zones.create(
            zone_name, description="test zone", config={"user.owner": "pylxd"}
        )
        assert isinstance(zone, NetworkZone)
        assert (zone.name, zone.description, zone.config) == (
            zone_name,
            "test zone",
            {"user.owner": "pylxd"},
        )
        assert await client.network_zones.exists(zone_name)
        assert zone_name in {z.name for z in await client.network_zones.all()}
        assert zone_name in await client.network_zones.names()

        zone.description = "edited"
        zone.config["user.item"] = "1"
        await zone.save()
        fetched = await client.network_zones.get(zone_name)
        assert fetched.description == "edited" and fetched.config["user.item"] == "1"

        assert await zone.records.all() == []
        record = await zone.records.create(
            "www", [{"type": "A", "value": "127.0.0.1", "ttl": 300}], description="web"
        )
        assert isinstance(record, NetworkZoneRecord)
        assert record.entries == [{"type": "A", "value": "127.0.0.1", "ttl": 300}]
        assert record.description == "web"
        await zone.records.create("mail", [{"type": "MX", "value": "10 www"}])
        assert {r.name for r in await zone.records.all()} == {"www", "mail"}
        assert sorted(await zone.records.names()) == ["mail", "www"]
        assert await zone.records.exists("www") and not await zone.records.exists("ftp")

        record.entries.append({"type": "AAAA", "value": "::1"})
        record.config.update({"user.k": "v"})
        await record.save()
        fresh = await fetched.records.get("www")
        assert [e["type"] for e in fresh.entries] == ["A", "AAAA"]
        assert fresh.config == {"user.k": "v"} and fresh.description == "web"

        await fresh.patch({"description": "patched"})  # entries and config are kept
        assert len(fresh.entries) == 2 and fresh.config == {"user.k": "v"}
        assert fresh.description == "patched"
        await fetched.patch({"description": "zone patched"})
        assert fetched.config == {"user.owner": "pylxd", "user.item": "1"}

        await fresh.delete()
        with pytest.raises(NotFound):
            await zone.records.get("www")
        await zone.delete()  # its remaining record goes with it
        assert not await client.network_zones.exists(zone_name)


async def test_zone_used_by_a_bridge(zone_name: str, net_name: str) -> None:
    async with Client() as client:
        zone = await client.network_zones.create(zone_name)
        network = await client.networks.create(
            net_name, type="bridge", config={**UNADDRESSED, "dns.zone.forward": zone_name}
        )
        await zone.sync()
        assert zone.used_by == [f"/1.0/networks/{net_name}"]
        with pytest.raises(LXDAPIException, match="Cannot delete a zone that is in use"):
            await zone.delete()
        await network.delete()
        await zone.delete()


async def test_zone_bad_input_is_refused_with_lxds_text(zone_name: str) -> None:
    async with Client() as client:
        with pytest.raises(LXDAPIException, match='Invalid config option "bogus"'):
            await client.network_zones.create(zone_name, config={"bogus": "1"})
        zone = await client.network_zones.create(zone_name)
        with pytest.raises(LXDAPIException, match="already exists"):
            await client.network_zones.create(zone_name)
        with pytest.raises(LXDAPIException, match="Bad zone record entry"):
            await zone.records.create("bad", [{"type": "A", "value": "not-an-address"}])
        with pytest.raises(TypeError, match="list of dicts"):
            await zone.records.create("bad", {"type": "A", "value": "127.0.0.1"})  # type: ignore[arg-type]
        with pytest.raises(NotFound):
            await zone.records.get("bad")


async def test_missing_extensions_are_named() -> None:
    async with Client() as client:
        client.host_info["api_extensions"] = [
            e
            for e in client.host_info["api_extensions"]
            if e not in ("network_acl", "network_dns_records", "network_acl_log")
        ]
        with pytest.raises(LXDAPIExtensionNotAvailable, match="network_acl"):
            await client.network_acls.all()
        with pytest.raises(LXDAPIExtensionNotAvailable, match="network_acl"):
            await client.network_acls.create(short_name())
        zone = NetworkZone(client, name="any.pylxd.test")
        with pytest.raises(LXDAPIExtensionNotAvailable, match="network_dns_records"):
            await zone.records.all()
