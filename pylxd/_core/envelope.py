"""LXD's response envelope: errors mapped to exceptions, metadata and operations read out."""

from __future__ import annotations

from typing import Any

from pylxd._core.response import Response
from pylxd._core.urls import name_from_url
from pylxd.exceptions import LXDAPIException, error_class

__all__ = ["check_response", "etag_of", "metadata", "operation_id", "response_operation"]


def check_response(response: Response) -> Response:
    """Return ``response`` if it succeeded, else raise the matching :class:`LXDAPIException`."""
    response.raise_for_status()
    return response


def metadata(response: Response) -> Any:
    """The ``metadata`` of a sync or async envelope.

    Raises:
        LXDAPIException: the body is not an LXD envelope, or it is an error envelope sent
            with a success status (Incus does that on ``/wait``).
    """
    try:
        body = response.json()
    except ValueError as exc:
        raise LXDAPIException(response, f"not an LXD response: {response.text[:200]!r}") from exc
    if not isinstance(body, dict) or ("metadata" not in body and body.get("type") != "error"):
        raise LXDAPIException(response, f"not an LXD response: {response.text[:200]!r}")
    if body.get("type") == "error":
        code = body.get("error_code")
        status = code if isinstance(code, int) else response.status_code
        error = str(body.get("error") or "")
        raise error_class(status, error)(response, status_code=status)
    return body["metadata"]


def operation_id(operation: str) -> str:
    """``/1.0/operations/<id>[?…]`` (or a bare id) → ``<id>``."""
    return name_from_url(operation)


def response_operation(response: Response) -> str | None:
    """The operation URL of an async (202) response, or ``None`` for a sync one."""
    try:
        body = response.json()
    except ValueError:
        return None
    if isinstance(body, dict) and body.get("type") == "async":
        op = body.get("operation")
        return str(op) if op else None
    return None


def etag_of(response: Response) -> str | None:
    """The ``ETag`` LXD sent with an object (``None`` when the resource has none)."""
    return response.headers.get("ETag") or None
