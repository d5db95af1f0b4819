"""Sockets that hold a whole call to one deadline, however many reads it takes.

A socket timeout is per ``recv``: a server trickling one byte every half second holds a
call as long as it likes. http.client reads the status line, the headers and the body in
many reads we never see, so the deadline is kept by the socket itself: while
``deadline`` is set, each read and send waits only for the time left (a ``monotonic``
subtraction, and a ``settimeout`` when the timeout is too long: no thread, no timer).
"""

from __future__ import annotations

import socket
import ssl
import time
from typing import Any

__all__ = ["DeadlineSSLSocket", "DeadlineSocket", "remaining", "set_deadline"]


#: How late a read may end past the deadline rather than pay a ``settimeout`` (a syscall)
#: on every read: the timeout is only shortened once it is this much too long.
_SLACK = 0.05


def remaining(deadline: float) -> float:
    """Seconds left until ``deadline``.

    Raises:
        TimeoutError: none left (a zero socket timeout would mean non-blocking).
    """
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("timed out")
    return left


def set_deadline(sock: DeadlineSocket, deadline: float | None, timeout: float) -> None:
    """From now on ``sock``'s reads and sends end by ``deadline`` (``None``: each within
    ``timeout``). The timeout starts at the time left, so that :func:`_shorten` only
    ever has to shorten it (a longer one left by the last call would not hold the
    deadline; a shorter one would end a read before it)."""
    sock.deadline = deadline
    sock.settimeout(timeout if deadline is None else remaining(deadline))


def _shorten(sock: socket.socket, deadline: float) -> None:
    """Make ``sock``'s timeout the time left (when it is more than :data:`_SLACK` longer)."""
    left = remaining(deadline)
    current = sock.gettimeout()
    if current is None or current - left > _SLACK:
        sock.settimeout(left)


class _Deadline:
    """The mixin: ``deadline`` (a ``time.monotonic()`` value) or ``None`` for the
    socket's own per-read timeout."""

    deadline: float | None = None

    def recv_into(self, *args: Any) -> int:
        if self.deadline is not None:
            _shorten(self, self.deadline)  # type: ignore[arg-type]
        return super().recv_into(*args)  # type: ignore[misc,no-any-return]

    def sendall(self, *args: Any) -> None:
        if self.deadline is not None:
            _shorten(self, self.deadline)  # type: ignore[arg-type]
        super().sendall(*args)  # type: ignore[misc]


class DeadlineSocket(_Deadline, socket.socket):
    """A plain (unix or TCP) socket with a deadline."""


class DeadlineSSLSocket(_Deadline, ssl.SSLSocket):
    """A TLS socket with a deadline (``SSLContext.sslsocket_class``)."""
