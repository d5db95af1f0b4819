"""Incus 6.0's network additions on the real incusd: network integrations
(``client.network_integrations``), and networks, ACLs and zones listed across projects
(``all(all_projects=True)``). LXD 5.0.2 has none of them: refused before any request."""

from __future__ import annotations

import pytest

from pylxd.aio import Client
from pylxd.aio.models import NetworkIntegration
from pylxd.exceptions import LXDAPIException, LXDAPIExtensionNotAvailable, NotFound

from ..conftest import short_name

pytestmark = pytest.mark.integration


async def test_network_integration_lifecycle(doomed) -> None:
    name = short_name()
    doomed.append(("network-integrations", name))
    async with Client() as client:
        if not client.has_api_extension("network_integrations"):
            with pytest.raises(LXDAPIExtensionNotAvailable, match="network_integrations"):
                await client.network_integrations.create(name)
            return
        created = await client.network_integrations.create(
            name, description="region 1", config={"user.site": "one"}
        )
        assert isinstance(created, NetworkIntegration)
        assert (created.name, created.type, created.description) == (name, "ovn", "region 1")
        assert created.config == {"user.site": "one"}

        fetched = await client.network_integrations.get(name)
        fetched.config["user.site"] = "two"
        fetched.description = "region 2"
        await fetched.save(wait=True)
        again = await client.network_integrations.get(name)
        assert again.config["user.site"] == "two" and again.description == "region 2"
        assert name in [i.name for i in await client.network_integrations.all()]
        assert name in await client.network_integrations.names()
        await again.patch({"config": {"user.zone": "b"}}, wait=True)
        patched = await client.network_integrations.get(name)
        assert patched.config == {"user.site": "two", "user.zone": "b"}
        assert await client.network_integrations.exists(name)

        renamed = short_name()
        doomed.append(("network-integrations", renamed))
        await again.rename(renamed)
        assert await client.network_integrations.exists(renamed)
        assert not await client.network_integrations.exists(name)

        with pytest.raises(LXDAPIException, match="(?i)type"):
            await client.network_integrations.create(short_name(), type="no-such-type")
        await again.delete(wait=True)
        with pytest.raises(NotFound):
            await client.network_integrations.get(renamed)


async def test_networks_acls_and_zones_across_projects(bridge, doomed) -> None:
    acl, zone = short_name(), f"{short_name()}.example.net"
    doomed.extend([("network-acls", acl), ("network-zones", zone)])
    async with Client() as client:
        await client.network_acls.create(acl)
        await client.network_zones.create(zone)
        if not client.has_api_extension("networks_all_projects"):
            for manager, extension in (
                (client.networks, "networks_all_projects"),
                (client.network_acls, "network_acls_all_projects"),
                (client.network_zones, "network_zones_all_projects"),
            ):
                with pytest.raises(LXDAPIExtensionNotAvailable, match=extension):
                    await manager.all(all_projects=True)
            return
        networks = await client.networks.all(all_projects=True)
        assert bridge in [n.name for n in networks]
        acls = {a.name: a.project for a in await client.network_acls.all(all_projects=True)}
        assert acls[acl] == "default"
        zones = {z.name: z.project for z in await client.network_zones.all(all_projects=True)}
        assert zones[zone] == "default"
