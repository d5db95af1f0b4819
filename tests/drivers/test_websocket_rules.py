"""LXD's websocket framing on the sans-I/O core, against websockets' own server protocol."""

from __future__ import annotations

import asyncio

import pytest
from websockets.exceptions import InvalidStatus
from websockets.http11 import Request
from websockets.server import ServerProtocol

from pylxd._drivers.aio.flavour import gather as agather
from pylxd._drivers.sync.flavour import gather
from pylxd._drivers.websocket_rules import NEED_DATA, WebSocketCore
from pylxd.exceptions import ClientConnectionFailed


def connected() -> tuple[WebSocketCore, ServerProtocol]:
    core = WebSocketCore("ws://lxd/1.0/operations/x/websocket?secret=s")
    server = ServerProtocol()
    server.receive_data(core.handshake_request())
    [request] = server.events_received()
    assert isinstance(request, Request)
    server.send_response(server.accept(request))
    assert not core.handshake_done()
    core.receive(b"".join(server.data_to_send()))
    assert core.handshake_done()
    return core, server


def to_client(core: WebSocketCore, server: ServerProtocol) -> bytes:
    return core.receive(b"".join(server.data_to_send()))


def test_binary_data_then_the_empty_text_barrier_ends_the_stream() -> None:
    core, server = connected()
    assert core.next_message() is NEED_DATA
    server.send_binary(b"out")
    server.send_binary(b"put")
    server.send_text(b"")
    to_client(core, server)
    assert core.next_message() == b"out"
    assert core.next_message() == b"put"
    assert core.next_message() is None


def test_pings_are_answered_and_not_data() -> None:
    core, server = connected()
    server.send_ping(b"keepalive")
    server.send_binary(b"x")
    reply = to_client(core, server)
    assert reply  # the pong
    server.receive_data(reply)
    assert core.next_message() == b"x"


def test_fragmented_messages_are_assembled() -> None:
    core, server = connected()
    server.send_binary(b"ab", fin=False)
    server.send_continuation(b"cd", fin=True)
    to_client(core, server)
    assert core.next_message() == b"abcd"


def test_close_and_eof_end_the_stream() -> None:
    core, server = connected()
    server.send_close()
    to_client(core, server)
    assert core.next_message() is None
    other, _server = connected()
    other.receive(b"")
    assert other.next_message() is None


def test_sending_after_close_fails_clearly() -> None:
    core, server = connected()
    core.close_frame()
    with pytest.raises(ClientConnectionFailed):
        core.message(b"late")


def test_client_messages_reach_the_server() -> None:
    core, server = connected()
    server.receive_data(core.message(b"stdin") + core.message(""))
    frames = server.events_received()
    assert [bytes(f.data) for f in frames] == [b"stdin", b""]


def test_a_refused_upgrade_carries_lxds_answer() -> None:
    core = WebSocketCore("ws://lxd/1.0/operations/x/websocket?secret=bad")
    core.handshake_request()
    core.receive(
        b"HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\nContent-Type: text/plain\r\n\r\nforbidden"
    )
    with pytest.raises(InvalidStatus):
        core.handshake_done()


def test_sync_gather_keeps_order_and_raises() -> None:
    assert gather(lambda: 1, lambda: 2, lambda: 3) == [1, 2, 3]

    def boom() -> int:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        gather(lambda: 1, boom)


async def test_async_gather_cancels_the_others_on_error() -> None:
    cancelled = asyncio.Event()

    async def slow() -> int:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return 1

    async def boom() -> int:
        raise ValueError("boom")

    assert await agather(lambda: asyncio.sleep(0, 1), lambda: asyncio.sleep(0, 2)) == [1, 2]
    with pytest.raises(ValueError):
        await agather(slow, boom)
    assert cancelled.is_set()


def test_an_upgrade_answered_together_with_the_close_is_accepted() -> None:
    # A short command's output and LXD's close can arrive in the same read as the 101.
    core = WebSocketCore("ws://lxd/1.0/operations/x/websocket?secret=s")
    server = ServerProtocol()
    server.receive_data(core.handshake_request())
    [request] = server.events_received()
    server.send_response(server.accept(request))
    server.send_binary(b"out")
    server.send_close(1000)
    reply = core.receive(b"".join(server.data_to_send()))
    assert reply  # our close reply: the driver writes it, ignoring a socket already shut
    assert core.handshake_done()
    assert core.next_message() == b"out"
    assert core.next_message() is None
