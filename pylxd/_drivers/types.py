"""Types shared by the HTTP and websocket drivers."""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable
from typing import IO, TypeAlias

__all__ = ["Body", "TimeoutSpec", "split_timeout"]

#: A request body: whole bytes, a file object, or an iterator of chunks (streamed).
Body: TypeAlias = "bytes | str | IO[bytes] | Iterable[bytes] | AsyncIterable[bytes] | None"

#: Seconds for both connect and read, a ``(connect, read)`` pair, or ``None`` (no limit).
TimeoutSpec: TypeAlias = "float | tuple[float, float] | None"


def split_timeout(timeout: TimeoutSpec) -> tuple[float | None, float | None]:
    """``timeout`` → ``(connect, read)``."""
    if isinstance(timeout, tuple):
        return timeout[0], timeout[1]
    return timeout, timeout
