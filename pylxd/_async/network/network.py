"""Networks (``/1.0/networks``), their state and leases, and the objects inside a network:
address forwards, peers and load balancers. ``client.networks``, ``network.forwards``, …
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from pylxd._async.collection import Collection, NamedModel
from pylxd._core.envelope import metadata
from pylxd._core.fields import Attribute, AttributeDict, dict_list, merge_patch, null_as_list

if TYPE_CHECKING:
    from pylxd._async.client import Client
    from pylxd._core.response import Response

__all__ = [
    "ListenAddressObject",
    "Network",
    "NetworkForward",
    "NetworkForwardManager",
    "NetworkLoadBalancer",
    "NetworkLoadBalancerManager",
    "NetworkManager",
    "NetworkObject",
    "NetworkPeer",
    "NetworkPeerManager",
    "NetworkState",
]


class NetworkObject(NamedModel):
    """The base of every network object (networks, ACLs, zones, records, forwards, …).

    Writes are waited on when the server makes them background operations
    (``storage_and_network_operations``), and ``save()`` sends nothing when nothing changed.
    """

    _extension = "network"
    _operations_extension = "storage_and_network_operations"
    #: Whether the server's own ``PATCH`` can be used. LXD 5.0 and Incus 6.0 drop the
    #: connection (a panic) on a ``PATCH`` of an ACL, zone or forward that lacks ``config``
    #: while the object has some, and LXD 5.0 blanks the rules, entries or ports a ``PATCH``
    #: does not carry: for those, ``patch()`` merges here and ``PUT``s.
    _server_patch: ClassVar[bool] = False

    async def raw_patch(self, patch_object: dict[str, Any], wait: bool = False) -> Response:
        """Merge ``patch_object`` into the object (``config`` keys merged, other fields
        replaced) without reading it back.

        Where the server's ``PATCH`` is unusable this is a ``GET``, the merge, and a ``PUT``
        guarded by the object's ETag: a change made meanwhile by someone else makes LXD
        refuse it (HTTP 412) instead of being overwritten.
        """
        if self._server_patch:
            return await super().raw_patch(patch_object, wait)
        current = await self.api.get()
        writable = [key for key, field in self._fields.items() if not field.readonly]
        body = merge_patch(metadata(current), patch_object, writable)
        etag = current.headers.get("ETag")
        response = await self.api.put(json=body, headers={"If-Match": etag} if etag else None)
        await self._wait_if(response, wait)
        return response

    async def save(self, wait: bool = False) -> None:
        """Send the edited object (``PUT``: every writable field); a no-op when not ``dirty``.

        Raises:
            LXDAPIException: LXD refused the new values (its message, e.g. an unknown key).
        """
        if self.dirty:
            await super().save(wait=wait)


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
        return NetworkState(metadata(await self.api.state.get()))

    async def leases(self) -> list[dict[str, Any]]:
        """The DHCP leases of a managed network (``hostname``, ``hwaddr``, ``address``,
        ``type``, ``location``); needs ``network_leases``.

        Raises:
            NotFound: the network is not managed by LXD (LXD's "Network not found").
        """
        self.client.assert_has_api_extension("network_leases")
        return list(metadata(await self.api.leases.get()) or [])

    def __str__(self) -> str:
        return json.dumps(self.marshall(skip_readonly=False), indent=2)

    def __repr__(self) -> str:
        shown = ("config", "description", "name", "type")
        values = dict(self)
        fields = ", ".join(f"{k}={json.dumps(values[k])}" for k in shown if k in values)
        return f"{type(self).__name__}({fields})"


class NetworkManager(Collection[Network]):
    """``client.networks``: ``all()``, ``get(name)``, ``exists(name)``, ``create(…)``,
    ``allocations()``."""

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
        return list(metadata(await self._client.api.network_allocations.get(params=params)) or [])

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


# -- inside a network: address forwards, peers, load balancers -----------------------------


class ListenAddressObject(NetworkObject):
    """What forwards and load balancers share: named by their ``listen_address``, with
    ``ports`` (a list of dicts) and ``config``."""

    listen_address: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    config: Attribute[dict[str, str]] = Attribute()
    ports: Attribute[list[dict[str, Any]]] = Attribute()
    location: Attribute[str] = Attribute(readonly=True)

    _name_field = "listen_address"
    _identity = ("listen_address",)


class NetworkForward(ListenAddressObject):
    """An address forward (``/1.0/networks/<net>/forwards/<listen_address>``): traffic to
    ``listen_address`` (and its ``ports``) forwarded into the network. Needs
    ``network_forward``; ``bridge`` and ``ovn`` networks."""

    _extension = "network_forward"


class NetworkForwardManager(Collection[NetworkForward]):
    """``network.forwards``: ``all()``, ``get(listen_address)``, ``exists(…)``, ``create(…)``."""

    model = NetworkForward

    async def create(
        self,
        listen_address: str | Mapping[str, Any],
        description: str | None = None,
        config: Mapping[str, str] | None = None,
        ports: Sequence[Mapping[str, Any]] | None = None,
        wait: bool = True,
    ) -> NetworkForward:
        """Create a forward and return it, complete.

        Args:
            listen_address: the address to forward; or, as upstream pylxd takes it, the
                whole definition (``{"listen_address": …, "ports": […], …}``).
            description: free text.
            config: ``target_address`` (the default target) and ``user.*`` keys.
            ports: ``{"protocol", "listen_port", "target_address", "target_port"}`` dicts.

        Raises:
            LXDAPIException: LXD refused (its message).
            LXDAPIExtensionNotAvailable: the server lacks ``network_forward``.
        """
        if isinstance(listen_address, Mapping):
            definition = dict(listen_address)
            address = definition.pop("listen_address")
            return await self._create_named(address, wait=wait, **definition)
        return await self._create_named(
            listen_address,
            wait=wait,
            description=description,
            config=config,
            ports=dict_list(ports, "ports"),
        )


class NetworkPeer(NetworkObject):
    """A peering (``/1.0/networks/<net>/peers/<name>``) to another OVN network. Needs
    ``network_peer``; LXD refuses it on every other network type."""

    name: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    config: Attribute[dict[str, str]] = Attribute()
    target_project: Attribute[str] = Attribute(readonly=True)
    target_network: Attribute[str] = Attribute(readonly=True)
    status: Attribute[str] = Attribute(readonly=True)
    used_by: Attribute[list[str]] = Attribute(readonly=True, from_server=null_as_list)

    _extension = "network_peer"


class NetworkPeerManager(Collection[NetworkPeer]):
    """``network.peers``: ``all()``, ``get(name)``, ``exists(name)``, ``create(…)``."""

    model = NetworkPeer

    async def create(
        self,
        name: str,
        target_project: str,
        target_network: str,
        description: str | None = None,
        config: Mapping[str, str] | None = None,
        wait: bool = True,
    ) -> NetworkPeer:
        """Peer this network with ``target_network`` in ``target_project``.

        Raises:
            LXDAPIException: LXD refused (e.g. "Network driver "bridge" does not support
                peering").
            LXDAPIExtensionNotAvailable: the server lacks ``network_peer``.
        """
        return await self._create_named(
            name,
            wait=wait,
            target_project=target_project,
            target_network=target_network,
            description=description,
            config=config,
        )


class NetworkLoadBalancer(ListenAddressObject):
    """A load balancer (``/1.0/networks/<net>/load-balancers/<listen_address>``): ports of
    ``listen_address`` spread over ``backends``. Needs ``network_load_balancer`` (Incus,
    LXD 5.x after 5.0); ``ovn`` networks only."""

    backends: Attribute[list[dict[str, Any]]] = Attribute()

    _extension = "network_load_balancer"


class NetworkLoadBalancerManager(Collection[NetworkLoadBalancer]):
    """``network.load_balancers``: ``all()``, ``get(listen_address)``, ``exists(…)``,
    ``create(…)``."""

    model = NetworkLoadBalancer

    async def create(
        self,
        listen_address: str,
        description: str | None = None,
        config: Mapping[str, str] | None = None,
        backends: Sequence[Mapping[str, Any]] | None = None,
        ports: Sequence[Mapping[str, Any]] | None = None,
        wait: bool = True,
    ) -> NetworkLoadBalancer:
        """Create a load balancer on ``listen_address``.

        Args:
            backends: ``{"name", "target_address", "target_port", "description"}`` dicts.
            ports: ``{"protocol", "listen_port", "target_backend", "description"}`` dicts.

        Raises:
            LXDAPIException: LXD refused (e.g. "Network driver "bridge" does not support
                load balancers").
            LXDAPIExtensionNotAvailable: the server lacks ``network_load_balancer``.
        """
        return await self._create_named(
            listen_address,
            wait=wait,
            description=description,
            config=config,
            backends=dict_list(backends, "backends"),
            ports=dict_list(ports, "ports"),
        )
