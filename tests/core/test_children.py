"""Snapshot and backup names and times (``_core/children.py``)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pylxd._core.children import ZERO_TIME, leaf_name, snapshot_values, timestamp


def test_snapshots_are_named_without_their_volume() -> None:
    assert leaf_name("vol/snap0") == "snap0"
    assert leaf_name("snap0") == "snap0"
    listed = {"name": "vol/s1", "expires_at": ZERO_TIME, "description": "d"}
    assert snapshot_values(listed) == {"name": "s1", "expires_at": None, "description": "d"}
    kept = {"name": "s1", "expires_at": "2030-01-01T00:00:00Z"}
    assert snapshot_values(kept) == kept and snapshot_values(kept) is not kept


def test_timestamps_for_lxd() -> None:
    assert timestamp(None) is None
    assert timestamp("2030-01-01T00:00:00Z") == "2030-01-01T00:00:00Z"
    assert timestamp(datetime(2030, 1, 2, 3, 4, 5)) == "2030-01-02T03:04:05+00:00"
    paris = timezone(timedelta(hours=1))
    assert timestamp(datetime(2030, 1, 2, 3, 4, 5, tzinfo=paris)) == "2030-01-02T03:04:05+01:00"
