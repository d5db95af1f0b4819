"""pylxd: the Python client for the LXD (and Incus) REST API.

>>> from pylxd import Client
>>> client = Client()
>>> client.instances.all()

The asyncio client is :mod:`pylxd.aio` (``pip install 'pylxd[aio]'``).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from pylxd import exceptions
from pylxd.client import Client, EventType

__all__ = ["Client", "EventType", "__version__", "exceptions"]

try:
    __version__ = version("pylxd")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0+unknown"
