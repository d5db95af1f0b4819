"""Blocking websockets to LXD: a socket read in the calling thread, LXD's framing in
:class:`~pylxd._drivers.websocket_rules.WebSocketCore`."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence

from websockets.exceptions import InvalidHandshake

from pylxd._core.endpoint import Endpoint
from pylxd._drivers.raw import connect
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

    def __init__(self, sock: socket.socket, core: WebSocketCore) -> None:
        self._sock = sock
        self._core = core
        # A relay reads a socket in one thread and sends on it from another: the protocol
        # object is not thread-safe (a frame queued while the reader drained the queue was
        # lost, and a relayed migration then waited forever), and two sendall()s of
        # concurrent frames would interleave their bytes.
        self._core_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._queued: deque[bytes] = deque()  # the reader's writes (pongs, a close reply)
        #: :meth:`cut` ended this stream before the server did: what was read may be partial.
        self.truncated = False

    def recv(self, timeout: float | None = None, barriers: bool = False) -> bytes | str | None:
        """The next message, or ``None`` once the stream ended (barrier or close;
        ``barriers``: a barrier is returned as ``""``, only a close ends the stream)."""
        check_timeout(timeout)
        self._sock.settimeout(timeout)
        deadline = None if timeout is None else time.monotonic() + timeout
        while isinstance(message := self._core.next_message(barriers), NeedData):
            if deadline is not None:  # one limit for the message, however many reads
                remaining = deadline - time.monotonic()
                check_timeout(remaining)
                self._sock.settimeout(remaining)
            self._read()
        return message

    def _read(self) -> None:
        try:
            data = self._sock.recv(READ_SIZE)
        except TimeoutError as exc:
            raise TransportTimeout("no websocket data in time") from exc
        except OSError:
            data = b""  # a reset ends the stream like a close
        try:
            with self._core_lock:
                answer = self._core.receive(data)
            if answer:  # a pong, a close reply: never wait on a sender here (see _write)
                self._queued.append(answer)
                self._drain()
        except ResponseTooLarge:
            self.cut()  # the rest of that message is never read
            raise
        except ClientConnectionFailed:
            pass  # our reply to its close frame, on a socket the server already shut

    def _write(self, data: bytes) -> None:
        if data:
            with self._write_lock:
                self._queued.append(data)
                self._send_queued()
            self._drain()

    def _drain(self) -> None:
        """Send what the reader queued, unless a sender holds the socket: that sender sends
        it. A reader that waited for a sender could deadlock with the server (the sender
        blocked until the server reads, the server blocked until we read)."""
        while self._queued and self._write_lock.acquire(blocking=False):
            try:
                self._send_queued()
            finally:
                self._write_lock.release()

    def _send_queued(self) -> None:
        """Send the queue in order (the caller holds the write lock)."""
        try:
            while self._queued:
                self._sock.sendall(self._queued.popleft())
        except OSError as exc:
            raise ClientConnectionFailed(f"websocket closed by the server: {exc}") from exc

    def send(self, data: bytes | str) -> None:
        """Send a data message (text for control sockets, binary for streams)."""
        with self._core_lock:
            frame = self._core.message(data)
        self._write(frame)

    def _close_frame(self) -> bytes:
        with self._core_lock:
            return self._core.close_frame()

    def send_barrier(self) -> None:
        """End our side of the stream (LXD then closes the process's stdin)."""
        try:
            self.send("")
        except ClientConnectionFailed:
            pass

    def wait_on_sends(self) -> None:
        """Let sends wait as long as the server takes to read them (a stdin the process
        reads late): the connect timeout would end them and drop the rest of the input.
        :meth:`cut` (or the server closing) still ends a send that waits."""
        self._sock.settimeout(None)

    def cut(self) -> None:
        """End the stream now (from any thread): a read in progress, and every read after
        it, gets what was already received, then the end of the stream."""
        self.truncated = not self._core.ended
        self._core.log_closed("cut: the operation ended and the stream stayed silent")
        try:  # the plain socket's shutdown: an SSL socket's would drop its state under a reader
            socket.socket.shutdown(self._sock, socket.SHUT_RDWR)
        except OSError:
            pass

    def shut(self) -> None:
        """Send a close frame and shut the connection both ways while another thread may be
        reading it (a relay): that read ends. :meth:`close` still releases the socket."""
        self._core.log_closed("shut by us")
        try:
            self._write(self._close_frame())
        except ClientConnectionFailed:
            pass
        try:  # not close(): a reader in another thread would keep waiting on a closed fd
            socket.socket.shutdown(self._sock, socket.SHUT_RDWR)
        except OSError:
            pass

    def close_and_wait(self, timeout: float) -> None:
        """Send a close frame, read (and drop) what still arrives until the server's close
        frame, at most ``timeout`` seconds, then close."""
        deadline = time.monotonic() + timeout
        try:
            self._write(self._close_frame())
            while self.recv(deadline - time.monotonic()) is not None:
                pass
        except (ClientConnectionFailed, TransportTimeout, OSError):
            pass
        self.close()

    def close(self) -> None:
        """Send a close frame and drop the connection (LXD needs no reply to wait for)."""
        self._core.log_closed("closed by us")
        try:
            self._sock.settimeout(1.0)  # a server that reads nothing more must not hold us here
            self._write(self._close_frame())
        except (ClientConnectionFailed, OSError):
            pass
        self._sock.close()


def open_websockets(
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
                sock = connect(endpoint, ssl_context, timeout)
            except OSError as exc:
                raise translate_open_error(exc, endpoint) from exc
            opened.append(WebSocket(sock, core))
            opened[-1]._write(core.handshake_request())
        for websocket in opened:
            try:
                while not websocket._core.handshake_done():
                    websocket._read()
            except (InvalidHandshake, OSError) as exc:
                raise translate_open_error(exc, endpoint) from exc
    except BaseException:
        for websocket in opened:
            websocket._sock.close()
        raise
    return opened
