"""The asyncio models (the twin of :mod:`pylxd.models`)."""

from __future__ import annotations

from pylxd._async.image import Image
from pylxd._async.image_alias import ImageAlias
from pylxd._async.instance import Container, Instance, InstanceState, VirtualMachine
from pylxd._async.model import Model
from pylxd._async.operation import Operation
from pylxd._core.exec import ExecuteResult

__all__ = [
    "Container",
    "ExecuteResult",
    "Image",
    "ImageAlias",
    "Instance",
    "InstanceState",
    "Model",
    "Operation",
    "VirtualMachine",
]
