"""The asyncio models (the twin of :mod:`pylxd.models`)."""

from __future__ import annotations

from pylxd._async.certificate import Certificate, TrustToken
from pylxd._async.instance import Container, Instance, InstanceState, VirtualMachine
from pylxd._async.model import Model
from pylxd._async.operation import Operation
from pylxd._async.profile import Profile
from pylxd._async.project import Project
from pylxd._async.server import Server
from pylxd._async.warning import ServerWarning
from pylxd._core.exec import ExecuteResult

__all__ = [
    "Certificate",
    "Container",
    "ExecuteResult",
    "Instance",
    "InstanceState",
    "Model",
    "Operation",
    "Profile",
    "Project",
    "Server",
    "ServerWarning",
    "TrustToken",
    "VirtualMachine",
]
