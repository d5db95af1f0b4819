# Generated from pylxd/aio/managers.py by tools/unasync.py: do not edit, edit the source.
"""Every public manager class, for one flavour.

The asyncio list (``pylxd/aio/managers.py``) is the source: the blocking one
(``pylxd/managers.py``) is
generated from it by ``tools/unasync.py``, so an export is added there only.
"""

from __future__ import annotations

from pylxd._sync.certificate import CertificateManager
from pylxd._sync.cluster.cluster import ClusterCertificateManager, ClusterManager
from pylxd._sync.cluster.group import ClusterGroupManager
from pylxd._sync.cluster.join_token import ClusterJoinTokenManager
from pylxd._sync.cluster.member import ClusterMemberManager
from pylxd._sync.images.alias import ImageAliasManager
from pylxd._sync.images.manager import ImageManager
from pylxd._sync.instances.backup import BackupManager
from pylxd._sync.instances.manager import ContainerManager, InstanceManager, VirtualMachineManager
from pylxd._sync.instances.snapshot import SnapshotManager
from pylxd._sync.network.acl import NetworkACLManager
from pylxd._sync.network.forward import NetworkForwardManager, NetworkLoadBalancerManager
from pylxd._sync.network.integration import NetworkIntegrationManager
from pylxd._sync.network.network import NetworkManager
from pylxd._sync.network.peer import NetworkPeerManager
from pylxd._sync.network.zone import NetworkZoneManager, NetworkZoneRecordManager
from pylxd._sync.operation import OperationManager
from pylxd._sync.profile import ProfileManager
from pylxd._sync.project import ProjectManager
from pylxd._sync.storage.backup import StorageVolumeBackupManager
from pylxd._sync.storage.pool import StoragePoolManager, StorageResourcesManager
from pylxd._sync.storage.snapshot import StorageVolumeSnapshotManager
from pylxd._sync.storage.volume import StorageVolumeManager
from pylxd._sync.warning import WarningManager

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
