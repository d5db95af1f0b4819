"""A server that ends a websocket and shuts the socket before our reply is written (LXD
does it when a short command ends): the stream ends cleanly, nothing is raised."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

from pylxd.aio import Client
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


async def test_a_close_frame_on_a_socket_already_shut(fake_lxd) -> None:
    fake_lxd.routes[("GET", PATH)] = accept_then(DATA + CLOSE)
    async with Client(endpoint=fake_lxd.socket_path) as client:
        for _ in range(20):  # the reply races the server's hang-up: try it often
            (socket,) = await client._websockets([PATH])
            assert await socket.recv() == b"hi"
            assert await socket.recv() is None
            await socket.close()


async def test_a_ping_on_a_socket_already_shut(fake_lxd) -> None:
    fake_lxd.routes[("GET", PATH)] = accept_then(PING + DATA)
    async with Client(endpoint=fake_lxd.socket_path) as client:
        for _ in range(20):
            (socket,) = await client._websockets([PATH])
            assert await socket.recv() == b"hi"
            assert await socket.recv() is None
            await socket.close()
