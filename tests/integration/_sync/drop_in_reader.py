# Generated from tests/integration/_async/drop_in_reader.py by tools/unasync.py: do not edit, edit the source.
"""Reads what a pylxd client returns, as JSON, for the differential test
(``test_upstream_diff.py``): the same plan is read through upstream pylxd 2.4.2 and
through ours, and the two readings are compared.

A plan is a list of reads. Each read walks from the client (``steps``: ``[name]`` reads an
attribute, ``[name, args, kwargs]`` calls it) and describes what it got: a value as
``[type name, value]``, a model as its type and its documented ``attrs``, a list item by
item (``only``: keep the models of these names, for listings other tests add to), and an
exception as its class hierarchy and message.

The generated blocking twin (``tests/integration/_sync/drop_in_reader.py``) is also what
upstream's own venv runs (``python -I``: it imports nothing but the standard library and,
in ``__main__``, that venv's pylxd). It creates nothing: the test made every object.
"""

from __future__ import annotations

import inspect
import json
import sys
from datetime import datetime
from typing import Any

SCALARS = (type(None), bool, int, float, str)


def describe(value: Any) -> Any:
    """``[type name, value]``: containers item by item, another object by its identity."""
    kind = type(value).__name__
    if isinstance(value, SCALARS):
        return [kind, value]
    if isinstance(value, (list, tuple)):
        return [kind, [describe(item) for item in value]]
    if isinstance(value, dict):
        return [kind, {str(key): describe(item) for key, item in value.items()}]
    if isinstance(value, datetime):
        return [kind, value.isoformat()]
    for key in ("name", "fingerprint", "id", "server_name"):  # a model in a model: who
        try:
            identity = value.__dict__.get(key) or getattr(value, key, None)
        except Exception:  # a lazy attribute that cannot load here
            identity = None
        if isinstance(identity, str):
            return [kind, identity]
    return [kind, None]


def describe_error(exc: BaseException) -> dict[str, Any]:
    """An exception as its class names, most derived first (up to ``Exception``), and text."""
    names = [cls.__name__ for cls in type(exc).__mro__]
    return {"raises": names[: names.index("Exception")], "message": str(exc)}


def describe_model(value: Any, attrs: list[str]) -> dict[str, Any]:
    """A model: its type and each documented attribute (or what reading it raised)."""
    out: dict[str, Any] = {"type": type(value).__name__, "attrs": {}}
    for attr in attrs:
        try:
            out["attrs"][attr] = describe(getattr(value, attr))
        except Exception as exc:
            out["attrs"][attr] = describe_error(exc)
    return out


def argument(value: Any) -> Any:
    """A call's argument from JSON: ``{"bytes": text}`` is bytes (JSON has none)."""
    if isinstance(value, dict) and set(value) == {"bytes"}:
        return value["bytes"].encode()
    return value


def walk(client: Any, steps: list[list[Any]]) -> Any:
    value = client
    for step in steps:
        value = getattr(value, step[0])
        if len(step) > 1:
            args = [argument(each) for each in step[1]]
            value = value(*args, **{key: argument(each) for key, each in step[2].items()})
            if inspect.isawaitable(value):
                value = value
    return value


def key_of(value: Any) -> Any:
    """What names an item of a listing (a model's name or fingerprint, or the item)."""
    if isinstance(value, SCALARS):
        return value
    for key in ("name", "fingerprint", "server_name"):
        identity = getattr(value, key, None)
        if isinstance(identity, str):
            return identity
    return None


def read_one(client: Any, read: dict[str, Any]) -> Any:
    try:
        value = walk(client, read["steps"])
    except Exception as exc:
        return describe_error(exc)
    attrs = read.get("attrs")
    if isinstance(value, list) and read.get("only") is not None:
        value = sorted(
            (item for item in value if key_of(item) in read["only"]), key=lambda i: str(key_of(i))
        )
    if attrs is None:
        return describe(value)
    if isinstance(value, list):
        return ["list", [describe_model(item, attrs) for item in value]]
    return describe_model(value, attrs)


def read(client: Any, plan: list[dict[str, Any]]) -> dict[str, Any]:
    """Every read of ``plan``, keyed by its ``key``."""
    return {each["key"]: read_one(client, each) for each in plan}


if __name__ == "__main__":  # the blocking twin, in upstream's venv: that venv's pylxd
    from pylxd import Client

    request = json.load(sys.stdin)
    upstream = Client(endpoint=request["endpoint"], **request.get("client", {}))
    json.dump(read(upstream, request["plan"]), sys.stdout)
