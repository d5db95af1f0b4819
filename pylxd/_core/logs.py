"""pylxd's loggers, and what they may say.

``pylxd`` is silent until the program configures :mod:`logging` (a ``NullHandler`` is on
the ``pylxd`` logger). Its children, one per layer:

- ``pylxd.http``: DEBUG, one line per request (method, path, status, duration, bytes);
- ``pylxd.websocket``: DEBUG, each websocket opened and closed, and why it closed;
- ``pylxd.operations``: INFO, each operation waited on (how it ended, how long it took).

Nothing logged carries a secret: request and response bodies (trust passwords and tokens,
certificates, keys) are never logged, headers neither (cookies), and the values of
secret-bearing query parameters (a websocket's ``secret``) are masked. Callers check
``isEnabledFor`` once before doing any work for a line, so a disabled logger costs one
cached lookup per request.
"""

from __future__ import annotations

import logging
import time
from urllib.parse import parse_qsl, urlencode

__all__ = ["HTTP", "MASK", "OPERATIONS", "WEBSOCKET", "RequestLog", "safe_path"]

HTTP = logging.getLogger("pylxd.http")
WEBSOCKET = logging.getLogger("pylxd.websocket")
OPERATIONS = logging.getLogger("pylxd.operations")

#: What a secret's value is replaced with.
MASK = "***"

# Query parameters whose value is a credential (LXD puts a websocket's secret in the URL).
_SECRET_PARAMS = frozenset({"secret", "token", "password", "trust_token", "key"})


def safe_path(url: str) -> str:
    """``url`` with the values of secret-bearing query parameters masked."""
    path, sep, query = url.partition("?")
    if not sep or not any(name in query for name in _SECRET_PARAMS):
        return url
    pairs = parse_qsl(query, keep_blank_values=True)
    masked = [(k, MASK if k.lower() in _SECRET_PARAMS else v) for k, v in pairs]
    return f"{path}?{urlencode(masked, safe='/*')}"


class RequestLog:
    """One DEBUG line per request on ``pylxd.http`` (never its body or headers: secrets).
    Disabled, it costs one cached ``isEnabledFor`` per request."""

    __slots__ = ("method", "started", "url")

    def __init__(self, method: str, url: str) -> None:
        self.method = method
        self.url = url
        self.started: float | None = (
            time.perf_counter() if HTTP.isEnabledFor(logging.DEBUG) else None
        )

    def __enter__(self) -> RequestLog:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, _tb: object
    ) -> None:
        if exc is not None and self.started is not None:
            elapsed = (time.perf_counter() - self.started) * 1000
            path = safe_path(self.url)
            HTTP.debug("%s %s failed after %.1f ms: %s", self.method, path, elapsed, exc)

    def answered(self, status: int, size: int | None) -> None:
        if self.started is not None:
            elapsed = (time.perf_counter() - self.started) * 1000
            received = "body streamed" if size is None else f"{size} bytes"
            path = safe_path(self.url)
            HTTP.debug("%s %s -> %d in %.1f ms, %s", self.method, path, status, elapsed, received)
