"""The asyncio managers (the twin of :mod:`pylxd.managers`)."""

from __future__ import annotations

from pylxd._async.instance import ContainerManager, InstanceManager, VirtualMachineManager
from pylxd._async.operation import OperationManager
from pylxd._async.storage_backup import StorageVolumeBackupManager
from pylxd._async.storage_pool import StoragePoolManager, StorageResourcesManager
from pylxd._async.storage_snapshot import StorageVolumeSnapshotManager
from pylxd._async.storage_volume import StorageVolumeManager

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
