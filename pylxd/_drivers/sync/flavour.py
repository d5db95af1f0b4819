"""What only the blocking flavour does: threads for concurrency, lazy fetch on attribute read."""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from threading import Event
from typing import Any, TypeVar

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

#: A closed blocking client opens new connections when it is used again: old programs
#: close ``client.api.session`` (``contextlib.closing``) and go on, as a ``requests``
#: session allowed.
REOPENS_WHEN_CLOSED = True

T = TypeVar("T")

#: One unit of work given an item (a plain function here, a coroutine function in asyncio).
Step = Callable[[Any], T]
#: A call with no argument (a plain function here, a coroutine function in asyncio).
Call = Callable[[], T]


def gather(*calls: Callable[[], T]) -> list[T]:
    """Run ``calls`` concurrently (the first in this thread, each other in a thread of its
    own) and return their results in order; the first error is raised once all ended."""
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            results[index] = calls[index]()
        except BaseException as exc:  # re-raised in the caller's thread below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(1, len(calls))]
    for thread in threads:
        thread.start()
    run(0)
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


def gather_settled(calls: Sequence[Callable[[], T]], limit: int) -> list[T | Exception]:
    """Run ``calls`` on a pool of at most ``limit`` threads; each one's result or exception,
    in order. One failing stops nothing."""
    if not calls:
        return []

    def run(call: Callable[[], T]) -> T | Exception:
        try:
            return call()
        except Exception as exc:
            return exc

    with ThreadPoolExecutor(max_workers=max(1, min(limit, len(calls)))) as pool:
        return list(pool.map(run, calls))


class LazyLoad:
    """Reading a field the server has not sent yet fetches the object (upstream's behaviour)."""

    _loaded: bool

    def sync(self, rollback: bool = False) -> Any:
        raise NotImplementedError

    def _field_not_loaded(self, name: str) -> None:
        if not self._loaded:
            self.sync()


def run_blocking(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a blocking library call here (the asyncio flavour: in a worker thread)."""
    return function(*args, **kwargs)


def sleep(seconds: float) -> None:
    """Pause this thread (the asyncio flavour: this task)."""
    time.sleep(seconds)


def async_chunks(data: Any) -> Any:
    """``data`` as it is: an async iterable is a ``TypeError`` (``pylxd.aio`` reads them)."""
    if isinstance(data, AsyncIterable):
        raise TypeError("the blocking client cannot read an async iterable: use pylxd.aio")
    return data
