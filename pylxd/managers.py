"""The blocking managers (upstream's ``pylxd.managers``)."""

from __future__ import annotations

from pylxd._sync.backup import BackupManager
from pylxd._sync.instance import ContainerManager, InstanceManager, VirtualMachineManager
from pylxd._sync.operation import OperationManager
from pylxd._sync.snapshot import SnapshotManager

__all__ = [
    "BackupManager",
    "ContainerManager",
    "InstanceManager",
    "OperationManager",
    "SnapshotManager",
    "VirtualMachineManager",
]
