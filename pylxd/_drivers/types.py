"""Types shared by the HTTP and websocket drivers."""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable, Mapping
from typing import IO, TypeAlias, TypedDict

__all__ = [
    "DEFAULT_TIMEOUT",
    "HARMLESS_METHODS",
    "Body",
    "RequestOptions",
    "TimeoutSpec",
    "split_timeout",
    "unsent_note",
]

#: A request body: whole bytes, a file object, or an iterator of chunks (streamed).
Body: TypeAlias = "bytes | str | IO[bytes] | Iterable[bytes] | AsyncIterable[bytes] | None"

#: Seconds for both connect and read, a ``(connect, read)`` pair, or ``None`` (the defaults).
TimeoutSpec: TypeAlias = "float | tuple[float, float] | None"

#: ``(connect, read)`` when the client is given no timeout: a silent server never hangs a
#: call forever. The read limit is per socket read, so long transfers are not cut short;
#: operation waits set their own (the wait's timeout plus a margin).
DEFAULT_TIMEOUT = (30.0, 600.0)


class RequestOptions(TypedDict, total=False):
    """The keyword options of a transport's ``request`` and ``stream``, for a wrapper that
    passes them on untouched (``**options: Unpack[RequestOptions]``)."""

    body: Body
    headers: Mapping[str, str] | None
    timeout: TimeoutSpec


def split_timeout(timeout: TimeoutSpec) -> tuple[float, float]:
    """``timeout`` → ``(connect, read)``; ``None`` gives :data:`DEFAULT_TIMEOUT`."""
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, tuple):
        return timeout[0], timeout[1]
    return timeout, timeout


#: Requests that change nothing when repeated, so a failed one may be sent again (HTTP's
#: safe and idempotent methods but DELETE, which would answer "not found" after a success).
HARMLESS_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT"})


def unsent_note(method: str) -> str:
    """What a failed request's error adds when the server may have processed it anyway."""
    if method.upper() in HARMLESS_METHODS:
        return ""
    return (
        f" (the {method.upper()} may have been processed by the server before the "
        "connection failed; it was not sent again)"
    )
