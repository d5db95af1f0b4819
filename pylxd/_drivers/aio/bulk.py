"""Large bodies of the asyncio flavour, sent and read by the blocking driver on a worker
thread.

An event loop wakes once per socket read: a 64 MiB file arrives in ~1,100 reads of
~60 KiB from LXD's unix socket, and each costs a loop turn, aiohttp's parser and a copy
into the answer, ~1.8x the client CPU of a blocking read into one buffer (measured: 92-112
ms against 52-57 ms per file). Uploads pay the same per write, plus a copy of what the
socket did not take into asyncio's own buffer. So a file's content read whole, a bytes
body over 1 MiB, a file object and an image's upload go through :class:`BulkLane`:
``pylxd._drivers.sync.http.Transport`` in a thread (its own kept-alive connections, the
same deadlines, limits, errors and TLS settings), while the loop stays free.

Cancelling the awaiting task stops an upload at its next 1 MiB (the connection is
dropped, as aiohttp does); a download runs to its end or its timeout, and is dropped.
"""

from __future__ import annotations

import asyncio
import functools
import ssl
import threading
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from pylxd._core.endpoint import Endpoint
from pylxd._core.response import Response, content_length
from pylxd._core.transfer import CHUNK_SIZE, CountedBody, Progress, body_size
from pylxd._drivers.types import Body, TimeoutSpec
from pylxd.exceptions import ResponseTooLarge

if TYPE_CHECKING:
    from pylxd._drivers.sync.http import StreamResponse as SyncStream

T = TypeVar("T")

__all__ = ["BulkLane", "LaneStream", "takes_the_lane"]

#: Bytes bodies larger than this take the lane.
BIG_BODY = 1 << 20

#: Chunks of a download read ahead of the consumer, at most.
_AHEAD = 2


def takes_the_lane(body: Body, limit: bool) -> bool:
    """Whether a request goes through the lane: a body read whole with no size limit (a
    file's content), large bytes, a file object or an image's pieces. Plain and async
    iterables of the caller's stay on the loop: they may need it."""
    if isinstance(body, (bytes, bytearray, memoryview)):
        return memoryview(body).nbytes > BIG_BODY
    if body is None or isinstance(body, str):
        return not limit
    return isinstance(body, CountedBody) or hasattr(body, "read")


class BulkLane:
    """The blocking transport of one endpoint, driven from the event loop."""

    def __init__(
        self,
        endpoint: Endpoint,
        ssl_context: ssl.SSLContext | None,
        timeout: TimeoutSpec,
        max_response_size: int | None,
    ) -> None:
        # Imported with the first large transfer: most asyncio programs never need it.
        from pylxd._drivers.sync.http import Transport

        self._transport = Transport(endpoint, ssl_context, timeout, max_response_size)

    async def request(
        self,
        method: str,
        url: str,
        *,
        body: Body,
        headers: Mapping[str, str] | None,
        timeout: TimeoutSpec,
        limit: bool,
    ) -> Response:
        """:meth:`pylxd._drivers.aio.http.Transport.request`, on a worker thread."""
        loop = asyncio.get_running_loop()
        cancelled = threading.Event()
        if isinstance(body, CountedBody) and body.progress is not None:
            body = body.reporting(_on_loop(loop, body.progress))
        size = body_size(body)
        if size is not None and not any(k.lower() == "content-length" for k in headers or {}):
            headers = {**(headers or {}), "Content-Length": str(size)}  # not sent chunked
        call = functools.partial(
            self._transport.request,
            method,
            url,
            body=_chunks(body, cancelled),
            headers=headers,
            timeout=timeout,
            limit=limit,
        )
        try:
            return await _on_a_thread(loop, call)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    async def stream(
        self, method: str, url: str, *, headers: Mapping[str, str] | None, timeout: TimeoutSpec
    ) -> LaneStream:
        """:meth:`pylxd._drivers.aio.http.Transport.stream` of a download, on a worker
        thread; a body of at most ``CHUNK_SIZE`` comes with the headers (one thread hop)."""
        transport = self._transport

        def start() -> tuple[SyncStream, bytes | None]:
            stream = transport.stream(method, url, headers=headers, timeout=timeout)
            length = content_length(stream.headers)
            if length is None or length > CHUNK_SIZE:
                return stream, None
            try:
                return stream, stream.read_up_to(length)
            finally:
                stream.close()

        stream, whole = await _on_a_thread(asyncio.get_running_loop(), start)
        return LaneStream(stream, whole, transport.max_response_size)

    def close(self) -> None:
        """Close the idle connections (a transfer in flight keeps its own)."""
        self._transport.close()


