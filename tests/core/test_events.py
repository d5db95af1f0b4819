"""Event paths and messages (``_core/events.py``)."""

from __future__ import annotations

import pytest

from pylxd._core.events import EventMessage, EventType, events_path, parse_event


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
