"""The asyncio managers (the twin of :mod:`pylxd.managers`)."""

from __future__ import annotations

from pylxd._async.cluster import ClusterCertificateManager, ClusterManager, ClusterMemberManager
from pylxd._async.cluster_groups import ClusterGroupManager, ClusterJoinTokenManager
from pylxd._async.instance import ContainerManager, InstanceManager, VirtualMachineManager
from pylxd._async.operation import OperationManager

__all__ = [
    "ClusterCertificateManager",
    "ClusterGroupManager",
    "ClusterJoinTokenManager",
    "ClusterManager",
    "ClusterMemberManager",
    "ContainerManager",
    "InstanceManager",
    "OperationManager",
    "VirtualMachineManager",
]
