# Generated from tests/fake/_async/test_websocket_hangup.py by tools/unasync.py: do not edit, edit the source.
"""A server that ends a websocket and shuts the socket before our reply is written (LXD
does it when a short command ends): the stream ends cleanly, nothing is raised."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

from pylxd import Client
from tests.fake.conftest import upgrade_answer

PATH = "/1.0/operations/x/websocket"


def accept_then(frames: bytes):  # type: ignore[no-untyped-def]
    """A route answering the upgrade, sending ``frames`` at once, and hanging up."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(upgrade_answer(handler) + frames)
        handler.wfile.flush()
        handler.close_connection = True
        handler.connection.shutdown(2)

    return route


DATA = b"\x82\x02hi"  # binary "hi"
CLOSE = b"\x88\x02\x03\xe8"  # close, code 1000
PING = b"\x89\x00"


def test_a_close_frame_on_a_socket_already_shut(fake_lxd) -> None:
    fake_lxd.routes[("GET", PATH)] = accept_then(DATA + CLOSE)
    with Client(endpoint=fake_lxd.socket_path) as client:
        for _ in range(20):  # the reply races the server's hang-up: try it often
            (socket,) = client._websockets([PATH])
            assert socket.recv() == b"hi"
            assert socket.recv() is None
            socket.close()


def test_a_ping_on_a_socket_already_shut(fake_lxd) -> None:
    fake_lxd.routes[("GET", PATH)] = accept_then(PING + DATA)
    with Client(endpoint=fake_lxd.socket_path) as client:
        for _ in range(20):
            (socket,) = client._websockets([PATH])
            assert socket.recv() == b"hi"
            assert socket.recv() is None
            socket.close()
