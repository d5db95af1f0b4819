"""The blocking models (upstream's ``pylxd.models``)."""

from __future__ import annotations

from pylxd._core.exec import ExecuteResult
from pylxd._sync.backup import Backup
from pylxd._sync.console import ConsoleSession
from pylxd._sync.instance import Container, Instance, InstanceState, VirtualMachine
from pylxd._sync.model import Model
from pylxd._sync.operation import Operation
from pylxd._sync.snapshot import Snapshot

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
