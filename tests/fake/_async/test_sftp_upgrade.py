"""instance.sftp() against a server that refuses, hangs up, or says nothing: a typed error
carrying the server's message, never a hang; a refused upgrade makes trees go over HTTP."""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler

import pytest

from pylxd.aio import Client
from pylxd.aio.models import Instance
from pylxd.exceptions import BadRequest, ClientConnectionFailed, NotFound, TransportTimeout
from tests.fake.conftest import send, send_json, sync_envelope

SFTP = "/1.0/instances/c1/sftp"
FILES = "/1.0/instances/c1/files"


def switch_then(then: str):  # type: ignore[no-untyped-def]
    """Accept the upgrade, then hang up (``"close"``) or say nothing (``"silent"``)."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: sftp\r\n\r\n")
        handler.wfile.flush()
        if then == "silent":
            time.sleep(3)
        handler.close_connection = True
        handler.connection.shutdown(2)

    return route


def refuse(handler: BaseHTTPRequestHandler) -> None:
    assert handler.headers["Upgrade"] == "sftp" and handler.headers["Connection"] == "Upgrade"
    body = {"type": "error", "error_code": 400, "error": "Missing or invalid upgrade header"}
    send_json(handler, 400, body)


async def test_a_refused_upgrade_is_the_servers_error(fake_lxd) -> None:
    fake_lxd.routes[("GET", SFTP)] = refuse
    async with Client(endpoint=fake_lxd.socket_path, project="p1") as client:
        with pytest.raises(BadRequest, match="Missing or invalid upgrade header"):
            await Instance(client, name="c1").sftp()
        with pytest.raises(NotFound, match="not found"):
            await Instance(client, name="c2").sftp()
    assert ("GET", f"{SFTP}?project=p1") in fake_lxd.requests


async def test_a_server_that_hangs_up_after_switching(fake_lxd) -> None:
    fake_lxd.routes[("GET", SFTP)] = switch_then("close")
    async with Client(endpoint=fake_lxd.socket_path) as client:
        with pytest.raises(ClientConnectionFailed, match="no SFTP session"):
            await Instance(client, name="c1").sftp()


async def test_a_server_that_says_nothing_after_switching(fake_lxd) -> None:
    fake_lxd.routes[("GET", SFTP)] = switch_then("silent")
    async with Client(endpoint=fake_lxd.socket_path, timeout=0.5) as client:
        started = time.monotonic()
        with pytest.raises(TransportTimeout):
            await Instance(client, name="c1").sftp()
        assert time.monotonic() - started < 2.5


async def test_a_tree_goes_over_http_when_the_upgrade_is_refused(fake_lxd, tmp_path) -> None:
    fake_lxd.routes[("GET", SFTP)] = refuse

    def files(handler: BaseHTTPRequestHandler) -> None:
        if handler.command == "GET":
            handler.send_response(200)
            for name, value in (("X-LXD-type", "file"), ("X-LXD-mode", "0640")):
                handler.send_header(name, value)
            handler.send_header("Content-Length", "2")
            handler.end_headers()
            handler.wfile.write(b"hi")
        else:
            send(handler, 200, json.dumps(sync_envelope({})).encode(), "application/json")

    fake_lxd.routes[("GET", FILES)] = files
    async with Client(endpoint=fake_lxd.socket_path) as client:
        await Instance(client, name="c1").files.recursive_get("/f", tmp_path / "f")
    assert (tmp_path / "f").read_bytes() == b"hi"
    assert [r for r in fake_lxd.requests if r[0] == "GET" and r[1].startswith(SFTP)]
