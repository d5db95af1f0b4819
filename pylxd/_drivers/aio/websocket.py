"""Asyncio websockets to LXD: an asyncio stream, LXD's framing in
:class:`~pylxd._drivers.websocket_rules.WebSocketCore`."""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Mapping, Sequence

from websockets.exceptions import InvalidHandshake

from pylxd._core.endpoint import Endpoint
from pylxd._drivers.types import DEFAULT_MAX_MESSAGE_SIZE
from pylxd._drivers.websocket_rules import (
    READ_SIZE,
    NeedData,
    WebSocketCore,
    check_timeout,
    translate_open_error,
    websocket_uri,
)
from pylxd.exceptions import ClientConnectionFailed, ResponseTooLarge, TransportTimeout

__all__ = ["WebSocket", "open_websockets"]


class WebSocket:
    """One websocket to LXD, in LXD's framing: binary data, an empty text message ends a stream."""

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, core: WebSocketCore
    ) -> None:
        self._reader = reader
        self._writer = writer
        self._core = core
        #: :meth:`cut` ended this stream before the server did: what was read may be partial.
        self.truncated = False

    async def recv(
        self, timeout: float | None = None, barriers: bool = False
    ) -> bytes | str | None:
        """The next message, or ``None`` once the stream ended (barrier or close;
        ``barriers``: a barrier is returned as ``""``, only a close ends the stream)."""
        check_timeout(timeout)
        deadline = None if timeout is None else time.monotonic() + timeout
        while isinstance(message := self._core.next_message(barriers), NeedData):
            remaining = None
            if deadline is not None:  # one limit for the message, however many reads
                remaining = deadline - time.monotonic()
                check_timeout(remaining)
            await self._read(remaining)
        return message

    async def _read(self, timeout: float | None) -> None:
        try:
            data = await asyncio.wait_for(self._reader.read(READ_SIZE), timeout)
        except asyncio.TimeoutError as exc:
            raise TransportTimeout("no websocket data in time") from exc
        except OSError:
            # A reset ends the stream like a close, but asyncio raises it before handing over
            # the bytes it had already received (a command's last output): keep those.
            data = _take_buffered(self._reader)
        try:
            await self._write(self._core.receive(data))
        except ResponseTooLarge:
            self.cut()  # the rest of that message is never read
            raise
        except ClientConnectionFailed:
            pass  # our reply to its close frame, on a socket the server already shut

    async def _write(self, data: bytes) -> None:
        if data:
            try:
                self._writer.write(data)
                await self._writer.drain()
            except OSError as exc:
                raise ClientConnectionFailed(f"websocket closed by the server: {exc}") from exc

    async def send(self, data: bytes | str) -> None:
        """Send a data message (text for control sockets, binary for streams)."""
        await self._write(self._core.message(data))

    async def send_barrier(self) -> None:
        """End our side of the stream (LXD then closes the process's stdin)."""
        try:
            await self.send("")
        except ClientConnectionFailed:
            pass

    def wait_on_sends(self) -> None:
        """Sends already wait as long as the server takes to read them (no timeout)."""

    def cut(self) -> None:
        """End the stream now: a read in progress, and every read after it, gets what was
        already received, then the end of the stream."""
        self.truncated = not self._core.ended
        self._core.log_closed("cut: the operation ended and the stream stayed silent")
        self._writer.transport.abort()

    async def shut(self) -> None:
        """Send a close frame and end the connection while another task may be reading it
        (a relay): that read ends."""
        await self.close()

    async def close_and_wait(self, timeout: float) -> None:
        """Send a close frame, read (and drop) what still arrives until the server's close
        frame, at most ``timeout`` seconds, then close."""
        deadline = time.monotonic() + timeout
        try:
            await self._write(self._core.close_frame())
            while await self.recv(deadline - time.monotonic()) is not None:
                pass
        except (ClientConnectionFailed, TransportTimeout):
            pass
        await self.close()

    async def close(self) -> None:
        """Send a close frame and drop the connection (LXD needs no reply to wait for)."""
        self._core.log_closed("closed by us")
        try:  # a server that reads nothing more must not hold us here
            await asyncio.wait_for(self._write(self._core.close_frame()), 1.0)
        except (ClientConnectionFailed, asyncio.TimeoutError):
            pass
        self._writer.close()
        try:  # a TLS transport closes over the loop's next turns: let it finish
            await asyncio.wait_for(self._writer.wait_closed(), 1.0)
        except (OSError, asyncio.TimeoutError):
            pass


async def open_websockets(
    endpoint: Endpoint,
    paths: Sequence[str],
    ssl_context: ssl.SSLContext | None,
    timeout: float | None,
    max_size: int | None = DEFAULT_MAX_MESSAGE_SIZE,
    headers: Mapping[str, str] | None = None,
) -> list[WebSocket]:
    """Open a websocket on each of ``paths`` (``/1.0/...?secret=…``): all of them, or none.

    The handshakes are pipelined: every request is sent before the first answer is read.

    ``max_size``: the largest message (bytes) each accepts, ``None`` for any.

    Raises:
        LXDAPIException: LXD refused an upgrade (bad secret, operation gone).
        ClientConnectionFailed: the server could not be reached.
    """
    opened: list[WebSocket] = []
    try:
        for path in paths:
            core = WebSocketCore(websocket_uri(endpoint, path), max_size, headers)
            try:
                reader, writer = await asyncio.wait_for(_connect(endpoint, ssl_context), timeout)
            except (OSError, asyncio.TimeoutError) as exc:
                raise translate_open_error(exc, endpoint) from exc
            opened.append(WebSocket(reader, writer, core))
            await opened[-1]._write(core.handshake_request())
        for websocket in opened:
            try:
                while not websocket._core.handshake_done():
                    await websocket._read(timeout)
            except (InvalidHandshake, OSError) as exc:
                raise translate_open_error(exc, endpoint) from exc
    except BaseException:
        for websocket in opened:
            websocket._writer.close()
        raise
    return opened


async def _connect(
    endpoint: Endpoint, ssl_context: ssl.SSLContext | None
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    if endpoint.socket_path is not None:
        return await asyncio.open_unix_connection(endpoint.socket_path, limit=READ_SIZE * 4)
    host, port = endpoint.hostname, endpoint.port
    tls = ssl_context if endpoint.scheme == "https" else None
    return await asyncio.open_connection(host, port, ssl=tls, limit=READ_SIZE * 4)


def _take_buffered(reader: asyncio.StreamReader) -> bytes:
    """The bytes a reader holds but will not return once its connection was reset."""
    buffer = getattr(reader, "_buffer", None)  # StreamReader's buffer (a bytearray)
    if not isinstance(buffer, bytearray) or not buffer:
        return b""
    data = bytes(buffer)
    buffer.clear()
    return data
