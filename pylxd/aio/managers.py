"""The asyncio managers (the twin of :mod:`pylxd.managers`)."""

from __future__ import annotations

from pylxd._async.instance import ContainerManager, InstanceManager, VirtualMachineManager
from pylxd._async.network import (
    NetworkForwardManager,
    NetworkLoadBalancerManager,
    NetworkManager,
    NetworkPeerManager,
)
from pylxd._async.network_acl import NetworkACLManager
from pylxd._async.network_zone import NetworkZoneManager, NetworkZoneRecordManager
from pylxd._async.operation import OperationManager

__all__ = [
    "ContainerManager",
    "InstanceManager",
    "NetworkACLManager",
    "NetworkForwardManager",
    "NetworkLoadBalancerManager",
    "NetworkManager",
    "NetworkPeerManager",
    "NetworkZoneManager",
    "NetworkZoneRecordManager",
    "OperationManager",
    "VirtualMachineManager",
]
