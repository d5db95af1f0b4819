"""``execute()`` never hangs on a stream the server leaves open: the operation is waited
for alongside the streams, and once it ended, silent streams are cut. A stream that had
its barrier gives its whole output; one cut before it is an ``IncompleteOutput``."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler

import pytest

from pylxd.aio import Client
from pylxd.exceptions import IncompleteOutput, TransportTimeout
from tests.fake.conftest import upgrade_answer
from tests.fake.exec_server import BARRIER, binary, serve_exec


@pytest.fixture
def short_grace(monkeypatch) -> None:
    monkeypatch.setattr("pylxd._async.instances.exec.STREAM_GRACE", 0.3)


async def test_a_stream_never_ended_fails_fast_with_what_came(fake_lxd, short_grace) -> None:
    serve_exec(fake_lxd, {"s1": binary(b"partial"), "s2": BARRIER}, code=3)
    async with Client(endpoint=fake_lxd.socket_path, timeout=30) as client:
        instance = await client.instances.get("c1")
        started = time.monotonic()
        with pytest.raises(IncompleteOutput, match="never finished its stdout") as caught:
            await instance.execute(["true"])
    assert time.monotonic() - started < 3
    assert caught.value.exit_code == 3
    assert caught.value.stdout == "partial"
    assert caught.value.streams == ["stdout"]


async def test_streams_ended_but_never_closed_give_the_result(fake_lxd, short_grace) -> None:
    serve_exec(fake_lxd, {"s1": binary(b"out") + BARRIER, "s2": binary(b"err") + BARRIER}, code=0)
    async with Client(endpoint=fake_lxd.socket_path, timeout=30) as client:
        instance = await client.instances.get("c1")
        started = time.monotonic()
        result = await instance.execute(["true"])
    assert time.monotonic() - started < 3
    assert (result.exit_code, result.stdout, result.stderr) == (0, "out", "err")


async def test_no_stream_ended_and_stdin_never_read(fake_lxd, short_grace) -> None:
    serve_exec(fake_lxd, {}, code=1)
    async with Client(endpoint=fake_lxd.socket_path, timeout=30) as client:
        instance = await client.instances.get("c1")
        started = time.monotonic()
        with pytest.raises(IncompleteOutput, match="stdout and stderr") as caught:
            await instance.execute(["cat"], stdin_payload=b"x" * (8 << 20))
    assert time.monotonic() - started < 5
    assert caught.value.exit_code == 1


async def test_a_timeout_still_applies_when_the_operation_never_ends(fake_lxd) -> None:
    serve_exec(fake_lxd, {}, code=None)
    async with Client(endpoint=fake_lxd.socket_path, timeout=30) as client:
        instance = await client.instances.get("c1")
        started = time.monotonic()
        with pytest.raises(TransportTimeout):
            await instance.execute(["sleep", "60"], timeout=0.5)
    assert time.monotonic() - started < 4


PING = b"\x89\x00"


async def test_pings_do_not_extend_a_receive_timeout(fake_lxd) -> None:
    def pinging(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(upgrade_answer(handler))
        for _ in range(40):  # a ping every 0.1 s, never a message
            handler.wfile.write(PING)
            handler.wfile.flush()
            time.sleep(0.1)

    fake_lxd.routes[("GET", "/1.0/operations/x/websocket")] = pinging
    async with Client(endpoint=fake_lxd.socket_path, timeout=30) as client:
        (socket,) = await client._websockets(["/1.0/operations/x/websocket"])
        started = time.monotonic()
        with pytest.raises(TransportTimeout):
            await socket.recv(0.5)
        assert time.monotonic() - started < 1.5
        socket.cut()
        await socket.close()


async def test_a_session_without_pty_ends_when_its_operation_did(fake_lxd, short_grace) -> None:
    serve_exec(fake_lxd, {"s1": binary(b"partial"), "s2": BARRIER}, code=5)
    async with Client(endpoint=fake_lxd.socket_path, timeout=30) as client:
        instance = await client.instances.get("c1")
        session = await instance.interactive(["cat"], pty=False)
        started = time.monotonic()
        assert await session.wait() == 5
        assert time.monotonic() - started < 3
        assert await session.stdout.recv() == b"partial"  # what came is kept
        assert await session.stdout.recv() == b""
