"""Upstream's ``pylxd.models.network`` path."""

from __future__ import annotations

from pylxd._sync.network.forward import NetworkForward
from pylxd._sync.network.network import Network, NetworkState

__all__ = ["Network", "NetworkForward", "NetworkState"]
