"""URL rules: path segments are quoted, query parameters encoded in one place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, unquote, urlencode

__all__ = [
    "Params",
    "attribute_segment",
    "join_path",
    "name_from_url",
    "quote_segment",
    "with_query",
]

Params = Mapping[str, Any]


def quote_segment(name: object) -> str:
    """Quote one path segment: ``/``, ``?``, ``#``, ``%`` and spaces never leak into the URL."""
    return quote(str(name), safe="")


def join_path(base: str, name: object) -> str:
    """``base`` + ``/`` + the quoted ``name``."""
    return f"{base}/{quote_segment(name)}"


def name_from_url(url: str) -> str:
    """``/1.0/instances/my%20c1?project=p`` → ``my c1``: the object a URL names."""
    return unquote(url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1])


def attribute_segment(name: str) -> str:
    """``client.api.storage_pools`` → ``storage-pools``: LXD paths use dashes, never underscores."""
    return name.replace("_", "-")


def with_query(path: str, params: Params | None) -> str:
    """Append ``params`` (``None`` values dropped, booleans as ``true``/``false``)."""
    if not params:
        return path
    items = [(k, _query_value(v)) for k, v in params.items() if v is not None]
    if not items:
        return path
    separator = "&" if "?" in path else "?"
    return f"{path}{separator}{urlencode(items, safe=',;')}"


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
