"""What only the blocking flavour does: threads for concurrency, lazy fetch on attribute read."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

__all__ = ["LazyLoad", "gather"]

T = TypeVar("T")


def gather(*calls: Callable[[], T]) -> list[T]:
    """Run ``calls`` concurrently (the first in this thread) and return their results in order.

    The first error is raised once every call has ended.
    """
    if len(calls) == 1:
        return [calls[0]()]
    with ThreadPoolExecutor(max_workers=len(calls) - 1) as pool:
        futures = [pool.submit(call) for call in calls[1:]]
        try:
            first = calls[0]()
        finally:
            others = [f.result() for f in futures]
    return [first, *others]


class LazyLoad:
    """Reading a field the server has not sent yet fetches the object (upstream's behaviour)."""

    _loaded: bool

    def sync(self, rollback: bool = False) -> Any:
        raise NotImplementedError

    def _field_not_loaded(self, name: str) -> None:
        if not self._loaded:
            self.sync()
