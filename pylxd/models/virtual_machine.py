"""Upstream's ``pylxd.models.virtual_machine`` path."""

from __future__ import annotations

from pylxd._sync.instances.instance import VirtualMachine

__all__ = ["VirtualMachine"]
