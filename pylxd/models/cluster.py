"""Upstream's ``pylxd.models.cluster`` path."""

from __future__ import annotations

from pylxd._sync.cluster.cluster import Cluster, ClusterCertificate, ClusterCertificateManager
from pylxd._sync.cluster.member import ClusterMember, ClusterMemberManager

__all__ = [
    "Cluster",
    "ClusterCertificate",
    "ClusterCertificateManager",
    "ClusterMember",
    "ClusterMemberManager",
]
