"""The asyncio models (the twin of :mod:`pylxd.models`)."""

from __future__ import annotations

from pylxd._async.backup import Backup
from pylxd._async.console import ConsoleSession
from pylxd._async.instance import Container, Instance, InstanceState, VirtualMachine
from pylxd._async.model import Model
from pylxd._async.operation import Operation
from pylxd._async.snapshot import Snapshot
from pylxd._core.exec import ExecuteResult

__all__ = [
    "Backup",
    "ConsoleSession",
    "Container",
    "ExecuteResult",
    "Instance",
    "InstanceState",
    "Model",
    "Operation",
    "Snapshot",
    "VirtualMachine",
]
