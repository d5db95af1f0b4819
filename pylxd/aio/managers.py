"""The asyncio managers (the twin of :mod:`pylxd.managers`)."""

from __future__ import annotations

from pylxd._async.image import ImageManager
from pylxd._async.image_alias import ImageAliasManager
from pylxd._async.instance import ContainerManager, InstanceManager, VirtualMachineManager
from pylxd._async.operation import OperationManager

__all__ = [
    "ContainerManager",
    "ImageAliasManager",
    "ImageManager",
    "InstanceManager",
    "OperationManager",
    "VirtualMachineManager",
]
