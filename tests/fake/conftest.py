"""A hostile LXD: a real HTTP server on a unix socket that misbehaves on purpose."""

from __future__ import annotations

import base64
import hashlib
import json
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

HOST_INFO = {
    "api_extensions": ["projects"],
    "api_status": "stable",
    "api_version": "1.0",
    "auth": "trusted",
    "environment": {"server": "lxd", "server_version": "5.0.2", "server_clustered": False},
}

Route = Callable[[BaseHTTPRequestHandler], None]


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def send_json(handler: BaseHTTPRequestHandler, status: int, body: object) -> None:
    send(handler, status, json.dumps(body).encode(), "application/json")


_WEBSOCKET_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def upgrade_answer(handler: BaseHTTPRequestHandler) -> bytes:
    """The bytes of a 101 answer accepting the websocket upgrade ``handler`` received."""
    key = handler.headers["Sec-WebSocket-Key"].encode()
    accept = base64.b64encode(hashlib.sha1(key + _WEBSOCKET_GUID).digest())
    return (
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
        b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n"
    )


def sync_envelope(metadata: object) -> dict[str, object]:
    return {"type": "sync", "status": "Success", "status_code": 200, "metadata": metadata}


class FakeLXD:
    """Routes by ``(method, path)``; ``/1.0`` answers like a healthy LXD unless overridden."""

    def __init__(self, path: Path) -> None:
        self.socket_path = str(path)
        self.routes: dict[tuple[str, str], Route] = {
            ("GET", "/1.0"): lambda h: send_json(h, 200, sync_envelope(HOST_INFO)),
        }
        self.requests: list[tuple[str, str]] = []
        self.bodies: list[bytes] = []  # each request's body, in order
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def handle_one(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?", 1)[0]
                fake.requests.append((self.command, self.path))
                fake.bodies.append(body)
                route = fake.routes.get((self.command, path))
                if route is None:
                    send_json(self, 404, {"type": "error", "error_code": 404, "error": "not found"})
                else:
                    route(self)

            do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = handle_one

        class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
            daemon_threads = True
            block_on_close = False

        self._server = Server(self.socket_path, Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> FakeLXD:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def fake_lxd(tmp_path: Path) -> Iterator[FakeLXD]:
    with FakeLXD(tmp_path / "lxd.socket") as fake:
        yield fake


def silent(handler: BaseHTTPRequestHandler) -> None:
    """Read the request, never answer (until the test is long over)."""
    time.sleep(5)


def hang_up(handler: BaseHTTPRequestHandler) -> None:
    """Close the connection without a word."""
    handler.close_connection = True
    handler.wfile.flush()
    handler.connection.shutdown(2)


def truncated(handler: BaseHTTPRequestHandler) -> None:
    """Promise 1000 bytes, send 10, hang up."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    handler.wfile.write(b'{"type": "')
    handler.wfile.flush()
    handler.close_connection = True
    handler.connection.shutdown(2)
