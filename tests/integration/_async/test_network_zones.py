"""Network DNS zones and records: round trip, use by a bridge, LXD's refusals."""

from __future__ import annotations

import pytest

from pylxd.aio.models import NetworkZone, NetworkZoneRecord
from pylxd.exceptions import LXDAPIException, NotFound
from tests.integration.conftest import UNADDRESSED, short_name


@pytest.fixture
def zone_name(doomed: list[tuple[str, str]]) -> str:
    name = f"{short_name()}.pylxd.test"
    doomed.append(("network-zones", name))
    return name


async def test_zone_and_records_round_trip(zone_name: str, client) -> None:
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


async def test_zone_used_by_a_bridge(zone_name: str, net_name: str, client) -> None:
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


async def test_zone_bad_input_is_refused_with_lxds_text(zone_name: str, client) -> None:
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
