"""Operation rules: final states, default waits, names read from an operation's resources."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from pylxd._core.envelope import malformed
from pylxd._core.urls import name_from_url

__all__ = [
    "DEFAULT_OPERATION_TIMEOUT",
    "is_final",
    "is_success",
    "resource_name",
    "server_wait_seconds",
    "websocket_path",
]

#: How long ``wait()`` waits for an operation when no timeout is given (seconds).
DEFAULT_OPERATION_TIMEOUT = 3600.0

_SUCCESS = 200  # LXD's status codes: < 200 still going, 200 success, >= 400 failure/cancelled


def websocket_path(version: str, operation: str, secret: str) -> str:
    """The path of one of an operation's websockets (exec, console): the operation's id
    (``operation`` may be its URL) and the secret LXD gave for that socket."""
    return f"/{version}/operations/{name_from_url(operation)}/websocket?secret={secret}"


def is_final(status_code: int | None) -> bool:
    return status_code is not None and status_code >= _SUCCESS


def is_success(status_code: int | None) -> bool:
    return status_code == _SUCCESS


def server_wait_seconds(timeout: float | None) -> int:
    """The ``?timeout=`` of ``/wait``: whole seconds, at least one."""
    seconds = DEFAULT_OPERATION_TIMEOUT if timeout is None else timeout
    return max(1, math.ceil(seconds))


def resource_name(operation: Mapping[str, Any], kind: str) -> str | None:
    """The name of the first ``kind`` resource (``/1.0/instances/c1`` → ``c1``).

    Raises:
        MalformedResponse: ``resources`` is not an object of lists of URLs.
    """
    expected = "an operation's resources (an object of lists of URLs)"
    resources = operation.get("resources") or {}
    if not isinstance(resources, Mapping):
        raise malformed(None, expected, resources)
    urls = resources.get(kind) or []
    if not isinstance(urls, list) or not all(isinstance(url, str) for url in urls):
        raise malformed(None, expected, urls)
    if not urls:
        return None
    return name_from_url(urls[0])
