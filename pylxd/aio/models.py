"""Every public model class, for one flavour.

The asyncio list (``pylxd/aio/models.py``) is the source: the blocking one
(``pylxd/models/__init__.py``) is
generated from it by ``tools/unasync.py``, so an export is added there only.
"""

from __future__ import annotations

from pylxd._async.certificate import Certificate, TrustToken
from pylxd._async.cluster.cluster import Cluster, ClusterCertificate
from pylxd._async.cluster.group import ClusterGroup
from pylxd._async.cluster.join_token import ClusterJoinToken
from pylxd._async.cluster.member import ClusterMember, ClusterMemberState
from pylxd._async.events import EventStream
from pylxd._async.images.alias import ImageAlias
from pylxd._async.images.image import Image
from pylxd._async.instances.backup import Backup
from pylxd._async.instances.console import ConsoleSession
from pylxd._async.instances.files import FilesManager, RemoteFile
from pylxd._async.instances.instance import Container, Instance, InstanceState, VirtualMachine
from pylxd._async.instances.interactive import OutputStream, Session
from pylxd._async.instances.snapshot import Snapshot
from pylxd._async.model import Model
from pylxd._async.network.acl import NetworkACL
from pylxd._async.network.forward import NetworkForward, NetworkLoadBalancer
from pylxd._async.network.integration import NetworkIntegration
from pylxd._async.network.network import Network, NetworkState
from pylxd._async.network.peer import NetworkPeer
from pylxd._async.network.zone import NetworkZone, NetworkZoneRecord
from pylxd._async.operation import Operation
from pylxd._async.profile import Profile
from pylxd._async.project import Project
from pylxd._async.server import Server
from pylxd._async.storage.backup import StorageVolumeBackup
from pylxd._async.storage.pool import StoragePool, StorageResources
from pylxd._async.storage.snapshot import StorageVolumeSnapshot
from pylxd._async.storage.volume import StorageVolume
from pylxd._async.warning import ServerWarning
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
