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
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pylxd._core.endpoint import Endpoint
from pylxd._core.response import Response
from pylxd._core.transfer import CHUNK_SIZE, CountedBody, Progress, body_size
from pylxd._drivers.types import Body, TimeoutSpec

__all__ = ["BulkLane", "takes_the_lane"]

#: Bytes bodies larger than this take the lane.
BIG_BODY = 1 << 20


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

    def close(self) -> None:
        """Close the idle connections (a transfer in flight keeps its own)."""
        self._transport.close()


def _on_a_thread(
    loop: asyncio.AbstractEventLoop, call: Callable[[], Response]
) -> asyncio.Future[Response]:
    """``call()`` on a thread of its own, awaited. A daemon thread, not an executor's: a
    transfer left running (a cancelled download, until its timeout) must not hold up the
    interpreter's exit, which joins executor threads."""
    future: asyncio.Future[Response] = loop.create_future()

    def settle(result: Response | None, error: BaseException | None) -> None:
        if future.cancelled():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        try:
            outcome: tuple[Response | None, BaseException | None] = (call(), None)
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
