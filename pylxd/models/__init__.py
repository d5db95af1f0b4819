"""The blocking models (upstream's ``pylxd.models``)."""

from __future__ import annotations

from pylxd._core.exec import ExecuteResult
from pylxd._sync.image import Image
from pylxd._sync.image_alias import ImageAlias
from pylxd._sync.instance import Container, Instance, InstanceState, VirtualMachine
from pylxd._sync.model import Model
from pylxd._sync.operation import Operation

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
