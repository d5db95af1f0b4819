# Generated from pylxd/aio/models.py by tools/unasync.py: do not edit, edit the source.
"""Every public model class, for one flavour.

The asyncio list (``pylxd/aio/models.py``) is the source: the blocking one
(``pylxd/models/__init__.py``) is
generated from it by ``tools/unasync.py``, so an export is added there only.
"""

from __future__ import annotations

from pylxd._sync.backup import Backup
from pylxd._sync.certificate import Certificate, TrustToken
from pylxd._sync.cluster import Cluster, ClusterCertificate, ClusterMember, ClusterMemberState
from pylxd._sync.cluster_groups import ClusterGroup, ClusterJoinToken
from pylxd._sync.console import ConsoleSession
from pylxd._sync.events import EventStream
from pylxd._sync.files import FilesManager, RemoteFile
from pylxd._sync.image import Image
from pylxd._sync.image_alias import ImageAlias
from pylxd._sync.instance import Container, Instance, InstanceState, VirtualMachine
from pylxd._sync.interactive import OutputStream, Session
from pylxd._sync.model import Model
from pylxd._sync.network import (
    Network,
    NetworkForward,
    NetworkLoadBalancer,
    NetworkPeer,
    NetworkState,
)
from pylxd._sync.network_acl import NetworkACL
from pylxd._sync.network_zone import NetworkZone, NetworkZoneRecord
from pylxd._sync.operation import Operation
from pylxd._sync.profile import Profile
from pylxd._sync.project import Project
from pylxd._sync.server import Server
from pylxd._sync.snapshot import Snapshot
from pylxd._sync.storage_backup import StorageVolumeBackup
from pylxd._sync.storage_pool import StoragePool, StorageResources
from pylxd._sync.storage_snapshot import StorageVolumeSnapshot
from pylxd._sync.storage_volume import StorageVolume
from pylxd._sync.warning import ServerWarning
from pylxd._core.exec import ExecuteResult
from pylxd._core.files import FileStat

__all__ = [
    "Backup",
    "Certificate",
    "Cluster",
    "ClusterCertificate",
    "ClusterGroup",
    "ClusterJoinToken",
    "ClusterMember",
    "ClusterMemberState",
    "ConsoleSession",
    "Container",
    "EventStream",
    "ExecuteResult",
    "FileStat",
    "FilesManager",
    "Image",
    "ImageAlias",
    "Instance",
    "InstanceState",
    "Model",
    "Network",
    "NetworkACL",
    "NetworkForward",
    "NetworkLoadBalancer",
    "NetworkPeer",
    "NetworkState",
    "NetworkZone",
    "NetworkZoneRecord",
    "Operation",
    "OutputStream",
    "Profile",
    "Project",
    "RemoteFile",
    "Server",
    "ServerWarning",
    "Session",
    "Snapshot",
    "StoragePool",
    "StorageResources",
    "StorageVolume",
    "StorageVolumeBackup",
    "StorageVolumeSnapshot",
    "TrustToken",
    "VirtualMachine",
]
