"""Inside a network: address forwards (``network.forwards``) and load balancers
(``network.load_balancers``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pylxd._async.collection import Collection
from pylxd._async.network.base import ListenAddressObject
from pylxd._core.fields import Attribute
from pylxd._core.values import dict_list

__all__ = [
    "NetworkForward",
    "NetworkForwardManager",
    "NetworkLoadBalancer",
    "NetworkLoadBalancerManager",
]


class NetworkForward(ListenAddressObject):
    """An address forward (``/1.0/networks/<net>/forwards/<listen_address>``): traffic to
    ``listen_address`` (and its ``ports``) forwarded into the network. Needs
    ``network_forward``; ``bridge`` and ``ovn`` networks."""

    _extension = "network_forward"


class NetworkForwardManager(Collection[NetworkForward]):
    """``network.forwards``."""

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


class NetworkLoadBalancer(ListenAddressObject):
    """A load balancer (``/1.0/networks/<net>/load-balancers/<listen_address>``): ports of
    ``listen_address`` spread over ``backends``. Needs ``network_load_balancer`` (Incus,
    LXD 5.x after 5.0); ``ovn`` networks only."""

    backends: Attribute[list[dict[str, Any]]] = Attribute()

    _extension = "network_load_balancer"


class NetworkLoadBalancerManager(Collection[NetworkLoadBalancer]):
    """``network.load_balancers``."""

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
