"""What only the asyncio flavour does: tasks for concurrency, no I/O on attribute read."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, TypeVar

from pylxd._core.files import checked_chunk
from pylxd.exceptions import NotLoadedError

__all__ = [
    "REOPENS_WHEN_CLOSED",
    "Call",
    "async_chunks",
    "Event",
    "LazyLoad",
    "Step",
    "gather",
    "gather_settled",
    "run_blocking",
    "sleep",
]

#: A closed asyncio client refuses calls until ``connect()`` or ``async with`` opens it
#: again: its connections belong to the loop that made them, and reopening silently
#: (perhaps from another loop) hides a use after ``async with`` ended.
REOPENS_WHEN_CLOSED = False

T = TypeVar("T")

#: One unit of work given an item (a coroutine function here, a plain function when blocking).
Step = Callable[[Any], Awaitable[T]]
#: A call with no argument (a coroutine function here, a plain function when blocking).
Call = Callable[[], Awaitable[T]]


async def gather(*calls: Callable[[], Awaitable[T]]) -> list[T]:
    """Run ``calls`` concurrently and return their results in order.

    On the first error the others are cancelled and the error is raised.
    """
    tasks = [asyncio.ensure_future(call()) for call in calls]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


async def gather_settled(
    calls: Sequence[Callable[[], Awaitable[T]]], limit: int
) -> list[T | Exception]:
    """Run ``calls`` as tasks, at most ``limit`` at a time; each one's result or exception,
    in order. One failing cancels nothing (cancelling the caller cancels them all)."""
    semaphore = asyncio.Semaphore(max(1, limit))

    async def run(call: Callable[[], Awaitable[T]]) -> T | Exception:
        async with semaphore:
            try:
                return await call()
            except Exception as exc:
                return exc

    return list(await asyncio.gather(*(run(call) for call in calls)))


class LazyLoad:
    """Reading a field the server has not sent yet is an error: attribute reads never do I/O."""

    _loaded: bool

    async def sync(self, rollback: bool = False) -> Any:
        raise NotImplementedError

    def _field_not_loaded(self, name: str) -> None:
        if not self._loaded:
            raise NotLoadedError(
                f"{type(self).__name__}.{name} is not loaded yet: await .sync() first"
            )


async def run_blocking(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a blocking library call in a worker thread (the blocking flavour: here)."""
    return await asyncio.to_thread(function, *args, **kwargs)


async def sleep(seconds: float) -> None:
    """Pause this task (the blocking flavour: this thread)."""
    await asyncio.sleep(seconds)


class Event:
    """A flag one task sets and another waits for, with a timeout (the blocking flavour:
    :class:`threading.Event`)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def set(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    async def wait(self, timeout: float | None = None) -> bool:
        """True once set; False if ``timeout`` seconds passed first."""
        try:
            await asyncio.wait_for(self._event.wait(), timeout)
        except asyncio.TimeoutError:
            return False
        return True


async def async_chunks(data: Any) -> Any:
    """``data`` as it is, or (an async iterable) its chunks with the first one read and
    checked now: ``files.put`` raises its ``TypeError`` before any request."""
    if not isinstance(data, AsyncIterable):
        return data
    iterator = aiter(data)
    try:
        first = checked_chunk(await anext(iterator))
    except StopAsyncIteration:
        return b""

    async def checked() -> AsyncIterator[Any]:
        yield first
        async for item in iterator:
            yield checked_chunk(item)

    return checked()
