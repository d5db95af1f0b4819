"""The asyncio models (the twin of :mod:`pylxd.models`)."""

from __future__ import annotations

from pylxd._async.cluster import Cluster, ClusterCertificate, ClusterMember, ClusterMemberState
from pylxd._async.cluster_groups import ClusterGroup, ClusterJoinToken
from pylxd._async.instance import Container, Instance, InstanceState, VirtualMachine
from pylxd._async.model import Model
from pylxd._async.operation import Operation
from pylxd._core.exec import ExecuteResult

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
