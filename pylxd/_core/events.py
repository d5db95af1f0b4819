"""Event stream rules: the ``/1.0/events`` URL and its filters, the messages handed to handlers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import Enum
from typing import Any

from pylxd._core.urls import with_query
from pylxd.exceptions import MalformedResponse

__all__ = ["EventMessage", "EventType", "events_path", "parse_event"]


class EventType(Enum):
    """Event types to filter ``/1.0/events`` on."""

    All = "all"
    Operation = "operation"
    Logging = "logging"
    Lifecycle = "lifecycle"


def events_path(
    version: str,
    event_types: Iterable[EventType | str] | None = None,
    project: str | None = None,
    all_projects: bool = False,
) -> str:
    """``/1.0/events`` with its ``type``, ``project`` and ``all-projects`` filters.

    Raises:
        ValueError: an unknown event type.
    """
    params: dict[str, Any] = {}
    if event_types is not None:
        types = [
            EventType(t).value if not isinstance(t, EventType) else t.value for t in event_types
        ]
        if types and EventType.All.value not in types:
            params["type"] = ",".join(sorted(set(types)))
    if all_projects:
        params["all-projects"] = True
    elif project is not None:
        params["project"] = project
    return with_query(f"/{version}/events", params)


class EventMessage:
    """One message of the stream as ws4py hands it to ``received_message``: ``data`` holds
    the bytes, ``str(message)`` the text."""

    is_text = True
    is_binary = False
    completed = True
    encoding = "utf-8"

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __str__(self) -> str:
        return self.data.decode("utf-8", "replace")

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return f"<EventMessage {self.data[:80]!r}>"


def parse_event(data: bytes | str) -> dict[str, Any]:
    """An event's JSON (``type``, ``timestamp``, ``metadata``, ``project``, ``location``).

    Raises:
        MalformedResponse: the message is not a JSON object (also a ``ValueError``).
    """
    try:
        event = json.loads(data)
    except ValueError:
        event = None
    if not isinstance(event, dict):
        raise MalformedResponse(None, f"not an LXD event: {data[:200]!r}")
    return event
