"""Upstream's ``pylxd.models.instance`` path."""

from __future__ import annotations

from pylxd._core.exec import ExecuteResult as _InstanceExecuteResult
from pylxd._sync.instances.instance import Instance, InstanceState
from pylxd._sync.instances.snapshot import Snapshot

__all__ = ["Instance", "InstanceState", "Snapshot", "_InstanceExecuteResult"]
