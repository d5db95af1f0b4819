"""``client.api.session``: old pylxd's HTTP session, closed by programs written for it."""

from __future__ import annotations

import contextlib
import os

import pytest

pytestmark = pytest.mark.integration


def open_sockets() -> int:
    """How many sockets this process holds."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # the directory's own descriptor is gone
            count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
    return count


async def test_closing_the_session_closes_the_connections_and_the_client_goes_on(client) -> None:
    before = open_sockets()
    async with contextlib.aclosing(client.api.session):
        assert (await client.api.instances.get()).ok
        assert open_sockets() >= before  # the kept-alive connection
    assert open_sockets() < before  # the connection is gone
    assert (await client.api.get()).ok  # and the client opens a new one


async def test_names_that_are_never_paths_fail_as_attributes(client) -> None:
    for name in ("close", "aclose", "_private", "__wrapped__", "__call__"):
        with pytest.raises(AttributeError, match=name):
            getattr(client.api.instances, name)
        assert not hasattr(client.api, name)
    assert not callable(client.api)
    assert client.api.instances.close_me.path == "/1.0/instances/close-me"
    assert client.api.instances["close"].path == "/1.0/instances/close"
