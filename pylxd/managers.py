"""The blocking managers (upstream's ``pylxd.managers``)."""

from __future__ import annotations

from pylxd._sync.cluster import ClusterCertificateManager, ClusterManager, ClusterMemberManager
from pylxd._sync.cluster_groups import ClusterGroupManager, ClusterJoinTokenManager
from pylxd._sync.instance import ContainerManager, InstanceManager, VirtualMachineManager
from pylxd._sync.operation import OperationManager

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
