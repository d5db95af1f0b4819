"""Where :class:`Response` used to live: it is a value type with no I/O, now in
:mod:`pylxd._core.response` (this name keeps older imports working)."""

from __future__ import annotations

from pylxd._core.response import Headers, Response

__all__ = ["Headers", "Response"]
