"""The blocking managers (upstream's ``pylxd.managers``)."""

from __future__ import annotations

from pylxd._sync.instance import ContainerManager, InstanceManager, VirtualMachineManager
from pylxd._sync.network import (
    NetworkForwardManager,
    NetworkLoadBalancerManager,
    NetworkManager,
    NetworkPeerManager,
)
from pylxd._sync.network_acl import NetworkACLManager
from pylxd._sync.network_zone import NetworkZoneManager, NetworkZoneRecordManager
from pylxd._sync.operation import OperationManager

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
