"""Fleets for the blocking client: one action on many instances, on a thread pool.

>>> from pylxd import Client
>>> from pylxd.fleet import Fleet
>>> results = Fleet(Client(), concurrency=8).start(["web-1", "web-2"])

The same helpers as :class:`pylxd.aio.Fleet` (see :mod:`pylxd._async.fleet`).
"""

from __future__ import annotations

from pylxd._sync.fleet import Fleet, FleetResult

__all__ = ["Fleet", "FleetResult"]
