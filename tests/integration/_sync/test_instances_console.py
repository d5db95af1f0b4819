# Generated from tests/integration/_async/test_instances_console.py by tools/unasync.py: do not edit, edit the source.
"""The console: a live session, its log."""

from __future__ import annotations

import pytest

from pylxd.models import ConsoleSession
from pylxd.exceptions import LXDAPIException, TransportTimeout

from .instance_helpers import make_instance


def type_until_echoed(session: ConsoleSession, text: str) -> bytes:
    """Type ``text`` until the console echoes it: the server attaches the console a moment
    after the session opens, and what is typed before that is lost."""
    seen = b""
    for _attempt in range(10):
        session.send(f"{text}\r")
        try:
            while text.encode() not in seen:
                chunk = session.recv(timeout=1)
                assert chunk is not None, seen
                seen += chunk
            return seen
        except TransportTimeout:
            continue
    raise AssertionError(f"the console never echoed {text!r}: {seen!r}")


def test_console_session_echoes_what_is_typed(instance_name, image_alias, client) -> None:
    container = make_instance(client, instance_name, image_alias, start=True)
    with container.console.open(width=100, height=30) as session:
        type_until_echoed(session, "pylxd-typed")
        session.resize(120, 40)
        type_until_echoed(session, "pylxd-resized")
    container.stop(wait=True)
    with pytest.raises(LXDAPIException, match="(?i)running"):
        container.console.open()


def test_console_log_read_and_cleared(instance_name, image_alias, client) -> None:
    container = make_instance(client, instance_name, image_alias, start=True)
    with container.console.open() as session:
        type_until_echoed(session, "pylxd-logged")
        assert "pylxd-logged" in container.console.log()
        container.console.clear()
        type_until_echoed(session, "pylxd-after")
        log = container.console.log()
        assert "pylxd-after" in log and "pylxd-logged" not in log
