# Generated from pylxd/_async/network/peer.py by tools/unasync.py: do not edit, edit the source.
"""Inside a network: peers (``network.peers``)."""

from __future__ import annotations

from collections.abc import Mapping

from pylxd._sync.collection import Collection
from pylxd._sync.network.base import NetworkObject
from pylxd._core.fields import Attribute
from pylxd._core.values import null_as_list

__all__ = [
    "NetworkPeer",
    "NetworkPeerManager",
]


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
    _parent = "network"


class NetworkPeerManager(Collection[NetworkPeer]):
    """``network.peers``."""

    model = NetworkPeer

    def create(
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
        return self._create_named(
            name,
            wait=wait,
            target_project=target_project,
            target_network=target_network,
            description=description,
            config=config,
        )
