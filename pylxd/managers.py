"""The blocking managers (upstream's ``pylxd.managers``)."""

from __future__ import annotations

from pylxd._sync.instance import ContainerManager, InstanceManager, VirtualMachineManager
from pylxd._sync.operation import OperationManager
from pylxd._sync.storage_backup import StorageVolumeBackupManager
from pylxd._sync.storage_pool import StoragePoolManager, StorageResourcesManager
from pylxd._sync.storage_snapshot import StorageVolumeSnapshotManager
from pylxd._sync.storage_volume import StorageVolumeManager

__all__ = [
    "ContainerManager",
    "InstanceManager",
    "OperationManager",
    "StoragePoolManager",
    "StorageResourcesManager",
    "StorageVolumeBackupManager",
    "StorageVolumeManager",
    "StorageVolumeSnapshotManager",
    "VirtualMachineManager",
]
