"""Upstream"s ``pylxd.models.certificate`` path."""

from __future__ import annotations

from pylxd._sync.certificate import Certificate

__all__ = ["Certificate"]
