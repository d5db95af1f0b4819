"""A request that may have reached the server is never sent twice: a POST whose kept-alive
connection fails under it raises (saying it may have been processed); a GET is retried; a
connection the server closed while idle is dropped before a POST is sent on it."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest

from pylxd._drivers.aio.flavour import sleep
from pylxd.aio import Client
from pylxd.exceptions import ClientConnectionFailed
from tests.fake.conftest import hang_up, send_json, sync_envelope

PATH = "/1.0/instances"


def posts(fake_lxd) -> list[tuple[str, str]]:
    return [request for request in fake_lxd.requests if request[0] == "POST"]


async def test_a_post_read_then_hung_up_on_is_not_sent_again(fake_lxd) -> None:
    fake_lxd.routes[("POST", PATH)] = hang_up
    async with Client(endpoint=fake_lxd.socket_path, timeout=5) as client:
        # connecting left a kept-alive connection: the POST goes on it
        with pytest.raises(ClientConnectionFailed, match="POST may have been processed"):
            await client.api.instances.post(json={"name": "c1"})
    assert posts(fake_lxd) == [("POST", PATH)]


async def test_a_get_hung_up_on_is_retried_once_on_a_new_connection(fake_lxd) -> None:
    answered: list[int] = []

    def flaky(handler: BaseHTTPRequestHandler) -> None:
        if not answered:
            answered.append(1)
            hang_up(handler)
        else:
            send_json(handler, 200, sync_envelope([]))

    fake_lxd.routes[("GET", PATH)] = flaky
    async with Client(endpoint=fake_lxd.socket_path, timeout=5) as client:
        assert (await client.api.instances.get()).json()["metadata"] == []
    assert [r for r in fake_lxd.requests if r[1] == PATH] == [("GET", PATH)] * 2


async def test_a_post_after_the_server_closed_the_idle_connection(fake_lxd) -> None:
    def answer_then_close(handler: BaseHTTPRequestHandler) -> None:
        send_json(handler, 200, sync_envelope([]))  # no "Connection: close" header
        handler.close_connection = True

    fake_lxd.routes[("GET", PATH)] = answer_then_close
    fake_lxd.routes[("POST", PATH)] = lambda h: send_json(h, 200, sync_envelope({}))
    async with Client(endpoint=fake_lxd.socket_path, timeout=5) as client:
        await client.api.instances.get()
        await sleep(0.2)  # the close has arrived: the idle connection is stale
        await client.api.instances.get()  # a GET on it is retried
        await sleep(0.2)
        assert (await client.api.instances.post(json={"name": "c1"})).status_code == 200
    assert posts(fake_lxd) == [("POST", PATH)]
