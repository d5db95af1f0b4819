"""``timeout`` → the limits of a call (``call_limits``): a number bounds the whole call, a
pair ``(connect, read)`` bounds connecting by ``connect`` and the call by their sum."""

from __future__ import annotations

from pylxd._drivers.types import DEFAULT_TIMEOUT, call_limits


def test_a_number_bounds_everything() -> None:
    assert call_limits(2.5) == (2.5, 2.5, 2.5)


def test_a_pair() -> None:
    assert call_limits((1.0, 4.0)) == (1.0, 4.0, 5.0)


def test_none_is_the_default_pair() -> None:
    connect, read = DEFAULT_TIMEOUT
    assert call_limits(None) == (connect, read, connect + read)
