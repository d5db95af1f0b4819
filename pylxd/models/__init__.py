# Generated from pylxd/aio/models.py by tools/unasync.py: do not edit, edit the source.
"""Every public model class, for one flavour.

The asyncio list (``pylxd/aio/models.py``) is the source: the blocking one
(``pylxd/models/__init__.py``) is
generated from it by ``tools/unasync.py``, so an export is added there only.
"""

from __future__ import annotations

from pylxd._sync.certificate import Certificate, TrustToken
from pylxd._sync.cluster.cluster import Cluster, ClusterCertificate
from pylxd._sync.cluster.group import ClusterGroup
from pylxd._sync.cluster.join_token import ClusterJoinToken
from pylxd._sync.cluster.member import ClusterMember, ClusterMemberState
from pylxd._sync.events import EventStream
from pylxd._sync.images.alias import ImageAlias
from pylxd._sync.images.image import Image
from pylxd._sync.instances.backup import Backup
from pylxd._sync.instances.console import ConsoleSession
from pylxd._sync.instances.files import FilesManager, RemoteFile
from pylxd._sync.instances.instance import Container, Instance, InstanceState, VirtualMachine
from pylxd._sync.instances.interactive import OutputStream, Session
from pylxd._sync.instances.snapshot import Snapshot
from pylxd._sync.model import Model
from pylxd._sync.network.acl import NetworkACL
from pylxd._sync.network.forward import NetworkForward, NetworkLoadBalancer
from pylxd._sync.network.integration import NetworkIntegration
from pylxd._sync.network.network import Network, NetworkState
from pylxd._sync.network.peer import NetworkPeer
from pylxd._sync.network.zone import NetworkZone, NetworkZoneRecord
from pylxd._sync.operation import Operation
from pylxd._sync.profile import Profile
from pylxd._sync.project import Project
from pylxd._sync.server import Server
from pylxd._sync.storage.backup import StorageVolumeBackup
from pylxd._sync.storage.pool import StoragePool, StorageResources
from pylxd._sync.storage.snapshot import StorageVolumeSnapshot
from pylxd._sync.storage.volume import StorageVolume
from pylxd._sync.warning import ServerWarning
from pylxd._core.exec import ExecuteResult, RecordedExecuteResult
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
    "NetworkIntegration",
    "NetworkLoadBalancer",
    "NetworkPeer",
    "NetworkState",
    "NetworkZone",
    "NetworkZoneRecord",
    "Operation",
    "OutputStream",
    "Profile",
    "Project",
    "RecordedExecuteResult",
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
