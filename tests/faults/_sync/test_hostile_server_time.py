# Generated from tests/faults/_async/test_hostile_server_time.py by tools/unasync.py: do not edit, edit the source.
"""A server that trickles, stalls or never answers: ``timeout`` bounds the whole call
(connect, headers, body, or an operation wait), and the error comes within timeout + 1 s."""

from __future__ import annotations

import io
import time

from pylxd import Client
from pylxd.exceptions import OperationTimeout, TransportTimeout, WaitTimeout
from tests.fake.conftest import send_json, sync_envelope
from tests.fake.exec_server import INSTANCE, serve_exec
from tests.faults.hostile_server import (
    JSON_OK,
    answered_within,
    hostile,
    never_accepting,
    stalled,
    trickle,
)

__all__ = ["hostile"]  # the fixture

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"


def test_a_body_trickled_a_byte_every_quarter_second(hostile) -> None:
    hostile.routes[("GET", "/1.0/instances")] = trickle(HEAD % len(JSON_OK), JSON_OK, 0.25)
    with Client(endpoint=hostile.socket_path, timeout=1) as client:
        with answered_within("trickled body, timeout=1", TransportTimeout, 2):
            client.api.instances.get()
        assert (client.api.get()).ok  # the client still works


def test_headers_trickled(hostile) -> None:
    headers = b"Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
    hostile.routes[("GET", "/1.0/instances")] = trickle(b"HTTP/1.1 200 OK\r\n", headers, 0.25)
    with Client(endpoint=hostile.socket_path, timeout=1) as client:
        with answered_within("trickled headers, timeout=1", TransportTimeout, 2):
            client.api.instances.get()


def test_a_status_line_trickled(hostile) -> None:
    hostile.routes[("GET", "/1.0/instances")] = trickle(b"", b"HTTP/1.1 200 OK\r\n\r\n", 0.25)
    with Client(endpoint=hostile.socket_path, timeout=(0.5, 0.5)) as client:
        with answered_within("trickled status line, timeout=(0.5, 0.5)", TransportTimeout, 2):
            client.api.instances.get()


def test_a_server_that_reads_and_never_answers(hostile) -> None:
    hostile.routes[("POST", "/1.0/instances")] = stalled
    with Client(endpoint=hostile.socket_path, timeout=1) as client:
        with answered_within("request read, never answered, timeout=1", TransportTimeout, 2):
            client.api.instances.post(json={"name": "c1"})


def test_a_socket_that_never_accepts(tmp_path) -> None:
    with never_accepting(tmp_path) as path:
        with answered_within("socket never accepting, Client(timeout=1)", TransportTimeout, 2):
            with Client(endpoint=path, timeout=1):
                pass


def test_a_stalled_operation_wait(hostile) -> None:
    hostile.routes[("GET", "/1.0/operations/op1/wait")] = stalled
    with Client(endpoint=hostile.socket_path, timeout=30) as client:
        with answered_within("operation wait stalled, wait(timeout=1)", WaitTimeout, 2) as caught:
            client.operations.wait_for_operation("op1", timeout=1)
    assert isinstance(caught.value, TransportTimeout) and isinstance(caught.value, OperationTimeout)


def test_execute_when_the_wait_stalls(hostile) -> None:
    serve_exec(hostile, {}, wait_stalls=True)
    with Client(endpoint=hostile.socket_path, timeout=30) as client:
        instance = client.instances.get("c1")
        with answered_within("exec wait stalled, execute(timeout=3)", TransportTimeout, 4):
            instance.execute(["sleep", "60"], timeout=3)


def test_a_streamed_download_that_stalls(hostile) -> None:
    # A streamed body has a timeout per read (a big transfer is not cut short): a stall
    # after the headers still ends it.
    hostile.routes[("GET", "/1.0/instances/c1/files")] = trickle(HEAD % 1000, b"", every=0)
    hostile.routes[("GET", "/1.0/instances/c1")] = lambda h: send_json(
        h, 200, sync_envelope(INSTANCE)
    )
    with Client(endpoint=hostile.socket_path, timeout=1) as client:
        instance = client.instances.get("c1")
        with answered_within("streamed download stalled, timeout=1", TransportTimeout, 2):
            instance.files.get("/etc/hosts", to=io.BytesIO())


def test_a_slow_streamed_download_is_not_cut(hostile) -> None:
    # Each read has the timeout, not the whole transfer: 10 bytes at 0.1 s each take
    # twice the timeout and arrive whole.
    hostile.routes[("GET", "/1.0/instances/c1/files")] = trickle(HEAD % 10, b"0123456789", 0.1)
    hostile.routes[("GET", "/1.0/instances/c1")] = lambda h: send_json(
        h, 200, sync_envelope(INSTANCE)
    )
    with Client(endpoint=hostile.socket_path, timeout=0.5) as client:
        instance = client.instances.get("c1")
        sink = io.BytesIO()
        instance.files.get("/slow", to=sink)
    assert sink.getvalue() == b"0123456789"


def test_a_short_timeout_does_not_carry_over_to_the_next_call(hostile) -> None:
    # The kept-alive connection of a call with timeout=1 serves a slower call next.
    def slow(handler) -> None:
        time.sleep(1.5)
        send_json(handler, 200, sync_envelope([]))

    hostile.routes[("GET", "/1.0/instances")] = slow
    with Client(endpoint=hostile.socket_path, timeout=30) as client:
        assert (client.api.get(timeout=1)).ok
        assert (client.api.instances.get()).json()["metadata"] == []
