# Generated from tests/integration/_async/test_network_incus.py by tools/unasync.py: do not edit, edit the source.
"""Incus 6.0's network additions on the real incusd: network integrations
(``client.network_integrations``), and networks, ACLs and zones listed across projects
(``all(all_projects=True)``). LXD 5.0.2 has none of them: refused before any request."""

from __future__ import annotations

import pytest

from pylxd import Client
from pylxd.models import NetworkIntegration
from pylxd.exceptions import LXDAPIException, LXDAPIExtensionNotAvailable, NotFound

from ..conftest import short_name

pytestmark = pytest.mark.integration


def test_network_integration_lifecycle(doomed) -> None:
    name = short_name()
    doomed.append(("network-integrations", name))
    with Client() as client:
        if not client.has_api_extension("network_integrations"):
            with pytest.raises(LXDAPIExtensionNotAvailable, match="network_integrations"):
                client.network_integrations.create(name)
            return
        created = client.network_integrations.create(
            name, description="region 1", config={"user.site": "one"}
        )
        assert isinstance(created, NetworkIntegration)
        assert (created.name, created.type, created.description) == (name, "ovn", "region 1")
        assert created.config == {"user.site": "one"}

        fetched = client.network_integrations.get(name)
        fetched.config["user.site"] = "two"
        fetched.description = "region 2"
        fetched.save(wait=True)
        again = client.network_integrations.get(name)
        assert again.config["user.site"] == "two" and again.description == "region 2"
        assert name in [i.name for i in client.network_integrations.all()]
        assert name in client.network_integrations.names()
        again.patch({"config": {"user.zone": "b"}}, wait=True)
        patched = client.network_integrations.get(name)
        assert patched.config == {"user.site": "two", "user.zone": "b"}
        assert client.network_integrations.exists(name)

        renamed = short_name()
        doomed.append(("network-integrations", renamed))
        again.rename(renamed)
        assert client.network_integrations.exists(renamed)
        assert not client.network_integrations.exists(name)

        with pytest.raises(LXDAPIException, match="(?i)type"):
            client.network_integrations.create(short_name(), type="no-such-type")
        again.delete(wait=True)
        with pytest.raises(NotFound):
            client.network_integrations.get(renamed)


def test_networks_acls_and_zones_across_projects(bridge, doomed) -> None:
    acl, zone = short_name(), f"{short_name()}.example.net"
    doomed.extend([("network-acls", acl), ("network-zones", zone)])
    with Client() as client:
        client.network_acls.create(acl)
        client.network_zones.create(zone)
        if not client.has_api_extension("networks_all_projects"):
            for manager, extension in (
                (client.networks, "networks_all_projects"),
                (client.network_acls, "network_acls_all_projects"),
                (client.network_zones, "network_zones_all_projects"),
            ):
                with pytest.raises(LXDAPIExtensionNotAvailable, match=extension):
                    manager.all(all_projects=True)
            return
        networks = client.networks.all(all_projects=True)
        assert bridge in [n.name for n in networks]
        acls = {a.name: a.project for a in client.network_acls.all(all_projects=True)}
        assert acls[acl] == "default"
        zones = {z.name: z.project for z in client.network_zones.all(all_projects=True)}
        assert zones[zone] == "default"
