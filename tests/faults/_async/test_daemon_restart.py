"""A daemon restarted under a live client: while it is down every call fails fast with
ClientConnectionFailed (no hang, no retry loop), and once it is back the same client and
the objects it returned work again. The daemon is a private one (its own directory,
tests/integration/private_lxd.py): LXD, or Incus in scripts/test's Incus pass. The shared
daemons are never stopped."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from pylxd.aio import Client
from pylxd.exceptions import ClientConnectionFailed
from tests.integration.conftest import unique_name
from tests.integration.private_lxd import PrivateLXD, private_daemon

pytestmark = pytest.mark.integration

#: How long a call to a stopped daemon may take to fail (a refused unix socket: at once).
FAST = 1.0


@pytest.fixture
def daemon() -> Iterator[PrivateLXD]:
    daemon = private_daemon()
    daemon.start()
    try:
        yield daemon
    finally:
        daemon.remove()


async def test_calls_fail_fast_while_down_and_the_same_client_works_after(
    daemon: PrivateLXD,
) -> None:
    async with Client(endpoint=daemon.socket, timeout=10) as client:
        name = unique_name("restart")
        await client.profiles.create(name, description="before")
        profile = await client.profiles.get(name)  # holds its ETag across the restart
        daemon.stop()

        calls = {
            "api.get()": lambda: client.api.get(),
            "profiles.get()": lambda: client.profiles.get(name),
            "profiles.all()": lambda: client.profiles.all(),
            "profile.sync()": lambda: profile.sync(),
        }
        took = {}
        for what, call in calls.items():
            start = time.monotonic()
            with pytest.raises(ClientConnectionFailed):
                await call()
            took[what] = time.monotonic() - start
        assert max(took.values()) < FAST, took

        daemon.start()
        assert (await client.profiles.get(name)).description == "before"
        profile.description = "after"
        await profile.save()  # nothing changed meanwhile: the ETag read before still holds
        assert (await client.profiles.get(name)).description == "after"
        assert name in [p.name for p in await client.profiles.all()]


async def test_a_restart_between_two_calls_of_a_kept_alive_client(daemon: PrivateLXD) -> None:
    """The connection kept from before the restart is dead: the next call still works (a
    fresh connection), it does not fail on the stale one."""
    async with Client(endpoint=daemon.socket, timeout=10) as client:
        assert (await client.api.get()).status_code == 200
        daemon.stop()
        daemon.start()
        start = time.monotonic()
        assert (await client.api.get()).status_code == 200
        assert time.monotonic() - start < FAST
