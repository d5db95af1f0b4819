"""Upstream's ``pylxd.models.container`` path."""

from __future__ import annotations

from pylxd._sync.instances.instance import Container

__all__ = ["Container"]
