# Generated from tests/fake/_async/test_exec_hangs.py by tools/unasync.py: do not edit, edit the source.
"""``execute()`` never hangs on a stream the server leaves open: the operation is waited
for alongside the streams, and once it ended, silent streams are cut. A stream that had
its barrier gives its whole output; one cut before it is an ``IncompleteOutput``."""

from __future__ import annotations

import base64
import hashlib
import time
from http.server import BaseHTTPRequestHandler

import pytest

from pylxd import Client
from pylxd.exceptions import IncompleteOutput, TransportTimeout
from tests.fake.conftest import send_json, sync_envelope

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OP = "op-exec"
SECRETS = {"0": "s0", "1": "s1", "2": "s2", "control": "sc"}
INSTANCE = {"name": "c1", "type": "container", "status": "Running", "config": {}, "devices": {}}
BARRIER = b"\x81\x00"  # an empty text message: LXD's end of a stream


def binary(data: bytes) -> bytes:
    return b"\x82" + bytes([len(data)]) + data


def done(exit_code: int) -> dict[str, object]:
    return {
        "id": OP,
        "status": "Success",
        "status_code": 200,
        "err": "",
        "metadata": {"return": exit_code},
    }


def serve_exec(fake_lxd, frames: dict[str, bytes], code: int | None = 0) -> None:
    """An exec whose operation ends with ``code`` (``None``: runs forever) and whose
    sockets (by secret) send ``frames`` and then stay open, silent, past the test."""

    def post(handler: BaseHTTPRequestHandler) -> None:
        send_json(
            handler,
            202,
            {
                "type": "async",
                "status_code": 100,
                "operation": f"/1.0/operations/{OP}",
                "metadata": {"id": OP, "status_code": 103, "metadata": {"fds": SECRETS}},
            },
        )

    def websocket(handler: BaseHTTPRequestHandler) -> None:
        secret = handler.path.split("secret=", 1)[1]
        key = handler.headers["Sec-WebSocket-Key"].encode()
        accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
        handler.wfile.write(
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            b"Connection: Upgrade\r\nSec-WebSocket-Accept: "
            + accept
            + b"\r\n\r\n"
            + frames.get(secret, b"")
        )
        handler.wfile.flush()
        time.sleep(8)  # never closes while the test runs

    def finished(handler: BaseHTTPRequestHandler) -> None:
        if code is None:  # still running when the wait's ?timeout= expires
            time.sleep(float(handler.path.split("timeout=", 1)[1]))
            send_json(handler, 200, sync_envelope({**done(0), "status_code": 103}))
        else:
            send_json(handler, 200, sync_envelope(done(code)))

    fake_lxd.routes[("GET", "/1.0/instances/c1")] = lambda h: send_json(
        h, 200, sync_envelope(INSTANCE)
    )
    fake_lxd.routes[("POST", "/1.0/instances/c1/exec")] = post
    fake_lxd.routes[("GET", f"/1.0/operations/{OP}/websocket")] = websocket
    fake_lxd.routes[("GET", f"/1.0/operations/{OP}/wait")] = finished


@pytest.fixture
def short_grace(monkeypatch) -> None:
    monkeypatch.setattr("pylxd._sync.instances.exec.STREAM_GRACE", 0.3)


def test_a_stream_never_ended_fails_fast_with_what_came(fake_lxd, short_grace) -> None:
    serve_exec(fake_lxd, {"s1": binary(b"partial"), "s2": BARRIER}, code=3)
    with Client(endpoint=fake_lxd.socket_path, timeout=30) as client:
        instance = client.instances.get("c1")
        started = time.monotonic()
        with pytest.raises(IncompleteOutput, match="never finished its stdout") as caught:
            instance.execute(["true"])
    assert time.monotonic() - started < 3
    assert caught.value.exit_code == 3
    assert caught.value.stdout == "partial"
    assert caught.value.streams == ["stdout"]


def test_streams_ended_but_never_closed_give_the_result(fake_lxd, short_grace) -> None:
    serve_exec(fake_lxd, {"s1": binary(b"out") + BARRIER, "s2": binary(b"err") + BARRIER}, code=0)
    with Client(endpoint=fake_lxd.socket_path, timeout=30) as client:
        instance = client.instances.get("c1")
        started = time.monotonic()
        result = instance.execute(["true"])
    assert time.monotonic() - started < 3
    assert (result.exit_code, result.stdout, result.stderr) == (0, "out", "err")


def test_no_stream_ended_and_stdin_never_read(fake_lxd, short_grace) -> None:
    serve_exec(fake_lxd, {}, code=1)
    with Client(endpoint=fake_lxd.socket_path, timeout=30) as client:
        instance = client.instances.get("c1")
        started = time.monotonic()
        with pytest.raises(IncompleteOutput, match="stdout and stderr") as caught:
            instance.execute(["cat"], stdin_payload=b"x" * (8 << 20))
    assert time.monotonic() - started < 5
    assert caught.value.exit_code == 1


def test_a_timeout_still_applies_when_the_operation_never_ends(fake_lxd) -> None:
    serve_exec(fake_lxd, {}, code=None)
    with Client(endpoint=fake_lxd.socket_path, timeout=30) as client:
        instance = client.instances.get("c1")
        started = time.monotonic()
        with pytest.raises(TransportTimeout):
            instance.execute(["sleep", "60"], timeout=0.5)
    assert time.monotonic() - started < 4


PING = b"\x89\x00"


def test_pings_do_not_extend_a_receive_timeout(fake_lxd) -> None:
    def pinging(handler: BaseHTTPRequestHandler) -> None:
        key = handler.headers["Sec-WebSocket-Key"].encode()
        accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
        handler.wfile.write(
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n"
        )
        for _ in range(40):  # a ping every 0.1 s, never a message
            handler.wfile.write(PING)
            handler.wfile.flush()
            time.sleep(0.1)

    fake_lxd.routes[("GET", "/1.0/operations/x/websocket")] = pinging
    with Client(endpoint=fake_lxd.socket_path, timeout=30) as client:
        (socket,) = client._websockets(["/1.0/operations/x/websocket"])
        started = time.monotonic()
        with pytest.raises(TransportTimeout):
            socket.recv(0.5)
        assert time.monotonic() - started < 1.5
        socket.cut()
        socket.close()


def test_a_session_without_pty_ends_when_its_operation_did(fake_lxd, short_grace) -> None:
    serve_exec(fake_lxd, {"s1": binary(b"partial"), "s2": BARRIER}, code=5)
    with Client(endpoint=fake_lxd.socket_path, timeout=30) as client:
        instance = client.instances.get("c1")
        session = instance.interactive(["cat"], pty=False)
        started = time.monotonic()
        assert session.wait() == 5
        assert time.monotonic() - started < 3
        assert session.stdout.recv() == b"partial"  # what came is kept
        assert session.stdout.recv() == b""
