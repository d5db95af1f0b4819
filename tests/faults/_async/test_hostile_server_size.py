"""A server that sends too much: an endless or 1 GiB answer, a 1 GiB websocket frame, a
message in endless fragments. Each is refused (``ResponseTooLarge``) with memory flat;
the connection is dropped and the client goes on working. Content asked for whole (a
file's bytes) has no limit."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from pylxd.aio import Client
from pylxd.exceptions import ClientConnectionFailed, ResponseTooLarge
from tests.fake.conftest import send, send_json, sync_envelope
from tests.fake.exec_server import INSTANCE
from tests.faults.hostile_server import (
    answered_within,
    chunked_forever,
    declared_huge,
    event_flood,
    fragments_forever,
    hostile,
    huge_frame,
)

__all__ = ["hostile"]  # the fixture

ROOT = Path(__file__).resolve().parents[3]
FLAVOUR = "aio" if Client.__module__.startswith("pylxd._async") else "sync"
MB = 1_000_000


async def test_an_endless_chunked_answer(hostile) -> None:
    hostile.routes[("GET", "/1.0/instances")] = chunked_forever
    async with Client(endpoint=hostile.socket_path) as client:
        with answered_within("endless chunked answer", ResponseTooLarge, 5):
            await client.api.instances.get()
        assert (await client.api.get()).ok  # the client still works


async def test_a_declared_gigabyte(hostile) -> None:
    hostile.routes[("GET", "/1.0/instances")] = declared_huge
    async with Client(endpoint=hostile.socket_path) as client:
        with answered_within("Content-Length: 1 GiB", ResponseTooLarge, 1):
            await client.api.instances.get()
        assert (await client.api.get()).ok


async def test_the_limit_is_the_clients(hostile) -> None:
    body = {"items": ["x" * 100] * 20}  # ~2 KiB
    hostile.routes[("GET", "/1.0/instances")] = lambda h: send_json(h, 200, sync_envelope(body))
    async with Client(endpoint=hostile.socket_path, max_response_size=1000) as client:
        with pytest.raises(ResponseTooLarge, match="limit of 1000 bytes") as caught:
            await client.api.instances.get()
        assert caught.value.limit == 1000
    async with Client(endpoint=hostile.socket_path, max_response_size=None) as client:
        assert (await client.api.instances.get()).json()["metadata"] == body


async def test_an_endless_error_answer_to_a_download(hostile) -> None:
    # A download is streamed and unlimited, but an error's body is read whole: limited.
    hostile.routes[("GET", "/1.0/instances/c1")] = lambda h: send_json(
        h, 200, sync_envelope(INSTANCE)
    )
    hostile.routes[("GET", "/1.0/instances/c1/files")] = lambda h: chunked_forever(h, b"500 Oops")
    async with Client(endpoint=hostile.socket_path) as client:
        instance = await client.instances.get("c1")
        with answered_within("endless error body to a download", ResponseTooLarge, 5):
            await instance.files.get("/big", to=io.BytesIO())
        assert (await client.api.get()).ok


async def test_a_files_content_has_no_limit(hostile) -> None:
    content = b"z" * 5000
    hostile.routes[("GET", "/1.0/instances/c1")] = lambda h: send_json(
        h, 200, sync_envelope(INSTANCE)
    )
    hostile.routes[("GET", "/1.0/instances/c1/files")] = lambda h: send(
        h, 200, content, "application/octet-stream"
    )
    async with Client(endpoint=hostile.socket_path, max_response_size=1000) as client:
        instance = await client.instances.get("c1")
        assert await instance.files.get("/big") == content


async def test_a_gigabyte_websocket_frame(hostile) -> None:
    hostile.routes[("GET", "/1.0/events")] = huge_frame
    async with Client(endpoint=hostile.socket_path) as client:
        events = client.events()
        try:
            # The frame may come with the upgrade's answer: connect() then refuses it.
            with answered_within("1 GiB websocket frame (events)", ResponseTooLarge, 1):
                await events.connect()
                await events.recv(10)
        finally:
            await events.aclose()


async def test_a_message_in_endless_fragments(hostile) -> None:
    hostile.routes[("GET", "/1.0/operations/x/websocket")] = fragments_forever
    async with Client(endpoint=hostile.socket_path, max_message_size=1 << 20) as client:
        with answered_within("endless fragmented message", ResponseTooLarge, 5):
            (socket,) = await client._websockets(["/1.0/operations/x/websocket?secret=s"])
            try:
                await socket.recv(10)
            finally:
                await socket.close()


@pytest.mark.parametrize(
    ("route", "kind"),
    [
        (chunked_forever, "http"),
        (declared_huge, "http"),
        (huge_frame, "websocket"),
        (fragments_forever, "websocket"),
    ],
    ids=["endless-chunked", "content-length-1GiB", "frame-1GiB", "endless-fragments"],
)
async def test_memory_stays_flat(hostile, route, kind) -> None:
    """Peak RSS growth of a fresh process (default limits) stays under 64 MB."""
    hostile.routes[("GET", "/1.0/huge")] = route
    probe = subprocess.run(
        [sys.executable, "-m", "tests.faults.rss_probe", FLAVOUR, hostile.socket_path]
        + ["/1.0/huge", kind],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    result = json.loads(probe.stdout.strip().splitlines()[-1])
    print(f"\nRSS {FLAVOUR} {route.__name__}: +{result['growth_kib'] / 1024:.1f} MiB, {result}")
    assert result["error"] == "ResponseTooLarge"
    assert result["growth_kib"] * 1024 < 64 * MB


async def test_an_event_flood_in_flat_memory(hostile) -> None:
    # 50,000 events (~8 MB) read one by one: memory holds one read, not the flood.
    hostile.routes[("GET", "/1.0/events")] = event_flood(50_000)
    async with Client(endpoint=hostile.socket_path) as client:
        events = client.events()
        received = 0
        tracemalloc.start()
        try:
            with pytest.raises(ClientConnectionFailed, match="closed by the server"):
                while await events.recv(10):
                    received += 1
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            await events.aclose()
    print(f"\nEVENT FLOOD {FLAVOUR}: {received} events, peak traced {peak / 1e6:.1f} MB")
    assert received == 50_000
    assert peak < 3 * MB  # of the ~8 MB sent
