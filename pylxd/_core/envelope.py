"""LXD's response envelope: errors mapped to exceptions, metadata and operations read out."""

from __future__ import annotations

import re
from typing import Any

from pylxd._core.response import Response
from pylxd._core.urls import name_from_url
from pylxd.exceptions import BadRequest, Conflict, Forbidden, InUse, LXDAPIException, NotFound

__all__ = ["check_response", "error_class", "metadata", "operation_id", "response_operation"]

_ERRORS_BY_STATUS: dict[int, type[LXDAPIException]] = {
    400: BadRequest,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
}

# Duplicates LXD (and Incus) refuse with a 500 instead of a 409: LXD 5.0.2 answers a second
# profile of the same name with 500 "The profile already exists"; Incus answers a second
# project with 500 "UNIQUE constraint failed: projects.name".
_CONFLICT_TEXTS = ("already exists", "UNIQUE constraint failed")


# A 400 whose text says so: "The storage pool is currently in use", "The storage volume is
# still in use" (deleting a pool with volumes, a volume attached to a running instance).
_IN_USE = re.compile(r"\bin use\b", re.IGNORECASE)


def error_class(status: int | None, error: str) -> type[LXDAPIException]:
    """The exception for an error envelope: by HTTP status, :class:`InUse` for a 400 saying
    the object is in use, and by LXD's text where LXD reports a duplicate with a generic
    500."""
    cls = _ERRORS_BY_STATUS.get(status or 0, LXDAPIException)
    if cls is BadRequest and _IN_USE.search(error):
        return InUse
    if cls is LXDAPIException and any(text in error for text in _CONFLICT_TEXTS):
        return Conflict
    return cls


def check_response(response: Response) -> Response:
    """Return ``response`` if it succeeded, else raise the matching :class:`LXDAPIException`."""
    if response.status_code < 400:
        return response
    error = LXDAPIException(response)
    raise error_class(response.status_code, error.error)(response, error.error)


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
