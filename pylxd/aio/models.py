"""The asyncio models (the twin of :mod:`pylxd.models`)."""

from __future__ import annotations

from pylxd._async.events import EventStream
from pylxd._async.files import FilesManager, RemoteFile
from pylxd._async.instance import Container, Instance, InstanceState, VirtualMachine
from pylxd._async.interactive import OutputStream, Session
from pylxd._async.model import Model
from pylxd._async.operation import Operation
from pylxd._core.exec import ExecuteResult
from pylxd._core.files import FileStat

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
