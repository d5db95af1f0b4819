"""The blocking managers (upstream's ``pylxd.managers``)."""

from __future__ import annotations

from pylxd._sync.image import ImageManager
from pylxd._sync.image_alias import ImageAliasManager
from pylxd._sync.instance import ContainerManager, InstanceManager, VirtualMachineManager
from pylxd._sync.operation import OperationManager

__all__ = [
    "ContainerManager",
    "ImageAliasManager",
    "ImageManager",
    "InstanceManager",
    "OperationManager",
    "VirtualMachineManager",
]
