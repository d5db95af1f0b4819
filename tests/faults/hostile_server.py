"""Routes for :class:`tests.fake.conftest.FakeLXD` that attack the client's memory and
time: endless, huge, trickled, malformed and stalled answers and websocket messages.

Each route writes raw bytes (no help from ``http.server``) and stops when the client
hangs up. :func:`answered_within` records how each scenario ended and how long the client
took (printed: ``pytest -s tests/faults -k hostile_server`` gives the table).
"""

from __future__ import annotations

import contextlib
import socket
import struct
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.fake.conftest import FakeLXD, upgrade_answer

__all__ = [
    "answered_within",
    "chunked_forever",
    "declared_huge",
    "endless_headers",
    "event_flood",
    "fragments_forever",
    "huge_frame",
    "never_accepting",
    "raw",
    "stalled",
    "trickle",
]

Route = Callable[[BaseHTTPRequestHandler], None]
PIECE = b"x" * (1 << 16)
GIB = 1 << 30
JSON_OK = b'{"type": "sync", "status_code": 200, "metadata": {"name": "c1"}}'


def _until_hung_up(write: Callable[[], None], seconds: float = 30.0) -> None:
    """Call ``write`` until the client hangs up (or ``seconds`` passed)."""
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end:
            write()
    except OSError:
        pass  # the client dropped the connection: what it should do


def chunked_forever(handler: BaseHTTPRequestHandler, status: bytes = b"200 OK") -> None:
    """An answer (a 200 by default) whose chunked body never ends."""
    handler.wfile.write(b"HTTP/1.1 " + status + b"\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"%x\r\n" % len(PIECE) + PIECE + b"\r\n"
    _until_hung_up(lambda: handler.wfile.write(chunk))


def declared_huge(handler: BaseHTTPRequestHandler) -> None:
    """A 200 announcing 1 GiB (``Content-Length``), then sending it."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % GIB)
    _until_hung_up(lambda: handler.wfile.write(PIECE))


def raw(data: bytes, then_close: bool = True) -> Route:
    """A route writing ``data`` as the whole answer (status line and all)."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(data)
        handler.wfile.flush()
        if then_close:
            handler.close_connection = True
            handler.connection.shutdown(socket.SHUT_RDWR)

    return route


def trickle(head: bytes, body: bytes, every: float = 0.5) -> Route:
    """``head`` at once, then ``body`` one byte every ``every`` seconds."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(head)
        for index in range(len(body)):
            time.sleep(every)
            try:
                handler.wfile.write(body[index : index + 1])
            except OSError:
                return

    return route


def endless_headers(handler: BaseHTTPRequestHandler) -> None:
    """A status line, then headers forever."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    _until_hung_up(lambda: handler.wfile.write(b"X-Filler: " + b"y" * 100 + b"\r\n" * 1))


def stalled(handler: BaseHTTPRequestHandler) -> None:
    """Read the request, never answer (for longer than any test waits)."""
    time.sleep(20)


def _frame_header(opcode: int, length: int, fin: bool = True) -> bytes:
    first = (0x80 if fin else 0) | opcode
    if length < 126:
        return bytes([first, length])
    if length < 1 << 16:
        return bytes([first, 126]) + struct.pack("!H", length)
    return bytes([first, 127]) + struct.pack("!Q", length)


def huge_frame(handler: BaseHTTPRequestHandler) -> None:
    """Accept the upgrade, then one binary frame announcing 1 GiB and sending it."""
    handler.wfile.write(upgrade_answer(handler) + _frame_header(0x2, GIB))
    _until_hung_up(lambda: handler.wfile.write(PIECE))


def fragments_forever(handler: BaseHTTPRequestHandler) -> None:
    """Accept the upgrade, then one message in 64 KiB fragments that never ends."""
    handler.wfile.write(upgrade_answer(handler) + _frame_header(0x2, len(PIECE), fin=False))
    handler.wfile.write(PIECE)
    continuation = _frame_header(0x0, len(PIECE), fin=False) + PIECE
    _until_hung_up(lambda: handler.wfile.write(continuation))


@contextlib.contextmanager
def never_accepting(tmp_path: Path) -> Iterator[str]:
    """A unix socket that listens (connections succeed) but never accepts or answers."""
    path = str(tmp_path / "mute.socket")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(path)
    sock.listen(16)
    try:
        yield path
    finally:
        sock.close()


@contextlib.contextmanager
def answered_within(
    scenario: str, error: type[BaseException], seconds: float
) -> Iterator[pytest.ExceptionInfo[BaseException]]:
    """Expect ``error`` within ``seconds``; print the outcome and the time it took."""
    started = time.monotonic()
    with pytest.raises(error) as caught:
        yield caught
    took = time.monotonic() - started
    print(f"\nSCENARIO {scenario}: {type(caught.value).__name__} in {took:.2f} s")
    assert took < seconds, f"{scenario}: {took:.2f} s"


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[FakeLXD]:
    """A fake LXD (healthy ``/1.0``) for a test to give hostile routes."""
    with FakeLXD(tmp_path / "lxd.socket") as fake:
        yield fake


EVENT = (
    b'{"type": "lifecycle", "timestamp": "2026-01-01T00:00:00Z", "project": "default", '
    b'"metadata": {"action": "instance-updated", "source": "/1.0/instances/c1"}}'
)


def event_flood(count: int) -> Route:
    """Accept the upgrade, send ``count`` events as fast as the socket takes them, close."""
    frame = _frame_header(0x1, len(EVENT)) + EVENT

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(upgrade_answer(handler))
        batch = frame * 1000
        try:
            for _ in range(count // 1000):
                handler.wfile.write(batch)
            handler.wfile.write(b"\x88\x02\x03\xe8")  # close, 1000
        except OSError:
            pass

    return route
