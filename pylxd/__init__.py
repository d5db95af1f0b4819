"""pylxd: the Python client for the LXD (and Incus) REST API.

>>> from pylxd import Client
>>> client = Client()
>>> client.instances.all()

The asyncio client is :mod:`pylxd.aio` (``pip install 'pylxd[aio]'``).
"""

from __future__ import annotations

import logging

from pylxd import exceptions
from pylxd._core.client_cert import generate_client_certificate
from pylxd._version import __version__
from pylxd.client import Client, EventType

# Silent unless the program configures logging (see pylxd._core.logs for the loggers).
logging.getLogger("pylxd").addHandler(logging.NullHandler())

__all__ = ["Client", "EventType", "__version__", "exceptions", "generate_client_certificate"]
