"""The blocking models (upstream's ``pylxd.models``)."""

from __future__ import annotations

from pylxd._core.exec import ExecuteResult
from pylxd._sync.instance import Container, Instance, InstanceState, VirtualMachine
from pylxd._sync.model import Model
from pylxd._sync.operation import Operation
from pylxd._sync.storage_backup import StorageVolumeBackup
from pylxd._sync.storage_pool import StoragePool, StorageResources
from pylxd._sync.storage_snapshot import StorageVolumeSnapshot
from pylxd._sync.storage_volume import StorageVolume

__all__ = [
    "Container",
    "ExecuteResult",
    "Instance",
    "InstanceState",
    "Model",
    "Operation",
    "StoragePool",
    "StorageResources",
    "StorageVolume",
    "StorageVolumeBackup",
    "StorageVolumeSnapshot",
    "VirtualMachine",
]