class LaneStream:
    """A streamed answer read on worker threads, ``chunk_size`` bytes per hop (the
    asyncio twin of :class:`pylxd._drivers.sync.http.StreamResponse`)."""

    def __init__(self, stream: SyncStream, whole: bytes | None, max_size: int | None) -> None:
        self._stream = stream
        self._whole = whole  # a small body, read with the headers
        self._max_size = max_size
        self.status_code = stream.status_code
        self.headers = stream.headers
        self.url = stream.url
        self._stop = threading.Event()  # set: the reader thread ends
        self._room: threading.Semaphore | None = None  # the reader's, once it runs

    async def aiter_bytes(self, chunk_size: int = 1 << 16) -> AsyncIterator[bytes]:
        """Yield the body in chunks of at most ``chunk_size`` bytes."""
        if self._whole is not None:
            whole, self._whole = self._whole, b""
            for start in range(0, len(whole), chunk_size):
                yield whole[start : start + chunk_size]
            return
        # One reader thread for the body, at most _AHEAD chunks ahead of the consumer: the
        # next chunk arrives while the last one is written (a thread per chunk cost
        # ~140 µs each and read nothing meanwhile).
        loop = asyncio.get_running_loop()
        ready: asyncio.Queue[tuple[bytes, BaseException | None]] = asyncio.Queue()
        room = self._room = threading.Semaphore(_AHEAD)
        stop = self._stop

        def hand_over(chunk: bytes, error: BaseException | None) -> None:
            try:
                loop.call_soon_threadsafe(ready.put_nowait, (chunk, error))
            except RuntimeError:  # the loop was closed: nobody is reading
                stop.set()

        def reader() -> None:
            try:
                while room.acquire() and not stop.is_set():
                    chunk = self._stream.read_up_to(chunk_size)
                    hand_over(chunk, None)
                    if not chunk or stop.is_set():  # the end, or nobody left to read it
                        return
            except BaseException as exc:  # handed to the consumer
                hand_over(b"", exc)

        threading.Thread(target=reader, name="pylxd-bulk-read", daemon=True).start()
        try:
            while True:
                chunk, error = await ready.get()
                room.release()
                if error is not None:
                    raise error
                if not chunk:
                    return
                yield chunk
        finally:
            stop.set()
            room.release()  # a reader waiting for room wakes, and ends

    async def read(self, limit: bool = False) -> Response:
        """The rest of the body as a :class:`Response` (``limit``: at most the client's
        ``max_response_size``)."""
        if self._whole is None:
            call = functools.partial(self._stream.read, limit)
            return await _on_a_thread(asyncio.get_running_loop(), call)
        whole, self._whole = self._whole, b""
        if limit and self._max_size is not None and len(whole) > self._max_size:
            raise ResponseTooLarge(f"an answer of {len(whole)} bytes", self._max_size)
        return Response(self.status_code, self.headers, whole, self.url)

    async def aclose(self) -> None:
        self._stop.set()
        if self._room is not None:
            self._room.release()  # a reader waiting for room wakes, and ends
        self._stream.close()

    async def __aenter__(self) -> LaneStream:
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.aclose()


def _on_a_thread(loop: asyncio.AbstractEventLoop, call: Callable[[], T]) -> asyncio.Future[T]:
    """``call()`` on a thread of its own, awaited. A daemon thread, not an executor's: a
    transfer left running (a cancelled download, until its timeout) must not hold up the
    interpreter's exit, which joins executor threads."""
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.cancelled():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        try:
            outcome: tuple[T | None, BaseException | None] = (call(), None)
        except BaseException as exc:  # handed to the awaiting task
            outcome = (None, exc)
        try:
            loop.call_soon_threadsafe(settle, *outcome)
        except RuntimeError:  # the loop was closed meanwhile: nobody is waiting
            pass

    threading.Thread(target=run, name="pylxd-bulk", daemon=True).start()
    return future


def _on_loop(loop: asyncio.AbstractEventLoop, progress: Progress) -> Progress:
    """``progress`` called on the loop's thread, as everything else of ``pylxd.aio``."""

    def report(done: int, total: int | None) -> None:
        loop.call_soon_threadsafe(progress, done, total)

    return report


class _Cancelled(Exception):
    """The awaiting task was cancelled: the upload stops (its connection is dropped)."""


def _chunks(body: Body, cancelled: threading.Event) -> Any:
    """``body`` as the blocking driver sends it, in ``CHUNK_SIZE`` pieces checked against
    ``cancelled``; bytes as slices of themselves (no copy), a file object read 1 MiB at a
    time (``http.client`` would read 8 KiB at a time)."""
    if body is None or isinstance(body, str):
        return body

    def pieces() -> Iterator[bytes | bytearray | memoryview]:
        if isinstance(body, (bytes, bytearray, memoryview)):
            view = memoryview(body).cast("B")
            chunks: Any = (view[i : i + CHUNK_SIZE] for i in range(0, len(view), CHUNK_SIZE))
        elif hasattr(body, "read"):
            chunks = iter(functools.partial(body.read, CHUNK_SIZE), b"")
        else:
            chunks = body
        for chunk in chunks:
            if cancelled.is_set():
                raise _Cancelled
            if not isinstance(chunk, (bytes, bytearray, memoryview)):
                raise TypeError(f"a body's chunks must be bytes, not {type(chunk).__name__}")
            yield chunk

    return pieces()
