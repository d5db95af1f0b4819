"""The blocking HTTP driver: urllib3 connections over a unix socket or HTTPS.

urllib3 makes the connections (the unix socket, TLS with its hostname rules). The
exchange itself runs on the standard library's HTTP/1.1 code that urllib3's connections
are built on, without urllib3's pool and response wrappers: those cost more CPU per
request (~350 µs on a new connection, ~150 µs on a kept-alive one, on this 2-core VM)
than the rest of the client together. A small LIFO of idle connections replaces the pool.
"""

from __future__ import annotations

import io
import socket
import ssl
import threading
import time
import weakref
from collections.abc import AsyncIterable, Iterator, Mapping
from http.client import HTTPConnection as _StdlibConnection
from http.client import HTTPException, HTTPResponse

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import HTTPError

from pylxd._core.endpoint import Endpoint
from pylxd._core.response import Headers, Response
from pylxd._drivers.sync.deadline import DeadlineSocket, DeadlineSSLSocket, set_deadline
from pylxd._drivers.types import (
    DEFAULT_MAX_RESPONSE_SIZE,
    HARMLESS_METHODS,
    Body,
    TimeoutSpec,
    call_limits,
    sent_whole,
    unsent_note,
)
from pylxd.exceptions import (
    ClientConnectionFailed,
    EndpointUnreachable,
    ResponseTooLarge,
    TransportTimeout,
)

__all__ = ["StreamResponse", "Transport"]

_MAX_IDLE = 8
#: A body of unknown length (chunked) is read in pieces of this size, so a limit is
#: checked before more than this much past it is held.
_PIECE = 1 << 16


class _UnixConnection(HTTPConnection):
    """A urllib3 connection whose socket is LXD's unix socket."""

    def __init__(self, socket_path: str, timeout: float | None) -> None:
        super().__init__("lxd", timeout=timeout, socket_options=None)
        self.socket_path = socket_path

    def _new_conn(self) -> socket.socket:
        sock = DeadlineSocket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.socket_path)
        except OSError:
            sock.close()
            raise
        return sock


class _TCPConnection(HTTPConnection):
    """A urllib3 connection over plain TCP whose socket keeps a deadline."""

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        timeout = sock.gettimeout()
        kept = DeadlineSocket(sock.family, sock.type, sock.proto, sock.detach())
        kept.settimeout(timeout)
        return kept


def _close_all(connections: list[HTTPConnection]) -> None:
    """Empty ``connections`` (in place), closing each."""
    while connections:
        connections.pop().close()


