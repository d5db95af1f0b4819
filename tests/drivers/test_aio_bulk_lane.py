"""pylxd.aio's large bodies go through the blocking driver on a worker thread
(``pylxd/_drivers/aio/bulk.py``): the same bytes and errors, progress told on the loop, the
loop free meanwhile, and a cancelled upload stopped."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from pathlib import Path

import pytest

from pylxd._core.transfer import CountedBody, Source
from pylxd._drivers.aio.bulk import BIG_BODY, takes_the_lane
from pylxd.aio import Client
from pylxd.exceptions import NotFound
from tests.fake.conftest import fake_lxd, send, send_json, sync_envelope
from tests.fake.exec_server import INSTANCE

__all__ = ["fake_lxd"]  # the fixture

BIG = bytes(range(256)) * (12 << 12)  # 12 MiB, not one repeated byte


def test_which_bodies_take_the_lane() -> None:
    assert takes_the_lane(None, limit=False)  # a file's content, read whole
    assert not takes_the_lane(None, limit=True)  # JSON
    assert takes_the_lane(b"x" * (BIG_BODY + 1), limit=True)
    assert not takes_the_lane(b"x" * BIG_BODY, limit=True)
    assert takes_the_lane(CountedBody([b"head"], None, None), limit=True)
    assert not takes_the_lane(iter([b"a caller's", b" generator"]), limit=True)  # may need the loop


async def test_a_large_file_read_whole_is_exact_and_leaves_the_loop_free(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0/instances/c1")] = lambda h: send_json(
        h, 200, sync_envelope(INSTANCE)
    )

    def slow_file(handler) -> None:
        time.sleep(0.3)  # the loop must keep turning meanwhile
        send(handler, 200, BIG, "application/octet-stream")

    fake_lxd.routes[("GET", "/1.0/instances/c1/files")] = slow_file
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    async with Client(endpoint=fake_lxd.socket_path) as client:
        instance = await client.instances.get("c1")
        running = asyncio.create_task(ticker())
        content = await instance.files.get("/big")
        running.cancel()
        assert content == BIG
        assert ticks >= 10, ticks  # ~30 turns while the answer was awaited
        assert client._transport._lane is not None  # type: ignore[union-attr]


async def test_errors_are_lxds_own(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0/instances/c1")] = lambda h: send_json(
        h, 200, sync_envelope(INSTANCE)
    )
    fake_lxd.routes[("GET", "/1.0/instances/c1/files")] = lambda h: send_json(
        h, 404, {"type": "error", "error_code": 404, "error": "not found, said LXD"}
    )
    async with Client(endpoint=fake_lxd.socket_path) as client:
        instance = await client.instances.get("c1")
        with pytest.raises(NotFound, match="not found, said LXD"):
            await instance.files.get("/missing")


async def test_a_large_upload_is_exact_and_tells_progress_on_the_loop(fake_lxd, tmp_path) -> None:
    fake_lxd.routes[("GET", "/1.0/instances/c1")] = lambda h: send_json(
        h, 200, sync_envelope(INSTANCE)
    )
    fake_lxd.routes[("POST", "/1.0/instances/c1/files")] = lambda h: send_json(
        h, 200, sync_envelope({})
    )
    local = tmp_path / "big.bin"
    local.write_bytes(BIG)
    async with Client(endpoint=fake_lxd.socket_path) as client:
        instance = await client.instances.get("c1")
        await instance.files.put("/big", BIG)
        await instance.files.put("/big", local)
        assert fake_lxd.bodies[-2:] == [BIG, BIG]
        loop_thread = threading.get_ident()
        told: list[tuple[int, int | None, int]] = []
        source = Source(local)
        body = CountedBody(
            [b"head:", source, b":tail"],
            lambda done, total: told.append((done, total, threading.get_ident())),
            len(BIG),
        )
        length = {"Content-Length": str(len(BIG) + 10)}
        try:
            await client._request("POST", "/1.0/instances/c1/files", data=body, headers=length)
        finally:
            source.close()
        await asyncio.sleep(0)  # the last report is scheduled on the loop
        assert fake_lxd.bodies[-1] == b"head:" + BIG + b":tail"
        assert told[-1][:2] == (len(BIG), len(BIG))
        assert {thread for _done, _total, thread in told} == {loop_thread}


async def test_a_cancelled_upload_stops(tmp_path: Path) -> None:
    # A server that reads slowly: the cancelled upload's connection must drop long before
    # the 12 MiB are through (aiohttp's behaviour; a thread left sending would finish it).
    path = str(tmp_path / "slow.socket")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen()
    received = 0
    ended = threading.Event()

    def serve() -> None:
        nonlocal received
        conn, _ = listener.accept()
        with conn:
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 16)
            while piece := conn.recv(1 << 16):
                received += len(piece)
                time.sleep(0.02)
        ended.set()

    threading.Thread(target=serve, daemon=True).start()
    client = Client(endpoint=path)
    try:
        sending = asyncio.create_task(
            client._transport.request("POST", "/1.0/instances/c1/files", body=BIG)
        )
        await asyncio.sleep(0.5)
        sending.cancel()
        with pytest.raises(asyncio.CancelledError):
            await sending
        assert await asyncio.to_thread(ended.wait, 5), "the upload went on"
        assert received < len(BIG) // 2, received
    finally:
        await client.aclose()
        listener.close()
