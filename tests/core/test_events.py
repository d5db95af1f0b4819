"""Event paths and messages (``_core/events.py``)."""

from __future__ import annotations

import pytest

from pylxd._core.events import EventMessage, EventType, events_path, parse_event
from pylxd.exceptions import MalformedResponse


def test_events_path() -> None:
    assert events_path("1.0") == "/1.0/events"
    assert events_path("1.0", {EventType.All, EventType.Logging}) == "/1.0/events"
    assert events_path("1.0", ["operation", EventType.Lifecycle]) == (
        "/1.0/events?type=lifecycle,operation"
    )
    assert events_path("1.0", project="my p") == "/1.0/events?project=my%20p"
    assert events_path("1.0", project="p", all_projects=True) == "/1.0/events?all-projects=true"
    with pytest.raises(ValueError):
        events_path("1.0", ["nope"])


def test_event_messages_and_parsing() -> None:
    message = EventMessage(b'{"type": "lifecycle"}')
    assert str(message) == '{"type": "lifecycle"}' and message.is_text and len(message) == 21
    assert parse_event(message.data) == {"type": "lifecycle"}
    with pytest.raises(ValueError):
        parse_event(b"[1]")


def test_a_message_that_is_not_an_event_is_a_malformed_response() -> None:
    for data in (b"[1]", b"not json", b"null", b'"text"'):
        with pytest.raises(MalformedResponse, match="not an LXD event"):
            parse_event(data)
