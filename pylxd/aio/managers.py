"""Every public manager class, for one flavour.

The asyncio list (``pylxd/aio/managers.py``) is the source: the blocking one
(``pylxd/managers.py``) is
generated from it by ``tools/unasync.py``, so an export is added there only.
"""

from __future__ import annotations

from pylxd._async.certificate import CertificateManager
from pylxd._async.cluster.cluster import ClusterCertificateManager, ClusterManager
from pylxd._async.cluster.group import ClusterGroupManager
from pylxd._async.cluster.join_token import ClusterJoinTokenManager
from pylxd._async.cluster.member import ClusterMemberManager
from pylxd._async.images.alias import ImageAliasManager
from pylxd._async.images.manager import ImageManager
from pylxd._async.instances.backup import BackupManager
from pylxd._async.instances.manager import ContainerManager, InstanceManager, VirtualMachineManager
from pylxd._async.instances.snapshot import SnapshotManager
from pylxd._async.network.acl import NetworkACLManager
from pylxd._async.network.forward import NetworkForwardManager, NetworkLoadBalancerManager
from pylxd._async.network.integration import NetworkIntegrationManager
from pylxd._async.network.network import NetworkManager
from pylxd._async.network.peer import NetworkPeerManager
from pylxd._async.network.zone import NetworkZoneManager, NetworkZoneRecordManager
from pylxd._async.operation import OperationManager
from pylxd._async.profile import ProfileManager
from pylxd._async.project import ProjectManager
from pylxd._async.storage.backup import StorageVolumeBackupManager
from pylxd._async.storage.pool import StoragePoolManager, StorageResourcesManager
from pylxd._async.storage.snapshot import StorageVolumeSnapshotManager
from pylxd._async.storage.volume import StorageVolumeManager
from pylxd._async.warning import WarningManager

__all__ = [
    "BackupManager",
    "CertificateManager",
    "ClusterCertificateManager",
    "ClusterGroupManager",
    "ClusterJoinTokenManager",
    "ClusterManager",
    "ClusterMemberManager",
    "ContainerManager",
    "ImageAliasManager",
    "ImageManager",
    "InstanceManager",
    "NetworkACLManager",
    "NetworkForwardManager",
    "NetworkIntegrationManager",
    "NetworkLoadBalancerManager",
    "NetworkManager",
    "NetworkPeerManager",
    "NetworkZoneManager",
    "NetworkZoneRecordManager",
    "OperationManager",
    "ProfileManager",
    "ProjectManager",
    "SnapshotManager",
    "StoragePoolManager",
    "StorageResourcesManager",
    "StorageVolumeBackupManager",
    "StorageVolumeManager",
    "StorageVolumeSnapshotManager",
    "VirtualMachineManager",
    "WarningManager",
]
