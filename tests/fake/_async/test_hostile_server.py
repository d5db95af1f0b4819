"""Bad answers get clear, typed errors that carry the server's own words; nothing hangs."""

from __future__ import annotations

import time

import pytest

from pylxd.aio import Client
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


async def test_a_healthy_fake_connects(fake_lxd) -> None:
    async with Client(endpoint=fake_lxd.socket_path) as client:
        assert client.trusted
        assert client.host_info["environment"]["server_version"] == "5.0.2"


async def test_not_json_on_connect(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0")] = lambda h: send(h, 200, b"<html>hello</html>", "text/html")
    with pytest.raises(ClientConnectionFailed, match="not an LXD response"):
        async with Client(endpoint=fake_lxd.socket_path):
            pass


async def test_a_500_with_html_keeps_the_text(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0/instances")] = lambda h: send(
        h, 500, b"<h1>proxy exploded</h1>", "text/html"
    )
    async with Client(endpoint=fake_lxd.socket_path) as client:
        with pytest.raises(LXDAPIException, match="proxy exploded") as caught:
            await client.api.instances.get()
    assert caught.value.status_code == 500


async def test_lxds_error_envelope(fake_lxd) -> None:
    async with Client(endpoint=fake_lxd.socket_path) as client:
        with pytest.raises(NotFound, match="not found"):
            await client.instances.get("missing")


async def test_a_silent_server_times_out(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0/instances")] = silent
    async with Client(endpoint=fake_lxd.socket_path, timeout=0.5) as client:
        started = time.monotonic()
        with pytest.raises(TransportTimeout):
            await client.api.instances.get()
    assert time.monotonic() - started < 3


async def test_a_server_that_hangs_up(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0/instances")] = hang_up
    async with Client(endpoint=fake_lxd.socket_path, timeout=5) as client:
        with pytest.raises(ClientConnectionFailed):
            await client.api.instances.get()
        assert (await client.api.get()).ok  # the client recovers


async def test_a_truncated_body(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0/instances")] = truncated
    async with Client(endpoint=fake_lxd.socket_path, timeout=5) as client:
        with pytest.raises(ClientConnectionFailed):
            await client.api.instances.get()


async def test_a_failed_operation_raises_its_err(fake_lxd) -> None:
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
    async with Client(endpoint=fake_lxd.socket_path) as client:
        with pytest.raises(OperationFailed, match="disk on fire") as caught:
            await client.operations.wait_for_operation("/1.0/operations/op1")
    assert caught.value.status_code == 400


async def test_an_operation_still_running_after_the_wait(fake_lxd) -> None:
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
    async with Client(endpoint=fake_lxd.socket_path) as client:
        with pytest.raises(OperationTimeout):
            await client.operations.wait_for_operation("op2", timeout=1)
    assert ("GET", "/1.0/operations/op2/wait?timeout=1") in fake_lxd.requests


async def test_project_is_sent_and_checked(fake_lxd) -> None:
    async with Client(endpoint=fake_lxd.socket_path, project="p1") as client:
        with pytest.raises(NotFound):
            await client.api.instances.get()
    assert ("GET", "/1.0/instances?project=p1") in fake_lxd.requests
    fake_lxd.routes[("GET", "/1.0")] = lambda h: send_json(
        h, 200, sync_envelope({**HOST_INFO, "api_extensions": []})
    )
    with pytest.raises(ClientConnectionFailed, match="projects"):
        async with Client(endpoint=fake_lxd.socket_path, project="p1"):
            pass


async def test_an_upgrade_refused_by_the_server(fake_lxd) -> None:
    async with Client(endpoint=fake_lxd.socket_path) as client:
        with pytest.raises(LXDAPIException) as caught:
            await client._websockets(["/1.0/operations/x/websocket?secret=bad"])
    assert caught.value.status_code == 404


async def test_authenticate_without_a_certificate(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0")] = lambda h: send_json(
        h, 200, sync_envelope({**HOST_INFO, "auth": "untrusted"})
    )
    async with Client(endpoint=fake_lxd.socket_path) as client:
        assert not client.trusted
        with pytest.raises(ClientConnectionFailed, match="No client certificate"):
            await client.authenticate("secret")


async def test_raise_for_status_on_our_response(fake_lxd) -> None:
    async with Client(endpoint=fake_lxd.socket_path) as client:
        response = await client.api.get()
        response.raise_for_status()
        assert response.ok and response.text.startswith("{")
