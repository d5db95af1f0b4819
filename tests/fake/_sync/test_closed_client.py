# Generated from tests/fake/_async/test_closed_client.py by tools/unasync.py: do not edit, edit the source.
"""A closed client: the blocking one opens new connections when used again (as a requests
session did); the asyncio one refuses calls with a clear error until ``connect()`` or
``with`` opens it again. Closing ``client.api.session`` (old programs) closes the
connections only: both flavours go on."""

from __future__ import annotations

import pytest

from pylxd._drivers.sync.flavour import REOPENS_WHEN_CLOSED
from pylxd import Client
from pylxd.exceptions import ClientConnectionFailed


def test_a_closed_client(fake_lxd) -> None:
    client = Client(endpoint=fake_lxd.socket_path)
    with client:
        assert (client.api.get()).ok
    if REOPENS_WHEN_CLOSED:  # blocking: as a requests session did
        assert (client.api.get()).ok
        assert (client.instances.exists("c1")) is False
    else:
        with pytest.raises(ClientConnectionFailed, match="is closed: open it again"):
            client.api.get()
        with pytest.raises(ClientConnectionFailed, match="is closed"):
            client.instances.exists("c1")
        with pytest.raises(ClientConnectionFailed, match="is closed"):
            client._websockets(["/1.0/events"])
    with client:  # entering opens it again
        assert (client.api.get()).ok
    client.connect()  # and so does connect()
    assert (client.api.get()).ok
    client.close()


def test_closing_the_session_closes_connections_not_the_client(fake_lxd) -> None:
    with Client(endpoint=fake_lxd.socket_path) as client:
        client.api.session.close()
        assert (client.api.get()).ok  # both flavours go on
