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

from pylxd import exceptions
from pylxd._async.client import Client
from pylxd._async.fleet import Fleet, FleetResult
from pylxd._core.events import EventType

AsyncClient = Client

__all__ = ["AsyncClient", "Client", "EventType", "Fleet", "FleetResult", "exceptions"]
