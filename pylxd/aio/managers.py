"""The asyncio managers (the twin of :mod:`pylxd.managers`)."""

from __future__ import annotations

from pylxd._async.backup import BackupManager
from pylxd._async.instance import ContainerManager, InstanceManager, VirtualMachineManager
from pylxd._async.operation import OperationManager
from pylxd._async.snapshot import SnapshotManager

__all__ = [
    "BackupManager",
    "ContainerManager",
    "InstanceManager",
    "OperationManager",
    "SnapshotManager",
    "VirtualMachineManager",
]
