"""Network integrations (``/1.0/network-integrations``, Incus' ``network_integrations``):
the model and ``client.network_integrations``."""

from __future__ import annotations

from collections.abc import Mapping

from pylxd._async.collection import Collection
from pylxd._async.network.base import NetworkObject
from pylxd._core.fields import Attribute
from pylxd._core.values import null_as_list

__all__ = ["NetworkIntegration", "NetworkIntegrationManager"]


class NetworkIntegration(NetworkObject):
    """A network integration (``/1.0/network-integrations/<name>``): a link to another
    system, today OVN interconnection (``type="ovn"``, ``ovn.*`` config keys). Incus only.
    ``description`` and ``config`` are saved by ``save()``; ``rename()`` renames it."""

    name: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    type: Attribute[str] = Attribute(readonly=True)
    config: Attribute[dict[str, str]] = Attribute()
    used_by: Attribute[list[str]] = Attribute(readonly=True, from_server=null_as_list)

    _collection_path = "network_integrations"
    _extension = "network_integrations"


class NetworkIntegrationManager(Collection[NetworkIntegration]):
    """``client.network_integrations``."""

    model = NetworkIntegration

    async def create(
        self,
        name: str,
        type: str = "ovn",  # noqa: A002 - Incus' name for it
        description: str | None = None,
        config: Mapping[str, str] | None = None,
        wait: bool = True,
    ) -> NetworkIntegration:
        """Create an integration and return it, complete.

        Raises:
            LXDAPIException: Incus refused (its message, e.g. an unknown config key).
            LXDAPIExtensionNotAvailable: the server lacks ``network_integrations``
                (LXD).
        """
        return await self._create_named(
            name, wait=wait, type=type, description=description, config=config
        )
