"""Types shared by the HTTP and websocket drivers."""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable, Mapping
from typing import IO, TypeAlias, TypedDict

__all__ = [
    "DEFAULT_MAX_MESSAGE_SIZE",
    "DEFAULT_MAX_RESPONSE_SIZE",
    "DEFAULT_TIMEOUT",
    "HARMLESS_METHODS",
    "Body",
    "RequestOptions",
    "TimeoutSpec",
    "call_limits",
    "sent_whole",
    "unsent_note",
]

#: A request body: whole bytes, a file object, or an iterator of chunks (streamed).
Body: TypeAlias = "bytes | str | IO[bytes] | Iterable[bytes] | AsyncIterable[bytes] | None"

#: Seconds for both connect and read, a ``(connect, read)`` pair, or ``None`` (the defaults).
TimeoutSpec: TypeAlias = "float | tuple[float, float] | None"

#: ``(connect, read)`` when the client is given no timeout: a silent server never hangs a
#: call forever (see :func:`call_limits`); operation waits set their own (the wait's
#: timeout plus a margin).
DEFAULT_TIMEOUT = (30.0, 600.0)

#: The largest answer read whole (an API answer: JSON, a log, metrics). File contents,
#: images, backups and exec output are streamed or asked for whole, and never limited.
#: LXD's largest ordinary answers (``instances?recursion=2`` of a few hundred instances)
#: are a few MB; a server sending more is broken or hostile.
DEFAULT_MAX_RESPONSE_SIZE = 32 << 20

#: The largest websocket message (one event, one piece of exec or console output: LXD
#: sends those in pieces of at most a few hundred KiB).
DEFAULT_MAX_MESSAGE_SIZE = 16 << 20


class RequestOptions(TypedDict, total=False):
    """The keyword options of a transport's ``request`` and ``stream``, for a wrapper that
    passes them on untouched (``**options: Unpack[RequestOptions]``)."""

    body: Body
    headers: Mapping[str, str] | None
    timeout: TimeoutSpec
    limit: bool
    bulk: bool


def call_limits(timeout: TimeoutSpec) -> tuple[float, float, float]:
    """``timeout`` → ``(connect, read, whole)`` seconds.

    ``connect`` bounds making the connection; ``whole`` the whole call from its start
    (connecting, sending, the answer's headers and, for an answer read whole, its body);
    ``read`` each read of a streamed body once its headers came (a transfer of any size is
    not cut short, a stalled one is). A number ``N`` gives ``(N, N, N)``; a pair
    ``(connect, read)`` gives ``(connect, read, connect + read)``; ``None`` is the pair
    :data:`DEFAULT_TIMEOUT`.
    """
    if timeout is None:
        connect, read = DEFAULT_TIMEOUT
    elif isinstance(timeout, tuple):
        connect, read = timeout[0], timeout[1]
    else:
        return timeout, timeout, timeout
    return connect, read, connect + read


def sent_whole(body: Body) -> bool:
    """Whether ``body`` is sent whole (bytes, text or nothing) rather than streamed (a
    file, chunks): a streamed one may take long, so only each write of it is timed."""
    return body is None or isinstance(body, (bytes, str))


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
