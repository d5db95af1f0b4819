# Generated from tests/fake/_async/test_hostile_server.py by tools/unasync.py: do not edit, edit the source.
"""Bad answers get clear, typed errors that carry the server's own words; nothing hangs."""

from __future__ import annotations

import time

import pytest

from pylxd import Client
from pylxd.exceptions import (
    ClientConnectionFailed,
    LXDAPIException,
    NotFound,
    OperationFailed,
    OperationTimeout,
    TransportTimeout,
)
from tests.fake.conftest import (
    HOST_INFO,
    hang_up,
    send,
    send_json,
    silent,
    sync_envelope,
    truncated,
)


def test_a_healthy_fake_connects(fake_lxd) -> None:
    with Client(endpoint=fake_lxd.socket_path) as client:
        assert client.trusted
        assert client.host_info["environment"]["server_version"] == "5.0.2"


def test_not_json_on_connect(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0")] = lambda h: send(h, 200, b"<html>hello</html>", "text/html")
    with pytest.raises(ClientConnectionFailed, match="not an LXD response"):
        with Client(endpoint=fake_lxd.socket_path):
            pass


def test_a_500_with_html_keeps_the_text(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0/instances")] = lambda h: send(
        h, 500, b"<h1>proxy exploded</h1>", "text/html"
    )
    with Client(endpoint=fake_lxd.socket_path) as client:
        with pytest.raises(LXDAPIException, match="proxy exploded") as caught:
            client.api.instances.get()
    assert caught.value.status_code == 500


def test_lxds_error_envelope(fake_lxd) -> None:
    with Client(endpoint=fake_lxd.socket_path) as client:
        with pytest.raises(NotFound, match="not found"):
            client.instances.get("missing")


def test_a_silent_server_times_out(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0/instances")] = silent
    with Client(endpoint=fake_lxd.socket_path, timeout=0.5) as client:
        started = time.monotonic()
        with pytest.raises(TransportTimeout):
            client.api.instances.get()
    assert time.monotonic() - started < 3


def test_a_server_that_hangs_up(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0/instances")] = hang_up
    with Client(endpoint=fake_lxd.socket_path, timeout=5) as client:
        with pytest.raises(ClientConnectionFailed):
            client.api.instances.get()
        assert (client.api.get()).ok  # the client recovers


def test_a_truncated_body(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0/instances")] = truncated
    with Client(endpoint=fake_lxd.socket_path, timeout=5) as client:
        with pytest.raises(ClientConnectionFailed):
            client.api.instances.get()


def test_a_failed_operation_raises_its_err(fake_lxd) -> None:
    failure = {
        "id": "op1",
        "status": "Failure",
        "status_code": 400,
        "err": "disk on fire",
        "metadata": None,
        "resources": None,
        "may_cancel": False,
        "class": "task",
    }
    fake_lxd.routes[("GET", "/1.0/operations/op1/wait")] = lambda h: send_json(
        h, 200, sync_envelope(failure)
    )
    with Client(endpoint=fake_lxd.socket_path) as client:
        with pytest.raises(OperationFailed, match="disk on fire") as caught:
            client.operations.wait_for_operation("/1.0/operations/op1")
    assert caught.value.status_code == 400


def test_an_operation_still_running_after_the_wait(fake_lxd) -> None:
    running = {
        "id": "op2",
        "status": "Running",
        "status_code": 103,
        "err": "",
        "metadata": None,
        "resources": None,
        "may_cancel": True,
        "class": "task",
    }
    fake_lxd.routes[("GET", "/1.0/operations/op2/wait")] = lambda h: send_json(
        h, 200, sync_envelope(running)
    )
    with Client(endpoint=fake_lxd.socket_path) as client:
        with pytest.raises(OperationTimeout):
            client.operations.wait_for_operation("op2", timeout=1)
    assert ("GET", "/1.0/operations/op2/wait?timeout=1") in fake_lxd.requests


def test_project_is_sent_and_checked(fake_lxd) -> None:
    with Client(endpoint=fake_lxd.socket_path, project="p1") as client:
        with pytest.raises(NotFound):
            client.api.instances.get()
    assert ("GET", "/1.0/instances?project=p1") in fake_lxd.requests
    fake_lxd.routes[("GET", "/1.0")] = lambda h: send_json(
        h, 200, sync_envelope({**HOST_INFO, "api_extensions": []})
    )
    with pytest.raises(ClientConnectionFailed, match="projects"):
        with Client(endpoint=fake_lxd.socket_path, project="p1"):
            pass


def test_an_upgrade_refused_by_the_server(fake_lxd) -> None:
    with Client(endpoint=fake_lxd.socket_path) as client:
        with pytest.raises(LXDAPIException) as caught:
            client._websockets(["/1.0/operations/x/websocket?secret=bad"])
    assert caught.value.status_code == 404


def test_authenticate_without_a_certificate(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0")] = lambda h: send_json(
        h, 200, sync_envelope({**HOST_INFO, "auth": "untrusted"})
    )
    with Client(endpoint=fake_lxd.socket_path) as client:
        assert not client.trusted
        with pytest.raises(ClientConnectionFailed, match="No client certificate"):
            client.authenticate("secret")


def test_raise_for_status_on_our_response(fake_lxd) -> None:
    with Client(endpoint=fake_lxd.socket_path) as client:
        response = client.api.get()
        response.raise_for_status()
        assert response.ok and response.text.startswith("{")
