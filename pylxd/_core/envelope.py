"""LXD's response envelope: errors mapped to exceptions, metadata and operations read out.

An answer is checked here, once, against the shape LXD's API promises (an object, a list
of objects, a list of URLs): a wrong shape is a :class:`MalformedResponse` that says what
was expected, where, and what came, never an ``AttributeError`` deep in a model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from pylxd._core.response import Response
from pylxd._core.urls import is_name, name_from_url
from pylxd.exceptions import MalformedResponse, error_class

__all__ = [
    "check_response",
    "etag_of",
    "expect",
    "json_kind",
    "malformed",
    "metadata",
    "metadata_field",
    "metadata_list",
    "metadata_object",
    "operation_metadata",
    "operation_id",
    "response_operation",
    "server_info",
    "websocket_secrets",
]

_KINDS = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number"}


def json_kind(value: Any) -> str:
    """What a JSON value is, in JSON's words (``an object``, ``a list``, ``null``)."""
    if value is None:
        return "null"
    for kind, words in _KINDS.items():
        if isinstance(value, kind):
            return words
    return "a number" if isinstance(value, float) else type(value).__name__


def malformed(response: Response | None, expected: str, got: Any) -> MalformedResponse:
    """``GET``'s answer at ``/1.0/x``: expected …, got …"""
    where = urlsplit(response.url).path if response is not None and response.url else ""
    prefix = f"{where}: " if where else ""
    return MalformedResponse(response, f"{prefix}expected {expected}, got {json_kind(got)}")


def expect(response: Response | None, value: Any, kind: type, expected: str) -> Any:
    """``value`` if it is a ``kind``, else a :class:`MalformedResponse` (``expected``
    says what, for the message)."""
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise malformed(response, expected, value)
    return value


def check_response(response: Response) -> Response:
    """Return ``response`` if it succeeded, else raise the matching :class:`LXDAPIException`."""
    response.raise_for_status()
    return response


def metadata(response: Response) -> Any:
    """The ``metadata`` of a sync or async envelope.

    Raises:
        MalformedResponse: the body is not an LXD envelope.
        LXDAPIException: it is an error envelope sent with a success status (Incus does
            that on ``/wait``).
    """
    try:
        body = response.json()
    except ValueError as exc:
        raise MalformedResponse(response, f"not an LXD response: {response.text[:200]!r}") from exc
    if not isinstance(body, dict) or ("metadata" not in body and body.get("type") != "error"):
        raise MalformedResponse(response, f"not an LXD response: {response.text[:200]!r}")
    if body.get("type") == "error":
        code = body.get("error_code")
        status = code if isinstance(code, int) else response.status_code
        error = str(body.get("error") or "")
        raise error_class(status, error)(response, status_code=status)
    return body["metadata"]


def metadata_object(response: Response, expected: str = "an object") -> dict[str, Any]:
    """The ``metadata``, which must be an object."""
    value: dict[str, Any] = expect(response, metadata(response), dict, expected)
    return value


def metadata_list(response: Response, items: type = dict) -> list[Any]:
    """The ``metadata``, a list (``null`` reads as empty: LXD 5.0 sends it for nothing)
    whose items are all ``items`` (``dict``: objects, ``str``: URLs or names)."""
    value = metadata(response)
    if value is None:
        return []
    what = "a list of objects" if items is dict else "a list of strings"
    expect(response, value, list, what)
    for item in value:
        expect(response, item, items, what)
    return list(value)


def operation_metadata(response: Response) -> dict[str, Any]:
    """An async answer's operation (``{}`` when the answer carries none)."""
    value = metadata(response)
    if value is None:
        return {}
    operation: dict[str, Any] = expect(response, value, dict, "an operation (an object)")
    return operation


def metadata_field(response: Response, path: str, kind: type) -> Any:
    """``metadata[a][b]…`` for ``path`` ``"a.b"``: each step an object, the value a ``kind``."""
    value = metadata(response)
    expected = f"an object with {path!r} ({_KINDS.get(kind, kind.__name__)})"
    for key in path.split("."):
        value = expect(response, value, dict, expected).get(key)
    return expect(response, value, kind, expected)


def websocket_secrets(response: Response, names: tuple[str, ...]) -> dict[str, str]:
    """The secrets of an exec's or a console's websockets (the operation's
    ``metadata.fds``): one string for each of ``names`` (``"0"``, ``"control"``, …)."""
    fds: dict[str, Any] = metadata_field(response, "metadata.fds", dict)
    expected = f"websocket secrets for {', '.join(names)} (strings)"
    return {name: expect(response, fds.get(name), str, expected) for name in names}


def server_info(response: Response) -> dict[str, Any]:
    """``GET /1.0``'s metadata: an object whose ``environment`` (if any) is an object and
    ``api_extensions`` (if any) a list of strings, as the client reads them."""
    info = metadata_object(response, "the server's description (an object)")
    if info.get("environment") is not None:
        expect(response, info["environment"], dict, "an object as 'environment'")
    extensions = info.get("api_extensions")
    if extensions is not None:
        expected = "a list of strings as 'api_extensions'"
        for name in expect(response, extensions, list, expected):
            expect(response, name, str, expected)
    return info


def operation_id(operation: str) -> str:
    """``/1.0/operations/<id>[?…]`` (or a bare id) → ``<id>``.

    Raises:
        TypeError: ``operation`` is not a string.
    """
    if not isinstance(operation, str):
        raise TypeError(f"an operation id must be a string, not {type(operation).__name__}")
    return name_from_url(operation)


def response_operation(response: Response) -> str | None:
    """The operation URL of an async (202) response, or ``None`` for a sync one.

    Raises:
        MalformedResponse: an async envelope whose ``operation`` is not a URL.
    """
    try:
        body = response.json()
    except ValueError:
        return None
    if isinstance(body, Mapping) and body.get("type") == "async":
        op = body.get("operation")
        if not isinstance(op, str) or not is_name(operation_id(op)):
            raise malformed(response, "an operation URL in an async answer", op)
        return op
    return None


def etag_of(response: Response) -> str | None:
    """The ``ETag`` LXD sent with an object (``None`` when the resource has none)."""
    return response.headers.get("ETag") or None
