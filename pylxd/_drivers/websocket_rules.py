"""What both websocket drivers share: LXD's framing on the ``websockets`` sans-I/O protocol.

:class:`WebSocketCore` does no I/O: the drivers hand it the bytes they read and send the
bytes it returns. The blocking driver reads its socket in the calling thread, the asyncio
driver reads an asyncio stream; neither starts a reader thread or task per connection
(exec opens four connections per command, and those cost more than the command).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping

from websockets.client import ClientProtocol
from websockets.exceptions import InvalidHandshake, InvalidStatus, PayloadTooBig
from websockets.frames import Frame, Opcode
from websockets.http11 import Response
from websockets.protocol import State
from websockets.uri import parse_uri

from pylxd._core.endpoint import Endpoint
from pylxd._core.logs import WEBSOCKET, safe_path
from pylxd._drivers import log_filters
from pylxd._drivers.types import DEFAULT_MAX_MESSAGE_SIZE
from pylxd.exceptions import (
    ClientConnectionFailed,
    LXDAPIException,
    ResponseTooLarge,
    TransportTimeout,
)

__all__ = ["NEED_DATA", "NeedData", "WebSocketCore", "translate_open_error", "websocket_uri"]

READ_SIZE = 1 << 16

log_filters.install()  # the library's DEBUG lines carry websocket secrets: masked


class NeedData:
    """What :meth:`WebSocketCore.next_message` returns when it needs more bytes."""


NEED_DATA = NeedData()


def websocket_uri(endpoint: Endpoint, path: str) -> str:
    """The ``ws://``/``wss://`` URI of ``path`` (sockets use a placeholder host)."""
    if endpoint.socket_path is not None:
        return f"ws://lxd{path}"
    return f"{endpoint.websocket_url}{path}"


