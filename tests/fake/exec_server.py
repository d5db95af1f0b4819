"""A fake LXD's exec: the POST, the four websockets (by secret) and the operation's wait."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler

from tests.fake.conftest import FakeLXD, send_json, sync_envelope, upgrade_answer

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


def serve_exec(
    fake_lxd: FakeLXD, frames: dict[str, bytes], code: int | None = 0, wait_stalls: bool = False
) -> None:
    """An exec whose operation ends with ``code`` (``None``: runs forever) and whose
    sockets (by secret) send ``frames`` and then stay open, silent, past the test.
    ``wait_stalls``: the operation's ``/wait`` is never answered."""

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
        handler.wfile.write(upgrade_answer(handler) + frames.get(secret, b""))
        handler.wfile.flush()
        time.sleep(8)  # never closes while the test runs

    def finished(handler: BaseHTTPRequestHandler) -> None:
        if wait_stalls:
            time.sleep(20)
        elif code is None:  # still running when the wait's ?timeout= expires
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
