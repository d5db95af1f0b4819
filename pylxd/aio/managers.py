"""Every public manager class, for one flavour.

The asyncio list (``pylxd/aio/managers.py``) is the source: the blocking one
(``pylxd/managers.py``) is
generated from it by ``tools/unasync.py``, so an export is added there only.
"""

from __future__ import annotations

from pylxd._async.backup import BackupManager
from pylxd._async.certificate import CertificateManager
from pylxd._async.cluster import ClusterCertificateManager, ClusterManager, ClusterMemberManager
from pylxd._async.cluster_groups import ClusterGroupManager, ClusterJoinTokenManager
from pylxd._async.image import ImageManager
from pylxd._async.image_alias import ImageAliasManager
from pylxd._async.instance_manager import ContainerManager, InstanceManager, VirtualMachineManager
from pylxd._async.network import (
    NetworkForwardManager,
    NetworkLoadBalancerManager,
    NetworkManager,
    NetworkPeerManager,
)
from pylxd._async.network_acl import NetworkACLManager
from pylxd._async.network_zone import NetworkZoneManager, NetworkZoneRecordManager
from pylxd._async.operation import OperationManager
from pylxd._async.profile import ProfileManager
from pylxd._async.project import ProjectManager
from pylxd._async.snapshot import SnapshotManager
from pylxd._async.storage_backup import StorageVolumeBackupManager
from pylxd._async.storage_pool import StoragePoolManager, StorageResourcesManager
from pylxd._async.storage_snapshot import StorageVolumeSnapshotManager
from pylxd._async.storage_volume import StorageVolumeManager
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