class WebSocketCore:
    """One client websocket's state, in LXD's framing.

    Data travels as binary messages; an empty text message (a barrier) or a close frame
    ends the stream, and :meth:`next_message` then returns ``None``.
    """

    def __init__(
        self,
        uri: str,
        max_size: int | None = DEFAULT_MAX_MESSAGE_SIZE,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        # The protocol refuses a frame (or a fragmented message) over ``max_size`` from
        # its header, before reading its payload.
        self._protocol = ClientProtocol(parse_uri(uri), max_size=max_size)
        self._max_size = max_size
        self._frames: list[Frame] = []
        self._parts: list[bytes] = []
        self._text = False
        self._eof = False
        self._uri = uri
        self._headers = dict(headers or {})  # e.g. a bearer token (never logged)
        self._close_logged = False
        self.open = False  # the server accepted the upgrade
        #: The server ended the stream (a barrier, a close frame or the end of the connection);
        #: what is left to read is all there is.
        self.ended = False

    def handshake_request(self) -> bytes:
        """The bytes of the upgrade request."""
        request = self._protocol.connect()
        request.headers["User-Agent"] = "pylxd"
        for name, value in self._headers.items():
            request.headers[name] = value
        self._protocol.send_request(request)
        return self._outgoing()

    def receive(self, data: bytes) -> bytes:
        """Take bytes read from the socket (``b""`` at end of file); return bytes to send
        back (pongs, the close reply).

        Raises:
            ResponseTooLarge: a message is over the size limit (the stream has ended; the
                caller drops the connection).
        """
        if data:
            self._protocol.receive_data(data)
            if isinstance(self._protocol.parser_exc, PayloadTooBig):
                self.ended = self._eof = True
                raise ResponseTooLarge("a websocket message", self._max_size or 0)
        elif not self._eof:
            self._eof = self.ended = True
            self._protocol.receive_eof()
        for event in self._protocol.events_received():
            if isinstance(event, Response):
                # Accepted, even if frames read with the answer already closed it (a
                # short command's output and LXD's close can come with the 101).
                self.open = self._protocol.handshake_exc is None
            elif isinstance(event, Frame):
                self._frames.append(event)
                if event.opcode is Opcode.CLOSE or (
                    event.opcode is Opcode.TEXT and event.fin and not event.data
                ):
                    self.ended = True
                if event.opcode is Opcode.CLOSE and WEBSOCKET.isEnabledFor(logging.DEBUG):
                    code = self._protocol.close_rcvd
                    self.log_closed(
                        f"closed by the server ({code})" if code else "closed by the server"
                    )
        if self._eof and self.open:
            self.log_closed("connection ended by the server")
        return self._outgoing()

    def log_closed(self, why: str) -> None:
        """One DEBUG line when the websocket closes, saying why (only the first call logs)."""
        if self._close_logged or not WEBSOCKET.isEnabledFor(logging.DEBUG):
            return
        self._close_logged = True
        path = "/" + self._uri.split("/", 3)[-1]  # never the host: the secret is masked
        WEBSOCKET.debug("closed %s: %s", safe_path(path), why)

    def handshake_done(self) -> bool:
        """True once the server answered the upgrade (or the connection ended).

        Raises:
            InvalidHandshake: the server refused the upgrade.
        """
        if self._protocol.handshake_exc is not None:
            raise self._protocol.handshake_exc
        if self.open:
            return True
        if self._eof:
            raise InvalidHandshake("connection closed during the handshake")
        return False

    def next_message(self, barriers: bool = False) -> bytes | str | None | NeedData:
        """The next complete message, ``None`` at the end of the stream, or ``NEED_DATA``.

        ``barriers``: an empty text message is returned as ``""`` (a relay forwards it:
        migrations use barriers inside a stream that goes on) instead of ending the stream.
        """
        while self._frames:
            frame = self._frames.pop(0)
            if frame.opcode is Opcode.CLOSE:
                self._frames.clear()
                return None
            if frame.opcode not in (Opcode.TEXT, Opcode.BINARY, Opcode.CONT):
                continue  # pings are answered by the protocol itself
            if frame.opcode is not Opcode.CONT:
                self._text = frame.opcode is Opcode.TEXT
            self._parts.append(bytes(frame.data))
            if frame.fin:
                data, self._parts = b"".join(self._parts), []
                if self._text:
                    return data.decode("utf-8", "replace") if data or barriers else None
                return bytes(data)
        if self._eof or self._protocol.state is State.CLOSED:
            return None
        return NEED_DATA

    def message(self, data: bytes | str) -> bytes:
        """The bytes of a data message (``str`` as text, ``bytes`` as binary).

        Raises:
            ClientConnectionFailed: the connection is no longer open.
        """
        if self._protocol.state is not State.OPEN:
            raise ClientConnectionFailed("websocket closed by the server")
        if isinstance(data, str):
            self._protocol.send_text(data.encode())
        else:
            self._protocol.send_binary(data)
        return self._outgoing()

    def close_frame(self) -> bytes:
        """The bytes of our close frame (nothing if the connection already closed)."""
        if self._protocol.state is State.OPEN:
            self._protocol.send_close()
        return self._outgoing()

    def _outgoing(self) -> bytes:
        return b"".join(self._protocol.data_to_send())


def check_timeout(timeout: float | None) -> None:
    """A deadline already past is a timeout (a zero socket timeout would mean non-blocking)."""
    if timeout is not None and timeout <= 0:
        raise TransportTimeout("no websocket data in time")


def translate_open_error(exc: BaseException, endpoint: Endpoint) -> Exception:
    """A failed websocket upgrade → ours: LXD's refusal keeps LXD's text."""
    if isinstance(exc, InvalidStatus):
        response = exc.response
        text = response.body.decode("utf-8", "replace") if response.body else str(exc)
        return LXDAPIException(None, _envelope_error(text), status_code=response.status_code)
    if isinstance(exc, TimeoutError):
        return TransportTimeout(f"opening a websocket on {endpoint} timed out")
    return ClientConnectionFailed(f"cannot open a websocket on {endpoint}: {exc}")


def _envelope_error(text: str) -> str:
    """LXD's own message out of an error envelope (the text itself if it is not one)."""
    try:
        body = json.loads(text)
    except ValueError:
        return text
    return str(body["error"]) if isinstance(body, dict) and body.get("error") else text
