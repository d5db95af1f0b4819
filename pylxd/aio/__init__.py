"""The asyncio client: the same API as :mod:`pylxd`, every call awaited.

>>> from pylxd.aio import Client
>>> async with Client() as client:
...     instances = await client.instances.all()

Fields never fetch on access here: ``all()`` and ``get()`` return complete objects,
and a sparse one raises :class:`~pylxd.exceptions.NotLoadedError` until ``await obj.sync()``.
Models are in :mod:`pylxd.aio.models`, managers in :mod:`pylxd.aio.managers`;
:class:`Fleet` acts on many instances at once (bounded concurrency).
"""

from __future__ import annotations

# The network libraries are imported here, not by the first Client(): that one is made
# inside a running loop, which an import (aiohttp: 0.2-0.7 s) would block.
import pylxd._drivers.aio.http
import pylxd._drivers.aio.websocket  # noqa: F401
from pylxd import exceptions
from pylxd._async.client import Client
from pylxd._async.fleet import Fleet, FleetResult
from pylxd._core.events import EventType

AsyncClient = Client

__all__ = ["AsyncClient", "Client", "EventType", "Fleet", "FleetResult", "exceptions"]
