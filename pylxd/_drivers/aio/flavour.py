"""What only the asyncio flavour does: tasks for concurrency, no I/O on attribute read."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pylxd.exceptions import NotLoadedError

__all__ = ["LazyLoad", "gather", "sleep"]

T = TypeVar("T")


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


async def sleep(seconds: float) -> None:
    """Pause this task (the blocking flavour: this thread)."""
    await asyncio.sleep(seconds)
