"""The asyncio HTTP driver: aiohttp over a unix socket or HTTPS (``pip install pylxd[aio]``)."""

from __future__ import annotations

import asyncio
import io
import ssl
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Mapping
from typing import Any

try:
    import aiohttp
    from yarl import URL
except ImportError as exc:  # pragma: no cover - depends on the install
    raise ImportError("pylxd.aio needs aiohttp: pip install 'pylxd[aio]'") from exc

from pylxd._core.endpoint import Endpoint
from pylxd._core.response import Response
from pylxd._core.transfer import CHUNK_SIZE
from pylxd._drivers.aio.bulk import BIG_BODY, BulkLane, takes_the_lane
from pylxd._drivers.types import (
    DEFAULT_MAX_RESPONSE_SIZE,
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


class Transport:
    """Sends requests to one LXD server over aiohttp's pool of kept-alive connections.

    The aiohttp session is made on first use, inside the running event loop.
    """

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
        self._ssl_context = ssl_context
        self._ssl: ssl.SSLContext | bool = ssl_context if ssl_context is not None else False
        self._lane: BulkLane | None = None  # large bodies: made with the first one
        self._session: aiohttp.ClientSession | None = None
        self._default_timeout: aiohttp.ClientTimeout | None = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector: aiohttp.BaseConnector
            if self.endpoint.socket_path is not None:
                connector = aiohttp.UnixConnector(path=self.endpoint.socket_path)
            else:
                connector = aiohttp.TCPConnector(ssl=self._ssl)
            # No Accept-Encoding: aiohttp would offer gzip, and Incus then compresses what
            # we hand back raw (metrics arrived gzipped while auto_decompress is off).
            self._session = aiohttp.ClientSession(
                connector=connector,
                auto_decompress=False,
                skip_auto_headers=("User-Agent", "Accept-Encoding"),
            )
        return self._session

    async def request(
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
        if takes_the_lane(body, limit):
            if self._lane is None:
                self._lane = BulkLane(
                    self.endpoint, self._ssl_context, self.timeout, self.max_response_size
                )
            return await self._lane.request(
                method, url, body=body, headers=headers, timeout=timeout, limit=limit
            )
        # A body sent as it is read may take long: then each read of the answer waits at
        # most the read timeout (aiohttp has no deadline that starts once the body went).
        whole = sent_whole(body)
        try:
            bufsize = None if limit else _READ_BUFSIZE
            async with self._send(method, url, body, headers, timeout, whole, bufsize) as raw:
                try:
                    content = await _read_body(raw, self.max_response_size if limit else None)
                except ResponseTooLarge:
                    raw.close()  # the rest of the answer is dropped with its connection
                    raise
                return Response(raw.status, raw.headers, content, url)
        except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
            if isinstance(exc.__cause__, TypeError):  # the body's own chunks: the caller's
                raise exc.__cause__ from None  # error (files.put of a non-bytes chunk)
            raise _translate(exc, self.endpoint, method) from exc

    def _send(
        self,
        method: str,
        url: str,
        body: Body,
        headers: Mapping[str, str] | None,
        timeout: TimeoutSpec,
        whole: bool,
        bufsize: int | None = None,
    ) -> Any:
        """aiohttp's request: awaitable (a response) and an async context manager alike.
        ``whole``: the call has one deadline (else each read has its own timeout);
        ``bufsize``: how much of the answer may wait to be read (``None``: aiohttp's)."""
        return self._get_session().request(
            method,
            URL(self.endpoint.base_url + url, encoded=True),
            data=_payload(body),
            headers=headers,
            timeout=self._client_timeout(timeout, whole),
            allow_redirects=False,
            read_bufsize=bufsize,
        )

    def _client_timeout(self, timeout: TimeoutSpec, whole: bool) -> aiohttp.ClientTimeout:
        if timeout is None and whole:  # the usual case: made once
            if self._default_timeout is None:
                connect, _read, total = call_limits(self.timeout)
                self._default_timeout = aiohttp.ClientTimeout(total=total, connect=connect)
            return self._default_timeout
        connect, read, total = call_limits(timeout if timeout is not None else self.timeout)
        if whole:
            return aiohttp.ClientTimeout(total=total, connect=connect)
        return aiohttp.ClientTimeout(connect=connect, sock_read=read)

    async def stream(
        self,
        method: str,
        url: str,
        *,
        body: Body = None,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutSpec = None,
        limit: bool = True,
    ) -> StreamResponse:
        """Send one request; the response body is read as the caller iterates (headers
        within the call's deadline, then each read within the read timeout; a streamed
        body has no size limit: ``limit`` is accepted for a wrapper's sake)."""
        _connect, _read, total = call_limits(timeout if timeout is not None else self.timeout)
        # A streamed request body may take long to send: then only each read is timed.
        whole = sent_whole(body)
        try:
            sending = self._send(method, url, body, headers, timeout, False, _READ_BUFSIZE)
            raw = await (asyncio.wait_for(sending, total) if whole else sending)
        except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
            if isinstance(exc.__cause__, TypeError):  # the body's own chunks: the caller's
                raise exc.__cause__ from None  # error (files.put of a non-bytes chunk)
            raise _translate(exc, self.endpoint, method) from exc
        return StreamResponse(raw, url, self.endpoint, self.max_response_size)

    async def aclose(self) -> None:
        """Close every pooled connection."""
        if self._lane is not None:
            self._lane.close()
        if self._session is not None:
            await self._session.close()
            self._session = None


class StreamResponse:
    """A response whose body has not been read yet; iterate it, then close it."""

    def __init__(
        self,
        raw: aiohttp.ClientResponse,
        url: str,
        endpoint: Endpoint,
        max_size: int | None = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        self._raw = raw
        self._endpoint = endpoint
        self._max_size = max_size
        self.status_code = raw.status
        self.headers: Mapping[str, str] = raw.headers
        self.url = url

    async def aiter_bytes(self, chunk_size: int = 1 << 16) -> AsyncIterator[bytes]:
        """Yield the body in chunks of at most ``chunk_size`` bytes, as they arrive."""
        try:
            async for piece in _pieces(self._raw):
                for start in range(0, len(piece), chunk_size):
                    yield piece[start : start + chunk_size]  # the piece itself when it fits
        except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
            raise _translate(exc, self._endpoint) from exc

    async def read(self, limit: bool = False) -> Response:
        """Read the rest of the body into a complete :class:`Response` (``limit``: at most
        the client's ``max_response_size``, as for an error answer)."""
        try:
            content = await _read_body(self._raw, self._max_size if limit else None)
        except ResponseTooLarge:
            self._raw.close()
            raise
        except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
            raise _translate(exc, self._endpoint) from exc
        return Response(self.status_code, self.headers, content, self.url)

    async def aclose(self) -> None:
        self._raw.release()

    async def __aenter__(self) -> StreamResponse:
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.aclose()


#: Bodies larger than this are read piece by piece into one buffer.
_LARGE_BODY = 4 << 20
#: How much a response with no size limit (a file, a stream) may buffer before aiohttp
#: stops reading the socket: its default (64 KiB, paused at 128) paused and resumed the
#: socket on almost every read of a large body.
_READ_BUFSIZE = 1 << 20


async def _pieces(raw: aiohttp.ClientResponse) -> AsyncIterator[bytes]:
    """The body as aiohttp received it: ``iter_chunked``/``read`` join what is buffered
    into new bytes, a copy of every byte that a caller writing them on does not need."""
    content = raw.content
    while True:
        piece, _end_of_http_chunk = await content.readchunk()
        if piece:
            yield piece
        elif content.at_eof():  # (an empty piece may also be a chunk's end, or no body)
            return


async def _read_body(raw: aiohttp.ClientResponse, limit: int | None) -> bytes:
    """The whole body, refused past ``limit`` bytes (``None``: no limit): a declared
    length is checked first, a chunked or endless body as it comes. A large one (a file)
    goes into one buffer whose own bytes are returned: aiohttp's ``read()`` collects its
    pieces and joins them, ~1.3x the time and twice the memory of a 64 MiB body."""
    if raw.method == "HEAD":
        return b""  # its Content-Length is the size of what a GET would send (a file's)
    length = raw.content_length
    if length is not None:
        if limit is not None and length > limit:
            raise ResponseTooLarge(f"an answer of {length} bytes", limit)
        if length <= _LARGE_BODY:
            return await raw.read()
    buffer = io.BytesIO()
    if length is not None:  # sized once: grown by 1/8 at a time, 64 MiB cost ~50 ms of copies
        buffer.seek(length - 1)
        buffer.write(b"\0")
        buffer.seek(0)
    async for piece in _pieces(raw):
        buffer.write(piece)
        if limit is not None and buffer.tell() > limit:
            raise ResponseTooLarge("the answer", limit)
    buffer.truncate()  # (a shorter body than declared: aiohttp has raised already)
    return buffer.getvalue()  # the buffer's own bytes, not a copy


class _BufferPayload(aiohttp.Payload):
    """A large bytes body, written in slices of itself (``CHUNK_SIZE`` each). aiohttp's
    own ways cost a copy of it: a ``BytesIO`` is copied whole to learn its size, then
    read in copies from an executor; plain bytes are copied into the transport's buffer
    at once (and warned about)."""

    _autoclose = True  # nothing to close

    def __init__(self, value: bytes | bytearray | memoryview) -> None:
        view = memoryview(value).cast("B")
        super().__init__(view, content_type="application/octet-stream")
        self._size = view.nbytes

    async def write(self, writer: Any) -> None:
        view = self._value
        for start in range(0, len(view), CHUNK_SIZE):
            await writer.write(view[start : start + CHUNK_SIZE])

    def decode(self, encoding: str = "utf-8", errors: str = "strict") -> str:
        return bytes(self._value).decode(encoding, errors)


class _IterablePayload(aiohttp.Payload):
    """A body of chunks from a plain iterable, written as they come (aiohttp takes an
    iterable for form fields)."""

    _autoclose = True

    def __init__(self, chunks: Iterable[bytes]) -> None:
        super().__init__(chunks, content_type="application/octet-stream")

    async def write(self, writer: Any) -> None:
        for chunk in self._value:
            await writer.write(chunk)

    def decode(self, encoding: str = "utf-8", errors: str = "strict") -> str:
        raise TypeError("a streamed body cannot be decoded")


def _payload(body: Body) -> Any:
    """What aiohttp sends: small bytes, text, async iterables and file objects as they
    are; large bytes and plain iterables through the payloads above."""
    if isinstance(body, (bytes, bytearray, memoryview)):
        return _BufferPayload(body) if memoryview(body).nbytes > BIG_BODY else bytes(body)
    if body is None or isinstance(body, (bytes, str, AsyncIterable)) or hasattr(body, "read"):
        return body
    if isinstance(body, Iterable):
        return _IterablePayload(body)
    raise TypeError(f"cannot send a body of type {type(body).__name__}")


def _translate(
    exc: BaseException, endpoint: Endpoint, method: str = "GET"
) -> ClientConnectionFailed:
    """aiohttp's exceptions → ours (the only place that knows aiohttp's names).

    aiohttp sends a request again on a new connection only for idempotent methods: a POST
    that failed is never repeated, and the error says it may have been processed.
    """
    note = unsent_note(method)
    if isinstance(exc, (asyncio.TimeoutError, aiohttp.ServerTimeoutError)):
        return TransportTimeout(f"{endpoint} did not answer in time: {exc}{note}")
    if isinstance(exc, aiohttp.ClientConnectorError):
        return EndpointUnreachable(f"cannot connect to {endpoint}: {exc}")
    return ClientConnectionFailed(f"cannot talk to {endpoint}: {exc}{note}")
