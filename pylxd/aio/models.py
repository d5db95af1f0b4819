"""The asyncio models (the twin of :mod:`pylxd.models`)."""

from __future__ import annotations

from pylxd._async.instance import Container, Instance, InstanceState, VirtualMachine
from pylxd._async.model import Model
from pylxd._async.operation import Operation
from pylxd._async.storage_backup import StorageVolumeBackup
from pylxd._async.storage_pool import StoragePool, StorageResources
from pylxd._async.storage_snapshot import StorageVolumeSnapshot
from pylxd._async.storage_volume import StorageVolume
from pylxd._core.exec import ExecuteResult

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
