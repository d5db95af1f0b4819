"""The console: a live session, its log."""

from __future__ import annotations

import pytest

from pylxd.aio.models import ConsoleSession
from pylxd.exceptions import LXDAPIException, TransportTimeout

from .instance_helpers import make_instance


async def type_until_echoed(session: ConsoleSession, text: str) -> bytes:
    """Type ``text`` until the console echoes it: the server attaches the console a moment
    after the session opens, and what is typed before that is lost."""
    seen = b""
    for _attempt in range(10):
        await session.send(f"{text}\r")
        try:
            while text.encode() not in seen:
                chunk = await session.recv(timeout=1)
                assert chunk is not None, seen
                seen += chunk
            return seen
        except TransportTimeout:
            continue
    raise AssertionError(f"the console never echoed {text!r}: {seen!r}")


async def test_console_session_echoes_what_is_typed(instance_name, image_alias, client) -> None:
    container = await make_instance(client, instance_name, image_alias, start=True)
    async with await container.console.open(width=100, height=30) as session:
        await type_until_echoed(session, "pylxd-typed")
        await session.resize(120, 40)
        await type_until_echoed(session, "pylxd-resized")
    await container.stop(wait=True)
    with pytest.raises(LXDAPIException, match="(?i)running"):
        await container.console.open()


async def test_console_log_read_and_cleared(instance_name, image_alias, client) -> None:
    container = await make_instance(client, instance_name, image_alias, start=True)
    async with await container.console.open() as session:
        await type_until_echoed(session, "pylxd-logged")
        assert "pylxd-logged" in await container.console.log()
        await container.console.clear()
        await type_until_echoed(session, "pylxd-after")
        log = await container.console.log()
        assert "pylxd-after" in log and "pylxd-logged" not in log
