"""The blocking models (upstream's ``pylxd.models``)."""

from __future__ import annotations

from pylxd._core.exec import ExecuteResult
from pylxd._sync.cluster import Cluster, ClusterCertificate, ClusterMember, ClusterMemberState
from pylxd._sync.cluster_groups import ClusterGroup, ClusterJoinToken
from pylxd._sync.instance import Container, Instance, InstanceState, VirtualMachine
from pylxd._sync.model import Model
from pylxd._sync.operation import Operation

__all__ = [
    "Cluster",
    "ClusterCertificate",
    "ClusterGroup",
    "ClusterJoinToken",
    "ClusterMember",
    "ClusterMemberState",
    "Container",
    "ExecuteResult",
    "Instance",
    "InstanceState",
    "Model",
    "Operation",
    "VirtualMachine",
]
