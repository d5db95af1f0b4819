"""A closed client: the blocking one opens new connections when used again (as a requests
session did); the asyncio one refuses calls with a clear error until ``connect()`` or
``async with`` opens it again. Closing ``client.api.session`` (old programs) closes the
connections only: both flavours go on."""

from __future__ import annotations

import pytest

from pylxd._drivers.aio.flavour import REOPENS_WHEN_CLOSED
from pylxd.aio import Client
from pylxd.exceptions import ClientConnectionFailed


async def test_a_closed_client(fake_lxd) -> None:
    client = Client(endpoint=fake_lxd.socket_path)
    async with client:
        assert (await client.api.get()).ok
    if REOPENS_WHEN_CLOSED:  # blocking: as a requests session did
        assert (await client.api.get()).ok
        assert (await client.instances.exists("c1")) is False
    else:
        with pytest.raises(ClientConnectionFailed, match="is closed: open it again"):
            await client.api.get()
        with pytest.raises(ClientConnectionFailed, match="is closed"):
            await client.instances.exists("c1")
        with pytest.raises(ClientConnectionFailed, match="is closed"):
            await client._websockets(["/1.0/events"])
    async with client:  # entering opens it again
        assert (await client.api.get()).ok
    await client.connect()  # and so does connect()
    assert (await client.api.get()).ok
    await client.aclose()


async def test_closing_the_session_closes_connections_not_the_client(fake_lxd) -> None:
    async with Client(endpoint=fake_lxd.socket_path) as client:
        await client.api.session.aclose()
        assert (await client.api.get()).ok  # both flavours go on
