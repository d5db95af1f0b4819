"""LXD's response envelope: errors mapped to exceptions, metadata and operations read out."""

from __future__ import annotations

import re
from typing import Any

from pylxd._core.urls import name_from_url
from pylxd._drivers.response import Response
from pylxd.exceptions import BadRequest, Conflict, Forbidden, InUse, LXDAPIException, NotFound

__all__ = ["check_response", "error_class", "metadata", "operation_id"]

_ERRORS_BY_STATUS: dict[int, type[LXDAPIException]] = {
    400: BadRequest,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
}

_IN_USE = re.compile(r"\bin use\b", re.IGNORECASE)


def check_response(response: Response) -> Response:
    """Return ``response`` if it succeeded, else raise the matching :class:`LXDAPIException`."""
    if response.status_code < 400:
        return response
    text = _error_text(response) if response.status_code == 400 else ""
    raise error_class(response.status_code, text)(response)


def _error_text(response: Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text
    return str(body.get("error") or "") if isinstance(body, dict) else ""


def error_class(status: int, text: str) -> type[LXDAPIException]:
    """The exception for an error envelope: by status, and :class:`InUse` for a 400 whose
    text says the object is in use (LXD: "The storage pool is currently in use", "… is
    still in use")."""
    if status == 400 and _IN_USE.search(text):
        return InUse
    return _ERRORS_BY_STATUS.get(status, LXDAPIException)


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
        raise error_class(status, str(body.get("error", "")))(response, status_code=status)
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
