"""Plain JSON values: deep copies, what the server sends read as the docs promise (``null``
as ``[]``…), and request bodies as LXD takes them (config maps as strings, lists of plain
dicts, the merge a ``PATCH`` would make, done on our side)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "MISSING",
    "clone",
    "config_strings",
    "dict_list",
    "merge_patch",
    "missing_as_true",
    "none_as_null",
    "null_as_list",
]


class _Missing:
    """The value of a declared field the server did not send (reads as ``None``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


def config_strings(config: Any) -> Any:
    """A ``config`` map as LXD takes it: every value a string (LXD refuses JSON booleans and
    numbers there). ``True`` → ``"true"``, ``2`` → ``"2"``; other values, and anything
    that is not a mapping, pass unchanged. So the docs' ``config = {'k': False}`` saves."""
    if not isinstance(config, Mapping):
        return config
    return {
        key: ("true" if value else "false")
        if isinstance(value, bool)
        else str(value)
        if isinstance(value, (int, float))
        else value
        for key, value in config.items()
    }


def dict_list(items: Sequence[Mapping[str, Any]] | None, what: str) -> list[dict[str, Any]] | None:
    """``items`` as LXD takes a list of objects (ACL rules, DNS entries, ports): plain dicts.

    ``None`` stays ``None``. Raises ``TypeError`` for one dict or a string given instead of
    a list (``what`` names the argument in the message).
    """
    if items is None:
        return None
    if isinstance(items, (Mapping, str, bytes)):
        raise TypeError(f"{what} must be a list of dicts, not {type(items).__name__}")
    return [dict(item) for item in items]


def merge_patch(
    current: Mapping[str, Any], patch: Mapping[str, Any], writable: Iterable[str]
) -> dict[str, Any]:
    """What LXD's ``PATCH`` means, as a full object to ``PUT``: the ``writable`` fields of
    ``current``, each field of ``patch`` replacing its value, except ``config`` whose keys
    are merged into the current ones."""
    body = {key: clone(current[key]) for key in writable if key in current}
    for key, value in patch.items():
        old = body.get(key)
        if key == "config" and isinstance(value, Mapping) and isinstance(old, dict):
            body[key] = {**old, **value}
        else:
            body[key] = clone(value)
    return body


def clone(value: Any) -> Any:
    """A deep copy of JSON-shaped data (much cheaper than ``copy.deepcopy``)."""
    if isinstance(value, dict):
        return {k: clone(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clone(v) for v in value]
    return value


def null_as_list(value: Any) -> Any:
    """A list the server may send as ``null`` (LXD 5.0's ``used_by`` of an unused network)
    or not at all: ``[]`` then, as the docs show it."""
    return [] if value is None or value is MISSING else value


def none_as_null(value: Any) -> Any:
    """LXD's ``"none"`` (an instance's ``location`` off a cluster) as ``None``, as old pylxd
    reads it (programs print and compare it)."""
    return None if value == "none" else value


def missing_as_true(value: Any) -> Any:
    """A flag the server leaves out when it is always true (a storage pool's ``managed``:
    every pool is managed by the daemon)."""
    return True if value is None or value is MISSING else value
