"""Upstream"s ``pylxd.models.project`` path."""

from __future__ import annotations

from pylxd._sync.project import Project

__all__ = ["Project"]
