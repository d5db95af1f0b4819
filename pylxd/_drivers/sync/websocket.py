"""Blocking websockets to LXD, on the ``websockets`` library's sans-I/O protocol.

The library's own sync client runs a reader thread per connection; exec opens four
connections per command, so here the calling thread reads its socket itself: no thread
to start, no hand-off between threads for each message.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator

from websockets.client import ClientProtocol
from websockets.exceptions import InvalidHandshake
from websockets.frames import Frame, Opcode
from websockets.http11 import Response
from websockets.protocol import State
from websockets.uri import parse_uri

from pylxd._core.endpoint import Endpoint
from pylxd._drivers.websocket_rules import translate_open_error, websocket_uri
from pylxd.exceptions import ClientConnectionFailed, TransportTimeout

__all__ = ["WebSocket", "open_websocket"]

_READ_SIZE = 1 << 16


class WebSocket:
    """One websocket to LXD, in LXD's framing: binary data, an empty text message ends a stream."""

    def __init__(self, sock: socket.socket, protocol: ClientProtocol) -> None:
        self._sock = sock
        self._protocol = protocol
        self._events: Iterator[object] = iter(())
        self._parts: list[bytes] = []
        self._text = False  # the type of the message being assembled
        self._eof = False

    def recv(self, timeout: float | None = None) -> bytes | str | None:
        """The next message, or ``None`` once the stream ended (barrier or close)."""
        if timeout is not None and timeout <= 0:
            raise TransportTimeout("no websocket data in time")
        self._sock.settimeout(timeout)
        while True:
            for event in self._events:
                if not isinstance(event, Frame):
                    continue
                if event.opcode is Opcode.CLOSE:
                    return None
                if event.opcode in (Opcode.TEXT, Opcode.BINARY, Opcode.CONT):
                    if event.opcode is Opcode.TEXT:
                        self._text = True
                    elif event.opcode is Opcode.BINARY:
                        self._text = False
                    self._parts.append(bytes(event.data))
                    if event.fin:
                        data, self._parts = b"".join(self._parts), []
                        if self._text:
                            return None if not data else data.decode("utf-8", "replace")
                        return data
            if self._eof or self._protocol.state is State.CLOSED:
                return None
            self._events = iter(self._read())

    def _read(self) -> list[object]:
        try:
            data = self._sock.recv(_READ_SIZE)
        except TimeoutError as exc:
            raise TransportTimeout("no websocket data in time") from exc
        except OSError:
            data = b""
        if data:
            self._protocol.receive_data(data)
        elif not self._eof:
            self._eof = True
            self._protocol.receive_eof()
        self._flush()  # pongs and close replies the protocol queued
        return list(self._protocol.events_received())

    def _flush(self) -> None:
        for chunk in self._protocol.data_to_send():
            if chunk:
                try:
                    self._sock.sendall(chunk)
                except OSError as exc:
                    raise ClientConnectionFailed(f"websocket closed by the server: {exc}") from exc

    def send(self, data: bytes | str) -> None:
        """Send a data message (text for control sockets, binary for streams)."""
        if self._protocol.state is not State.OPEN:
            raise ClientConnectionFailed("websocket closed by the server")
        if isinstance(data, str):
            self._protocol.send_text(data.encode())
        else:
            self._protocol.send_binary(data)
        self._flush()

    def send_barrier(self) -> None:
        """End our side of the stream (LXD then closes the process's stdin)."""
        try:
            self.send("")
        except ClientConnectionFailed:
            pass

    def close(self) -> None:
        """Send a close frame and drop the connection (LXD needs no reply to wait for)."""
        if self._protocol.state is State.OPEN:
            self._protocol.send_close()
            try:
                self._flush()
            except ClientConnectionFailed:
                pass
        self._sock.close()


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
        sock = _connect(endpoint, ssl_context, timeout)
    except OSError as exc:
        raise translate_open_error(exc, endpoint) from exc
    protocol = ClientProtocol(parse_uri(uri.replace("ws+unix", "ws")), max_size=None)
    websocket = WebSocket(sock, protocol)
    try:
        request = protocol.connect()
        request.headers["User-Agent"] = "pylxd"
        protocol.send_request(request)
        websocket._flush()
        sock.settimeout(timeout)
        events: list[object] = []
        while not any(isinstance(e, Response) for e in events):
            if protocol.handshake_exc is not None or websocket._eof:
                break
            events = websocket._read()
        # Frames that came in the same read as the 101 response are the stream's first data.
        websocket._events = iter([e for e in events if not isinstance(e, Response)])
        if protocol.handshake_exc is not None:
            raise protocol.handshake_exc
        if protocol.state is not State.OPEN:
            raise InvalidHandshake("connection closed during the handshake")
    except (InvalidHandshake, OSError, TransportTimeout) as exc:
        sock.close()
        if isinstance(exc, TransportTimeout):
            raise
        raise translate_open_error(exc, endpoint) from exc
    return websocket


def _connect(
    endpoint: Endpoint, ssl_context: ssl.SSLContext | None, timeout: float | None
) -> socket.socket:
    if endpoint.socket_path is not None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(endpoint.socket_path)
        except OSError:
            sock.close()
            raise
        return sock
    from urllib.parse import urlsplit

    parts = urlsplit(f"//{endpoint.host}")
    host, port = parts.hostname or endpoint.host, parts.port or 8443
    sock = socket.create_connection((host, port), timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if endpoint.scheme == "https" and ssl_context is not None:
        sock = ssl_context.wrap_socket(sock, server_hostname=host)
    return sock
