"""Types shared by the HTTP and websocket drivers."""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable
from typing import IO, TypeAlias

__all__ = ["DEFAULT_TIMEOUT", "Body", "TimeoutSpec", "split_timeout"]

#: A request body: whole bytes, a file object, or an iterator of chunks (streamed).
Body: TypeAlias = "bytes | str | IO[bytes] | Iterable[bytes] | AsyncIterable[bytes] | None"

#: Seconds for both connect and read, a ``(connect, read)`` pair, or ``None`` (the defaults).
TimeoutSpec: TypeAlias = "float | tuple[float, float] | None"

#: ``(connect, read)`` when the client is given no timeout: a silent server never hangs a
#: call forever. The read limit is per socket read, so long transfers are not cut short;
#: operation waits set their own (the wait's timeout plus a margin).
DEFAULT_TIMEOUT = (30.0, 600.0)


def split_timeout(timeout: TimeoutSpec) -> tuple[float, float]:
    """``timeout`` → ``(connect, read)``; ``None`` gives :data:`DEFAULT_TIMEOUT`."""
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, tuple):
        return timeout[0], timeout[1]
    return timeout, timeout
