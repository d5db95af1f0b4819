"""Upstream's ``pylxd.models.operation`` path."""

from __future__ import annotations

from pylxd._sync.operation import Operation

__all__ = ["Operation"]
