# Generated from tests/integration/_async/test_logging_websockets_library.py by tools/unasync.py: do not edit, edit the source.
"""The ``websockets`` library's own DEBUG lines (handshake request lines, frames) never
show a secret: pylxd masks them with a filter on the library's loggers. Checked on a real
daemon through exec, console and an events stream that sees the exec operations (their
events list the ``fds`` secrets)."""

from __future__ import annotations

import logging

from pylxd import Client, EventType

from .instance_helpers import make_instance
from .test_logging import assert_no_secret, captured, handed_out, spy_on_bodies


def test_the_websockets_library_logs_no_secret(caplog, instance_name, image_alias) -> None:
    caplog.set_level(logging.DEBUG, logger="websockets")
    caplog.set_level(logging.DEBUG, logger="pylxd")
    with Client() as client:
        bodies = spy_on_bodies(client)
        container = make_instance(client, instance_name, image_alias, start=True)
        events = client.events(event_types={EventType.Operation})
        with events:
            result = container.execute(["echo", "hello"])
            assert result.stdout == "hello\n"
            seen = []
            while not any("fds" in str(event) for event in seen):
                seen.append(events.recv(10))  # the frames are logged as they are read
        with container.console.open() as session:
            session.send("\r")
        container.stop(wait=True)
    text = captured(caplog)
    assert "websockets.client DEBUG > GET /1.0/operations/" in text  # the library did log
    assert "websocket?secret=***" in text
    assert_no_secret(text, handed_out(bodies))
