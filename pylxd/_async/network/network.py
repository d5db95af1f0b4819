"""Networks (``/1.0/networks``), their state and leases: ``client.networks``. The objects
inside a network are in ``forward.py`` (forwards, load balancers) and ``peer.py``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pylxd._async.collection import Collection
from pylxd._async.network.base import NetworkObject
from pylxd._async.network.forward import NetworkForwardManager, NetworkLoadBalancerManager
from pylxd._async.network.peer import NetworkPeerManager
from pylxd._core.envelope import metadata_list, metadata_object
from pylxd._core.fields import Attribute, AttributeDict
from pylxd._core.values import null_as_list

if TYPE_CHECKING:
    from pylxd._async.client import Client

__all__ = [
    "Network",
    "NetworkManager",
    "NetworkState",
]


class NetworkState(AttributeDict):
    """``GET /1.0/networks/<name>/state``: ``addresses``, ``counters``, ``hwaddr``, ``mtu``,
    ``state``, ``type``, ``bond``, ``bridge``, ``vlan``, ``ovn``."""

    def __repr__(self) -> str:
        return f"<NetworkState state={self.__dict__.get('state')!r}>"


class Network(NetworkObject):
    """A network (``/1.0/networks/<name>``): a managed one (bridge, macvlan, OVN, …) or an
    interface of the host that LXD only reports (``managed`` is False).

    ``save()`` is a ``PUT`` (description and config, replaced whole), not a ``PATCH``.
    """

    name: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    type: Attribute[str] = Attribute(readonly=True)
    config: Attribute[dict[str, str]] = Attribute(server_keys=("volatile.",))
    managed: Attribute[bool] = Attribute(readonly=True)
    used_by: Attribute[list[str]] = Attribute(readonly=True, from_server=null_as_list)
    status: Attribute[str] = Attribute(readonly=True)
    locations: Attribute[list[str]] = Attribute(readonly=True)
    project: Attribute[str] = Attribute(readonly=True, optional=True)

    _collection_path = "networks"
    _all_projects_extension = "networks_all_projects"
    _server_patch = True

    async def rename(self, new_name: str, wait: bool = True) -> Network:
        """Rename the network (``POST {"name": new_name}``); waits by default, as upstream's
        ``Network.rename`` does. Returns it, renamed."""
        return await super().rename(new_name, wait)

    @classmethod
    async def create(
        cls,
        client: Client,
        name: str,
        description: str | None = None,
        type: str | None = None,
        config: Mapping[str, str] | None = None,
        wait: bool = True,
        target: str | None = None,
    ) -> Network:
        """Create a network (upstream's ``Network.create(client, …)`` spelling); see
        :meth:`NetworkManager.create`."""
        return await NetworkManager(client).create(name, description, type, config, wait, target)

    @property
    def forwards(self) -> NetworkForwardManager:
        """The network's address forwards (``bridge`` and ``ovn`` networks)."""
        return NetworkForwardManager(self.client, node=self.api.forwards)

    @property
    def peers(self) -> NetworkPeerManager:
        """The network's peerings (``ovn`` networks only)."""
        return NetworkPeerManager(self.client, node=self.api.peers)

    @property
    def load_balancers(self) -> NetworkLoadBalancerManager:
        """The network's load balancers (``ovn`` networks only; not in LXD 5.0)."""
        return NetworkLoadBalancerManager(self.client, node=self.api.load_balancers)

    async def state(self) -> NetworkState:
        """The interface's state now (one request; needs ``network_state``)."""
        self.client.assert_has_api_extension("network_state")
        return NetworkState(metadata_object(await self.api.state.get()))

    async def leases(self) -> list[dict[str, Any]]:
        """The DHCP leases of a managed network (``hostname``, ``hwaddr``, ``address``,
        ``type``, ``location``); needs ``network_leases``.

        Raises:
            NotFound: the network is not managed by LXD (LXD's "Network not found").
        """
        self.client.assert_has_api_extension("network_leases")
        return metadata_list(await self.api.leases.get())

    def __str__(self) -> str:
        return json.dumps(self.marshall(skip_readonly=False), indent=2)


class NetworkManager(Collection[Network]):
    """``client.networks``."""

    model = Network

    async def allocations(self, all_projects: bool = False) -> list[dict[str, Any]]:
        """The addresses in use (``GET /1.0/network-allocations``): one dict per address
        (``addresses``, ``type`` such as ``network-forward`` or ``instance``, ``used_by``,
        ``nat``, ``hwaddr``). Needs ``network_allocations`` (Incus; LXD after 5.0).

        Args:
            all_projects: every project's, not only the client's project.
        """
        self._client.assert_has_api_extension("network_allocations")
        params = {"all-projects": True} if all_projects else None
        return metadata_list(await self._client.api.network_allocations.get(params=params))

    async def create(
        self,
        name: str,
        description: str | None = None,
        type: str | None = None,
        config: Mapping[str, str] | None = None,
        wait: bool = True,
        target: str | None = None,
    ) -> Network:
        """Create a network and return it, complete.

        Args:
            name: the network's name (an interface name for a bridge: 15 characters at most).
            description: free text.
            type: LXD's network type (``bridge``, ``macvlan``, ``sriov``, ``ovn``,
                ``physical``); ``None`` lets LXD choose (a bridge).
            config: the network's configuration keys (``ipv4.address``, …).
            wait: wait for the operation when the server makes one.
            target: in a cluster, only record this member's config (``status`` stays
                ``Pending``); the network is made once it is created without ``target``.

        Raises:
            LXDAPIException: LXD refused (its message: "Unknown driver", an invalid option, a
                name already in use, …).
            LXDAPIExtensionNotAvailable: the server lacks ``network``.
        """
        return await self._create_named(
            name, wait=wait, target=target, description=description, type=type, config=config
        )
