# Generated from tests/faults/_async/test_hostile_server_malformed.py by tools/unasync.py: do not edit, edit the source.
"""A server that answers garbage: bad JSON, a wrong Content-Length, a garbage status
line, endless or huge headers, a garbage websocket upgrade. Each is a typed error
(``ClientConnectionFailed`` from the transport, ``LXDAPIException`` "not an LXD response"
for a body that is not an envelope) in bounded time and memory, and the client goes on
working."""

from __future__ import annotations

import gzip

from pylxd import Client
from pylxd.exceptions import ClientConnectionFailed, LXDAPIException, PylxdError
from tests.faults.hostile_server import JSON_OK, answered_within, endless_headers, hostile, raw

__all__ = ["hostile"]  # the fixture

WEBSOCKET = "/1.0/operations/x/websocket"


def answer(body: bytes, length: int | None = None, status: bytes = b"200 OK") -> bytes:
    size = len(body) if length is None else length
    return (
        b"HTTP/1.1 " + status + b"\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % size + body
    )


def test_bad_json(hostile) -> None:
    hostile.routes[("GET", "/1.0/instances")] = raw(answer(b'{"type": "sync", "meta'))
    with Client(endpoint=hostile.socket_path, timeout=5) as client:
        with answered_within("bad JSON", LXDAPIException, 1):
            client.instances.all()
        assert (client.api.get()).ok


def test_an_error_status_with_bad_json_keeps_the_text(hostile) -> None:
    hostile.routes[("GET", "/1.0/instances")] = raw(answer(b"{oops", status=b"500 Oops"))
    with Client(endpoint=hostile.socket_path, timeout=5) as client:
        with answered_within("HTTP 500, bad JSON", LXDAPIException, 1):
            client.api.instances.get()


def test_a_content_length_shorter_than_the_body(hostile) -> None:
    # The extra bytes would be read as the next answer on a kept-alive connection: the
    # blocking client finds a cut envelope, aiohttp parses the extra bytes at once (a bad
    # status line); either way the connection is not used again.
    hostile.routes[("GET", "/1.0/instances")] = raw(answer(JSON_OK, 10), then_close=False)
    with Client(endpoint=hostile.socket_path, timeout=5) as client:
        with answered_within("Content-Length shorter than the body", PylxdError, 1):
            client.instances.all()
        assert (client.api.get()).ok
        assert (client.api.get()).ok


def test_a_content_length_longer_than_the_body(hostile) -> None:
    hostile.routes[("GET", "/1.0/instances")] = raw(answer(JSON_OK, 1000))
    with Client(endpoint=hostile.socket_path, timeout=5) as client:
        with answered_within("Content-Length longer than the body", ClientConnectionFailed, 1):
            client.api.instances.get()
        assert (client.api.get()).ok


def test_a_garbage_status_line(hostile) -> None:
    hostile.routes[("POST", "/1.0/instances")] = raw(b"HELLO THERE\r\n\r\n")
    with Client(endpoint=hostile.socket_path, timeout=5) as client:
        with answered_within("garbage status line", ClientConnectionFailed, 1):
            client.api.instances.post(json={"name": "c1"})
        assert (client.api.get()).ok


def test_endless_headers(hostile) -> None:
    hostile.routes[("GET", "/1.0/instances")] = endless_headers
    with Client(endpoint=hostile.socket_path, timeout=5) as client:
        with answered_within("endless headers", ClientConnectionFailed, 2):
            client.api.instances.get()
        assert (client.api.get()).ok


def test_a_megabyte_header_line(hostile) -> None:
    head = b"HTTP/1.1 200 OK\r\nX-Big: " + b"y" * (1 << 20) + b"\r\n\r\n"
    hostile.routes[("GET", "/1.0/instances")] = raw(head)
    with Client(endpoint=hostile.socket_path, timeout=5) as client:
        with answered_within("1 MiB header line", ClientConnectionFailed, 2):
            client.api.instances.get()


def test_a_garbage_websocket_upgrade(hostile) -> None:
    hostile.routes[("GET", WEBSOCKET)] = raw(b"HTTP/1.1 101 Sure\r\n\r\n\x00\xff garbage")
    with Client(endpoint=hostile.socket_path, timeout=5) as client:
        with answered_within("garbage websocket upgrade", ClientConnectionFailed, 1):
            client._websockets([f"{WEBSOCKET}?secret=s"])


def test_a_gzip_bomb_is_never_inflated(hostile) -> None:
    # 256 MiB of zeros in ~250 KB: we ask for no encoding and inflate nothing.
    bomb = gzip.compress(bytes(256 << 20), compresslevel=1)
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
    hostile.routes[("GET", "/1.0/instances")] = raw(
        head + b"Content-Length: %d\r\n\r\n" % len(bomb) + bomb
    )
    with Client(endpoint=hostile.socket_path, timeout=5) as client:
        with answered_within("gzip bomb", LXDAPIException, 1):
            client.instances.all()
        assert (client.api.instances.get()).content == bomb
