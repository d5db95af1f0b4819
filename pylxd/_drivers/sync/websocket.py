"""Blocking websockets to LXD (the ``websockets`` library's sync client)."""

from __future__ import annotations

import ssl

from websockets.exceptions import ConnectionClosed, InvalidHandshake
from websockets.sync.client import ClientConnection, connect, unix_connect

from pylxd._core.endpoint import Endpoint
from pylxd._drivers.websocket_rules import OPTIONS, translate_open_error, websocket_uri
from pylxd.exceptions import ClientConnectionFailed, TransportTimeout

__all__ = ["WebSocket", "open_websocket"]


class WebSocket:
    """One websocket to LXD, in LXD's framing: binary data, an empty text message ends a stream."""

    def __init__(self, connection: ClientConnection) -> None:
        self._connection = connection

    def recv(self, timeout: float | None = None) -> bytes | str | None:
        """The next message, or ``None`` once the stream ended (barrier or close)."""
        try:
            message = self._connection.recv(timeout)
        except ConnectionClosed:
            return None
        except TimeoutError as exc:
            raise TransportTimeout(f"no websocket data within {timeout} s") from exc
        return None if message == "" else message

    def send(self, data: bytes | str) -> None:
        """Send a data message (text for control sockets, binary for streams)."""
        try:
            self._connection.send(data)
        except ConnectionClosed as exc:
            raise ClientConnectionFailed(f"websocket closed by the server: {exc}") from exc

    def send_barrier(self) -> None:
        """End our side of the stream (LXD then closes the process's stdin)."""
        try:
            self._connection.send("")
        except ConnectionClosed:
            pass

    def close(self) -> None:
        self._connection.close()


def open_websocket(
    endpoint: Endpoint, path: str, ssl_context: ssl.SSLContext | None, timeout: float | None
) -> WebSocket:
    """Open a websocket on ``path`` (``/1.0/...?secret=…``) of ``endpoint``.

    Raises:
        LXDAPIException: LXD refused the upgrade (bad secret, operation gone).
        ClientConnectionFailed: the server could not be reached.
    """
    uri = websocket_uri(endpoint, path)
    try:
        if endpoint.socket_path is not None:
            connection = unix_connect(endpoint.socket_path, uri, open_timeout=timeout, **OPTIONS)
        else:
            tls = ssl_context if endpoint.scheme == "https" else None
            connection = connect(uri, ssl=tls, open_timeout=timeout, **OPTIONS)
    except (InvalidHandshake, OSError) as exc:
        raise translate_open_error(exc, endpoint) from exc
    # Entered as a context manager (websockets >= 17.1 wants that); WebSocket.close() exits.
    return WebSocket(connection.__enter__())
