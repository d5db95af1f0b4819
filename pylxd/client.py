"""The blocking client, as upstream pylxd has it: ``Client()`` connects at once."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from pylxd._core.endpoint import (
    APT_ROOT,
    CERT_FILE_NAME,
    KEY_FILE_NAME,
    SNAP_ROOT,
    Cert,
    certs_path,
)
from pylxd._core.events import EventType
from pylxd._drivers.types import DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_RESPONSE_SIZE, TimeoutSpec
from pylxd._sync.client import Client as _GeneratedClient
from pylxd._sync.events import EventStream

__all__ = [
    "APT_ROOT",
    "CERTS_PATH",
    "CERT_FILE_NAME",
    "Cert",
    "Client",
    "DEFAULT_CERTS",
    "DEFAULT_SCHEME",
    "EventType",
    "KEY_FILE_NAME",
    "SNAP_ROOT",
    "SOCKET_CONNECTION_TIMEOUT",
]

#: Upstream's names for its unix-socket URLs and their fixed timeout (kept importable;
#: this client's socket timeouts follow ``timeout=``).
DEFAULT_SCHEME = "http+unix://"
SOCKET_CONNECTION_TIMEOUT = 60
CERTS_PATH = certs_path()
DEFAULT_CERTS = Cert(
    cert=os.path.join(CERTS_PATH, CERT_FILE_NAME), key=os.path.join(CERTS_PATH, KEY_FILE_NAME)
)

#: Upstream's default events client class (subclassed by some programs).
_WebsocketClient = EventStream


class Client(_GeneratedClient):
    """A client for one LXD (or Incus) server; connects (``GET /1.0``) when built.

    It takes the arguments of :class:`pylxd.aio.Client` (documented there), and the
    same methods and managers, not awaited.

    Raises:
        ClientConnectionFailed: the server cannot be reached or refuses the client.
    """

    def __init__(
        self,
        endpoint: str | None = None,
        version: str = "1.0",
        cert: Sequence[str | os.PathLike[str]] | None = None,
        verify: bool | str | os.PathLike[str] = True,
        timeout: TimeoutSpec = None,
        project: str | None = None,
        session: None = None,
        *,
        max_response_size: int | None = DEFAULT_MAX_RESPONSE_SIZE,
        max_message_size: int | None = DEFAULT_MAX_MESSAGE_SIZE,
        auth: str = "tls",
    ) -> None:
        super().__init__(
            endpoint,
            version,
            cert,
            verify,
            timeout,
            project,
            session,
            max_response_size=max_response_size,
            max_message_size=max_message_size,
            auth=auth,
        )
        try:
            self.connect()
        except BaseException:
            self.close()
            raise

    @property
    def resources(self) -> dict[str, Any]:
        """The server's hardware (``GET /1.0/resources``), fetched once."""
        return self.get_resources()
