"""Fleets for the asyncio client: one action on many instances, as bounded tasks.

>>> from pylxd.aio import Client
>>> from pylxd.aio.fleet import Fleet
>>> async with Client() as client:
...     results = await Fleet(client, concurrency=8).start(["web-1", "web-2"])

See :mod:`pylxd._async.fleet`; the blocking twin is :mod:`pylxd.fleet`.
"""

from __future__ import annotations

from pylxd._async.fleet import Fleet, FleetResult

__all__ = ["Fleet", "FleetResult"]
