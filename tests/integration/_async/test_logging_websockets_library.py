"""The ``websockets`` library's own DEBUG lines (handshake request lines, frames) never
show a secret: pylxd masks them with a filter on the library's loggers. Checked on a real
daemon through exec, console and an events stream that sees the exec operations (their
events list the ``fds`` secrets)."""

from __future__ import annotations

import logging

from pylxd.aio import Client, EventType

from .instance_helpers import make_instance
from .test_logging import assert_no_secret, captured, handed_out, spy_on_bodies


async def test_the_websockets_library_logs_no_secret(caplog, instance_name, image_alias) -> None:
    caplog.set_level(logging.DEBUG, logger="websockets")
    caplog.set_level(logging.DEBUG, logger="pylxd")
    async with Client() as client:
        bodies = spy_on_bodies(client)
        container = await make_instance(client, instance_name, image_alias, start=True)
        events = client.events(event_types={EventType.Operation})
        async with events:
            result = await container.execute(["echo", "hello"])
            assert result.stdout == "hello\n"
            seen = []
            while not any("fds" in str(event) for event in seen):
                seen.append(await events.recv(10))  # the frames are logged as they are read
        async with await container.console.open() as session:
            await session.send("\r")
        await container.stop(wait=True)
    text = captured(caplog)
    assert "websockets.client DEBUG > GET /1.0/operations/" in text  # the library did log
    assert "websocket?secret=***" in text
    assert_no_secret(text, handed_out(bodies))
