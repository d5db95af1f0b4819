"""Rules of the objects that live under another (an instance's or a volume's snapshots and
backups): their own names, and the times LXD sends and takes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

__all__ = ["ZERO_TIME", "leaf_name", "snapshot_values", "timestamp"]


#: What LXD sends for a time it does not have (no expiry, no creation date on 5.0).
ZERO_TIME = "0001-01-01T00:00:00Z"


def leaf_name(name: str) -> str:
    """``vol/snap`` → ``snap``: listings name a volume's snapshots after the volume too."""
    return name.rsplit("/", 1)[-1]


def timestamp(value: datetime | str | None) -> str | None:
    """An RFC 3339 time for LXD (``expires_at``); a naive ``datetime`` is taken as UTC."""
    if value is None or isinstance(value, str):
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()


def snapshot_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """A snapshot's or backup's data as its model keeps it: its own name (not
    ``vol/snap``), and ``None`` for LXD's zero time (no expiry; a creation time LXD 5.0
    did not record for volume snapshots, which old pylxd also reads as ``None``)."""
    values = dict(data)
    if isinstance(values.get("name"), str):
        values["name"] = leaf_name(values["name"])
    for key in ("expires_at", "created_at"):
        if values.get(key) == ZERO_TIME:
            values[key] = None
    return values