class Transport:
    """Sends requests to one LXD server over kept-alive connections (thread-safe)."""

    def __init__(
        self,
        endpoint: Endpoint,
        ssl_context: ssl.SSLContext | None,
        timeout: TimeoutSpec,
        max_response_size: int | None = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.max_response_size = max_response_size
        if ssl_context is not None:  # its sockets keep the deadline of a call
            ssl_context.sslsocket_class = DeadlineSSLSocket
        self._ssl_context = ssl_context
        self._idle: list[HTTPConnection] = []
        # Old programs never close their clients: the idle connections close when the
        # transport is collected (a weakref callback runs before the sockets' own
        # finalizers would warn about them).
        weakref.finalize(self, _close_all, self._idle)
        self._lock = threading.Lock()

    def request(
        self,
        method: str,
        url: str,
        *,
        body: Body = None,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutSpec = None,
        limit: bool = True,
    ) -> Response:
        """Send one request and read the whole response (within the call's deadline; at
        most ``max_response_size`` bytes unless ``limit`` is false: a file's content)."""
        conn, _sock, raw, _read = self._send(method, url, body, headers, timeout)
        try:
            content = _read_whole(raw, self.max_response_size if limit else None)
        except ResponseTooLarge:
            conn.close()
            raise
        except (HTTPException, OSError) as exc:
            conn.close()
            raise _translate(exc, self.endpoint) from exc
        self._release(conn)
        return Response(raw.status, Headers(raw.headers), content, url)

    def stream(
        self,
        method: str,
        url: str,
        *,
        body: Body = None,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutSpec = None,
        limit: bool = True,
        bulk: bool = False,
    ) -> StreamResponse:
        """Send one request; the response body is read as the caller iterates (headers
        within the call's deadline, then each read within the read timeout; a streamed
        body has no size limit: ``limit`` and ``bulk`` are accepted for a wrapper's sake)."""
        conn, sock, raw, read = self._send(method, url, body, headers, timeout)
        set_deadline(sock, None, read)
        return StreamResponse(self, conn, raw, url)

    def _send(
        self,
        method: str,
        url: str,
        body: Body,
        headers: Mapping[str, str] | None,
        timeout: TimeoutSpec,
    ) -> tuple[HTTPConnection, DeadlineSocket, HTTPResponse, float]:
        """Send the request, read the answer's headers: the connection, its socket, the
        answer and the read timeout for a streamed body."""
        if isinstance(body, AsyncIterable):
            raise TypeError("the blocking client cannot send an async iterable; use pylxd.aio")
        start = time.monotonic()
        connect, read, whole = call_limits(timeout if timeout is not None else self.timeout)
        # A body sent as it is read (a file, chunks) may take long: each write waits at
        # most ``read``, and the answer gets the whole budget once it was sent.
        streamed = not sent_whole(body)
        # A kept-alive connection the server closed fails on first use: an idempotent
        # request with a body we can send again is retried once on a new connection. Any
        # other request may have been processed when it fails (the server read it, then
        # hung up): it is never sent twice, so its idle connection is checked first (a
        # poll) and a closed one is dropped before anything is sent.
        resend = method in HARMLESS_METHODS and not streamed
        conn, reused = self._acquire(connect, check=not resend)
        while True:
            try:
                sock: DeadlineSocket = conn.sock  # type: ignore[assignment]
                set_deadline(sock, None if streamed else start + whole, read)
                _StdlibConnection.request(conn, method, url, body, dict(headers or {}))
                if streamed:
                    set_deadline(sock, time.monotonic() + whole, read)
                return conn, sock, _StdlibConnection.getresponse(conn), read
            except (HTTPException, HTTPError, OSError) as exc:
                conn.close()
                if not (reused and resend) or isinstance(exc, TimeoutError):
                    raise _translate(exc, self.endpoint, method=method) from exc
                conn, reused = self._acquire(connect, fresh=True)
            except BaseException:  # the body's own error (put's TypeError), an interrupt:
                conn.close()  # the request is half sent, its connection useless
                raise

    def _acquire(
        self, connect_timeout: float | None, fresh: bool = False, check: bool = False
    ) -> tuple[HTTPConnection, bool]:
        """An idle connection (``check``: make sure the server has not closed it — a poll
        only worth its cost when the request could not be retried), else a new one."""
        if not fresh:
            with self._lock:
                while self._idle:
                    conn = self._idle.pop()
                    if not check or conn.is_connected:
                        conn.timeout = connect_timeout
                        return conn, True
                    conn.close()
        return self._connect(connect_timeout), False

    def _connect(self, timeout: float | None) -> HTTPConnection:
        try:
            if self.endpoint.socket_path is not None:
                conn: HTTPConnection = _UnixConnection(self.endpoint.socket_path, timeout)
            elif self.endpoint.scheme == "https":
                context = self._ssl_context
                conn = HTTPSConnection(
                    self.endpoint.hostname,
                    self.endpoint.port,
                    timeout=timeout,
                    ssl_context=context,
                    # The context decides; urllib3 must not re-check a pinned certificate's name.
                    assert_hostname=None if context is None or context.check_hostname else False,
                )
            else:
                conn = _TCPConnection(self.endpoint.hostname, self.endpoint.port, timeout=timeout)
            conn.connect()
        except (HTTPError, OSError) as exc:
            raise _translate(exc, self.endpoint, connecting=True) from exc
        return conn

    def _release(self, conn: HTTPConnection) -> None:
        """Return a connection whose response was fully read to the idle list."""
        if conn.is_closed:
            return
        with self._lock:
            if len(self._idle) < _MAX_IDLE:
                self._idle.append(conn)
                return
        conn.close()

    def close(self) -> None:
        """Close every idle connection (a request in flight keeps its own)."""
        with self._lock:
            _close_all(self._idle)


class StreamResponse:
    """A response whose body has not been read yet; iterate it, then close it."""

    def __init__(
        self, transport: Transport, conn: HTTPConnection, raw: HTTPResponse, url: str
    ) -> None:
        self._transport = transport
        self._conn: HTTPConnection | None = conn
        self._raw = raw
        self.status_code = raw.status
        self.headers: Mapping[str, str] = Headers(raw.headers)
        self.url = url

    def iter_bytes(self, chunk_size: int = 1 << 16) -> Iterator[bytes]:
        """Yield the body in chunks of at most ``chunk_size`` bytes."""
        try:
            while chunk := self._raw.read1(chunk_size):
                yield chunk
        except (HTTPException, OSError) as exc:
            raise _translate(exc, self._transport.endpoint) from exc

    def read_up_to(self, size: int) -> bytes:
        """The next ``size`` bytes (fewer only at the end; ``b""`` there)."""
        try:
            return self._raw.read(size)
        except (HTTPException, OSError) as exc:
            raise _translate(exc, self._transport.endpoint) from exc

    def read(self, limit: bool = False) -> Response:
        """Read the rest of the body into a complete :class:`Response` (``limit``: at most
        the client's ``max_response_size``, as for an error answer)."""
        if not limit:
            return Response(self.status_code, self.headers, b"".join(self.iter_bytes()), self.url)
        try:
            content = _read_whole(self._raw, self._transport.max_response_size)
        except ResponseTooLarge:
            self.close()  # not read to the end: the connection is dropped
            raise
        except (HTTPException, OSError) as exc:
            raise _translate(exc, self._transport.endpoint) from exc
        return Response(self.status_code, self.headers, content, self.url)

    def close(self) -> None:
        """Give the connection back (or drop it if the body was not read to the end)."""
        conn, self._conn = self._conn, None
        if conn is None:
            return
        if self._raw.isclosed():
            self._transport._release(conn)
        else:
            conn.close()

    def __enter__(self) -> StreamResponse:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _read_whole(raw: HTTPResponse, limit: int | None) -> bytes:
    """The whole body, refused past ``limit`` bytes (``None``: no limit) before more than
    :data:`_PIECE` bytes past it are read: a declared length is checked first, a chunked
    or endless body as it comes."""
    if limit is None:
        return raw.read()
    if raw.length is not None:
        if raw.length > limit:
            raise ResponseTooLarge(f"an answer of {raw.length} bytes", limit)
        return raw.read()
    piece = raw.read(_PIECE)  # most answers end within the first piece
    if raw.isclosed():
        return piece
    buffer = io.BytesIO()
    while piece:
        buffer.write(piece)
        if buffer.tell() > limit:
            raise ResponseTooLarge("the answer", limit)
        piece = raw.read(_PIECE)
    return buffer.getvalue()  # the buffer's own bytes, not a copy


def _translate(
    exc: BaseException, endpoint: Endpoint, connecting: bool = False, method: str = "GET"
) -> ClientConnectionFailed:
    """urllib3's and the socket's exceptions → ours (the only place that knows their names)."""
    note = unsent_note(method)
    if isinstance(exc, TimeoutError) or "timed out" in str(exc):
        return TransportTimeout(f"{endpoint} did not answer in time: {exc}{note}")
    if connecting:
        return EndpointUnreachable(f"cannot connect to {endpoint}: {exc}")
    return ClientConnectionFailed(f"cannot talk to {endpoint}: {exc}{note}")
