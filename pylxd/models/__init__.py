"""The blocking models (upstream's ``pylxd.models``)."""

from __future__ import annotations

from pylxd._core.exec import ExecuteResult
from pylxd._core.files import FileStat
from pylxd._sync.events import EventStream
from pylxd._sync.files import FilesManager, RemoteFile
from pylxd._sync.instance import Container, Instance, InstanceState, VirtualMachine
from pylxd._sync.interactive import OutputStream, Session
from pylxd._sync.model import Model
from pylxd._sync.operation import Operation

__all__ = [
    "Container",
    "EventStream",
    "ExecuteResult",
    "FileStat",
    "FilesManager",
    "Instance",
    "InstanceState",
    "Model",
    "Operation",
    "OutputStream",
    "RemoteFile",
    "Session",
    "VirtualMachine",
]
