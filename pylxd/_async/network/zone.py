"""Network zones (``/1.0/network-zones``, LXD's built-in DNS) and their records:
``client.network_zones`` and ``zone.records``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pylxd._async.collection import Collection
from pylxd._async.network.base import NetworkObject
from pylxd._core.fields import Attribute
from pylxd._core.values import dict_list, null_as_list

__all__ = ["NetworkZone", "NetworkZoneManager", "NetworkZoneRecord", "NetworkZoneRecordManager"]


class NetworkZone(NetworkObject):
    """A DNS zone (``/1.0/network-zones/<name>``), e.g. ``lxd.example.net``. Needs
    ``network_dns``. Networks publish into it with their ``dns.zone.*`` keys."""

    name: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    config: Attribute[dict[str, str]] = Attribute()
    used_by: Attribute[list[str]] = Attribute(readonly=True, from_server=null_as_list)
    project: Attribute[str] = Attribute(readonly=True, optional=True)

    _collection_path = "network_zones"
    _extension = "network_dns"
    _all_projects_extension = "network_zones_all_projects"

    @property
    def records(self) -> NetworkZoneRecordManager:
        """The zone's own records (needs ``network_dns_records``)."""
        return NetworkZoneRecordManager(self.client, node=self.api.records)


class NetworkZoneManager(Collection[NetworkZone]):
    """``client.network_zones``."""

    model = NetworkZone

    async def create(
        self,
        name: str,
        description: str | None = None,
        config: Mapping[str, str] | None = None,
        wait: bool = True,
    ) -> NetworkZone:
        """Create a zone and return it, complete.

        Args:
            name: the zone's DNS name.
            description: free text.
            config: ``dns.nameservers``, ``peers.<name>.address``, ``user.*`` …

        Raises:
            LXDAPIException: LXD refused (its message, e.g. 'Invalid config option "x"').
            LXDAPIExtensionNotAvailable: the server lacks ``network_dns``.
        """
        return await self._create_named(name, wait=wait, description=description, config=config)


class NetworkZoneRecord(NetworkObject):
    """A record of a zone (``/1.0/network-zones/<zone>/records/<name>``): ``entries`` is a
    list of ``{"type", "value", "ttl"}`` dicts. Needs ``network_dns_records``."""

    name: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    entries: Attribute[list[dict[str, Any]]] = Attribute()
    config: Attribute[dict[str, str]] = Attribute()

    _extension = "network_dns_records"
    _parent = "zone"


class NetworkZoneRecordManager(Collection[NetworkZoneRecord]):
    """``zone.records``."""

    model = NetworkZoneRecord

    async def create(
        self,
        name: str,
        entries: Sequence[Mapping[str, Any]],
        description: str | None = None,
        config: Mapping[str, str] | None = None,
        wait: bool = True,
    ) -> NetworkZoneRecord:
        """Create a record and return it, complete.

        Args:
            name: the record's name inside the zone (``www``, ``@`` …).
            entries: ``{"type": "A", "value": "…", "ttl": 300}`` dicts.
            description: free text.
            config: ``user.*`` keys.

        Raises:
            LXDAPIException: LXD refused (its message).
            LXDAPIExtensionNotAvailable: the server lacks ``network_dns_records``.
        """
        return await self._create_named(
            name,
            wait=wait,
            entries=dict_list(entries, "entries"),
            description=description,
            config=config,
        )
