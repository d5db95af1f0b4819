"""Upstream"s ``pylxd.models.profile`` path."""

from __future__ import annotations

from pylxd._sync.profile import Profile

__all__ = ["Profile"]
