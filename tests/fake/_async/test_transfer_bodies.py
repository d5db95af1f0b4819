"""Large and odd bodies both ways through the drivers: sent and read whole, byte for byte.

The asyncio driver reads a large body piece by piece and sends large bytes in slices of
themselves (``_drivers/aio/http.py``): these check the edges of that — a body past the
piecewise threshold, a chunked one, a ``HEAD`` (no body at all, whatever its length says),
bytes-likes and plain iterables going up.
"""

from __future__ import annotations

import os
from http.server import BaseHTTPRequestHandler

from pylxd.aio import Client
from tests.fake.conftest import send, send_json, sync_envelope

FILES = "/1.0/instances/c1/files"
BIG = os.urandom((5 << 20) + 3)  # past the size read piecewise (4 MiB)


def serve_file(handler: BaseHTTPRequestHandler) -> None:
    """``?path=/big``: BIG with its length; ``/chunked``: BIG in uneven HTTP chunks;
    a ``HEAD``: the headers of a 10 MiB file, no body."""
    if handler.command == "HEAD":
        handler.send_response(200)
        handler.send_header("Content-Length", str(10 << 20))
        handler.send_header("X-LXD-type", "file")
        handler.end_headers()
        return
    if handler.path.endswith("path=%2Fbig") or handler.path.endswith("path=/big"):
        send(handler, 200, BIG, "application/octet-stream")
        return
    handler.send_response(200)
    handler.send_header("Content-Type", "application/octet-stream")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    for start, size in ((0, 1), (1, 70_000), (70_001, 3 << 20), (70_001 + (3 << 20), len(BIG))):
        piece = BIG[start : start + size]
        handler.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
    handler.wfile.write(b"0\r\n\r\n")


async def test_large_and_chunked_bodies_are_read_whole(fake_lxd) -> None:
    fake_lxd.routes[("GET", FILES)] = serve_file
    fake_lxd.routes[("HEAD", FILES)] = serve_file
    async with Client(endpoint=fake_lxd.socket_path) as client:
        files = client.api.instances["c1"].files
        big = await files.get(params={"path": "/big"}, limit=False)
        assert big.content == BIG
        chunked = await files.get(params={"path": "/chunked"}, limit=False)
        assert chunked.content == BIG
        head = await client._request("HEAD", FILES, params={"path": "/big"}, limit=False)
        assert head.status_code == 200 and head.content == b""
        for path in ("/big", "/chunked"):
            async with await files.stream(params={"path": path}) as stream:
                pieces = [piece async for piece in stream.aiter_bytes(100_000)]
            assert b"".join(pieces) == BIG
            assert max(len(p) for p in pieces) <= 100_000
        assert (await client.api.get()).ok  # the connection was left usable


async def test_bytes_likes_and_iterables_are_sent_whole(fake_lxd) -> None:
    fake_lxd.routes[("POST", FILES)] = lambda h: send_json(h, 200, sync_envelope({}))
    small = b"small body"
    bodies = [
        BIG,
        bytearray(BIG),
        memoryview(BIG),
        memoryview(bytearray(BIG)).cast("B", (len(BIG),)),
        bytearray(small),
        memoryview(small),
    ]
    async with Client(endpoint=fake_lxd.socket_path) as client:
        files = client.api.instances["c1"].files
        for body in bodies:
            await files.post(data=body, params={"path": "/up"})
            assert fake_lxd.bodies[-1] == bytes(body)
        chunks = [BIG[:1000], BIG[1000:]]
        length = {"Content-Length": str(len(BIG))}
        await files.post(data=iter(chunks), params={"path": "/up"}, headers=length)
        assert fake_lxd.bodies[-1] == BIG
