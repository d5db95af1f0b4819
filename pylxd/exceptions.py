"""Every error pylxd raises.

Catch :class:`PylxdError` to catch them all. The tree::

    PylxdError
    ├── LXDAPIException               the server answered with an error (or an operation failed)
    │   ├── BadRequest                HTTP 400: LXD refused the request's content
    │   │   └── InUse                 … because the object is in use (a profile instances
    │   │                             use, a pool with volumes, a volume attached to a
    │   │                             running instance)
    │   ├── NotFound                  HTTP 404
    │   ├── Conflict                  HTTP 409
    │   │   └── ConcurrentModification  HTTP 412: ``save()`` refused, the object changed
    │   │                             on the server since it was read (ETag)
    │   ├── Forbidden                 HTTP 403
    │   ├── MalformedResponse         the answer is not in LXD's shape (not JSON, a list
    │   │                             where objects were expected, a missing key, …;
    │   │                             also a ValueError)
    │   └── OperationFailed           a background operation ended in failure
    │       └── OperationTimeout      an operation did not end within the wait's timeout
    │           └── WaitTimeout       … the server did not even answer the wait (stalled);
    │                                 also a TransportTimeout
    ├── ClientConnectionFailed        the server could not be reached, TLS refused, bad endpoint
    │   ├── EndpointUnreachable       no connection could be made: the request was not sent
    │   ├── InvalidEndpoint           not a socket path or an https:// URL (also a ValueError)
    │   ├── TransportTimeout          the server did not answer in time (the whole call)
    │   ├── ResponseTooLarge          an answer or websocket message over the client's limit
    │   └── IncompleteOutput          a command ended but LXD never finished its output
    ├── LXDAPIExtensionNotAvailable   the server lacks an API extension the call needs
    ├── InvalidName                   a name that cannot be sent: ``""``, ``"."``, ``".."``
    │                                 (also a ValueError; a name that is not a string is
    │                                 a TypeError)
    ├── NotLoadedError                (asyncio) a field was read before ``await obj.sync()``
    ├── UnsafePath                    a pull refused a server's name (``/``, ``..``, NUL, listed
    │                                 twice) or a local entry in its way (also a ValueError)
    └── RemoteConfigError             ``Client.from_remote``: no such remote, a missing
                                      certificate or config file (``path`` names it)

Upstream pylxd's names (``LXDAPIException``, ``NotFound``, ``Conflict``,
``ClientConnectionFailed``, ``LXDAPIExtensionNotAvailable``) are kept.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pylxd._core.response import Response

__all__ = [
    "BadRequest",
    "ClientConnectionFailed",
    "ConcurrentModification",
    "Conflict",
    "EndpointUnreachable",
    "Forbidden",
    "InUse",
    "IncompleteOutput",
    "InvalidEndpoint",
    "InvalidName",
    "LXDAPIException",
    "LXDAPIExtensionNotAvailable",
    "MalformedResponse",
    "NotFound",
    "NotLoadedError",
    "OperationFailed",
    "OperationTimeout",
    "PylxdError",
    "RemoteConfigError",
    "ResponseTooLarge",
    "TransportTimeout",
    "UnsafePath",
    "WaitTimeout",
]


class PylxdError(Exception):
    """The root of every pylxd error."""


class LXDAPIException(PylxdError):
    """The server refused a request, or a background operation failed.

    Attributes:
        response: our :class:`~pylxd._core.response.Response` (``None`` when built by hand).
        status_code: the HTTP status, or the operation's status code.
        error: LXD's own error text (what ``lxc`` would print).
    """

    def __init__(
        self,
        response: Response | None,
        error: str | None = None,
        *,
        status_code: int | None = None,
    ) -> None:
        self.response = response
        self.status_code = status_code if status_code is not None else _status(response)
        self.error = error if error is not None else _error_text(response)
        super().__init__(self.error)

    def __str__(self) -> str:
        return self.error


class BadRequest(LXDAPIException):
    """LXD refused the request's content (HTTP 400): a bad value, a forbidden change."""


class InUse(BadRequest):
    """LXD refused because the object is in use (HTTP 400, or LXD 5.0's 500, saying so):
    deleting a profile instances use, a pool that still holds volumes, or a volume attached
    to a running instance. ``error`` is LXD's text."""


class NotFound(LXDAPIException):
    """The object does not exist (HTTP 404)."""


class Conflict(LXDAPIException):
    """The object already exists or is in the way (HTTP 409)."""


class ConcurrentModification(Conflict):
    """``save()`` was refused: the object changed on the server since it was read.

    LXD refuses a write whose ``If-Match`` ETag is no longer the object's (HTTP 412), and
    ``save()`` refuses one itself when a fresh read shows a change (see ``Model.save``).
    Nothing was written; the object keeps its edits (still ``dirty``). To keep both sides,
    ``sync()`` (the server's values, the local edits replayed on them) and ``save()``
    again; to overwrite, ``save(force=True)``.

    Attributes:
        current: the object as the server has it now (LXD's data, a dict; ``None`` when
            it could not be read, e.g. it was deleted meanwhile).
        pending: the changes that were not saved: ``{field: value}``, the edited fields
            with the values ``save()`` was sending.
    """

    def __init__(
        self,
        response: Response | None,
        error: str | None = None,
        *,
        status_code: int | None = None,
        current: dict[str, Any] | None = None,
        pending: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(response, error, status_code=status_code)
        self.current = current
        self.pending = pending if pending is not None else {}


class Forbidden(LXDAPIException):
    """The client is not allowed to do this (HTTP 403): untrusted or restricted."""


class MalformedResponse(LXDAPIException, ValueError):
    """The server answered, but not in LXD's shape: not JSON, not an envelope, or a value
    of the wrong type where LXD's API promises another (a list of strings where objects
    were expected, an operation without a status, an event that is not an object).
    ``error`` says what was expected, where, and what came instead. Also a
    ``ValueError``, as a bad value from the server."""


class OperationFailed(LXDAPIException):
    """A background operation ended in failure; ``error`` is the operation's ``err``."""


class OperationTimeout(OperationFailed, TimeoutError):
    """An operation was still running when the wait's timeout expired."""


class ClientConnectionFailed(PylxdError):
    """The client could not talk to the server (socket, TLS, endpoint)."""


class EndpointUnreachable(ClientConnectionFailed):
    """No connection could be made (refused, no socket, no route): nothing was sent, so
    the request can safely go to another member of the cluster."""


class InvalidEndpoint(ClientConnectionFailed, ValueError):
    """The endpoint is neither a unix socket path nor an http(s) URL."""


class TransportTimeout(ClientConnectionFailed, TimeoutError):
    """The server did not answer within the client's timeout."""


class ResponseTooLarge(ClientConnectionFailed):
    """An answer read whole (``Client(max_response_size=…)``) or one websocket message
    (``max_message_size=…``) was larger than the client's limit; that connection was
    closed. Streamed transfers (files, images, backups, exec output) have no limit.

    Attributes:
        limit: the limit in bytes that was exceeded.
    """

    def __init__(self, what: str, limit: int) -> None:
        self.limit = limit
        super().__init__(f"{what} is larger than the client's limit of {limit} bytes")


class WaitTimeout(OperationTimeout, TransportTimeout):
    """The server did not answer an operation's wait within the wait's timeout (plus half
    a second): as far as we know the operation is still running, and the server stalled.
    Both an :class:`OperationTimeout` and a :class:`TransportTimeout`."""


class IncompleteOutput(ClientConnectionFailed):
    """A command ended (its operation did) but LXD never ended one of its output streams:
    what was received may be only part of the output.

    Attributes:
        exit_code: the command's exit code (from the operation).
        stdout, stderr: the output received (empty when a handler took it).
        streams: the names of the streams left unfinished (``"stdout"``, ``"stderr"``).
    """

    def __init__(
        self, exit_code: int, stdout: str | bytes, stderr: str | bytes, streams: list[str]
    ) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr
        self.streams = streams
        super().__init__(
            f"the command ended (exit code {exit_code}) but LXD never finished its "
            f"{' and '.join(streams)}: the output received may be incomplete"
        )


class LXDAPIExtensionNotAvailable(PylxdError):
    """The server lacks an API extension this call needs."""

    def __init__(self, name: str, *args: Any) -> None:
        self.name = name
        super().__init__(f"LXD API extension '{name}' is not available", *args)


class InvalidName(PylxdError, ValueError):
    """A name that can never name an object (``""``, ``"."``, ``".."``: in a URL they would
    be read as a path), refused before any request."""


class NotLoadedError(PylxdError):
    """An asyncio model field was read before it was fetched; ``await obj.sync()`` first."""


class UnsafePath(PylxdError, ValueError):
    """A transfer refused a path: a name the server listed that is not a plain name (empty,
    ``.``, ``..``, with ``/`` or NUL) or that it listed twice, or a local entry a pull would
    have to go through or destroy (a directory where the server has a file). Nothing is
    written outside the destination. ``path`` is the path concerned."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class RemoteConfigError(PylxdError):
    """``Client.from_remote()``: the ``lxc``/``incus`` configuration has no such remote, a
    file it needs is missing or unreadable, or the remote is not an LXD/Incus server.

    Attributes:
        path: the file at fault (the ``config.yml``, or the missing certificate).
    """

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        super().__init__(message)


def _status(response: Response | None) -> int | None:
    return None if response is None else response.status_code


def _error_text(response: Response | None) -> str:
    """LXD's own message: the operation's ``err``, the envelope's ``error``, else the body."""
    if response is None:
        return "unknown error"
    try:
        body = response.json()
    except ValueError:
        return response.text.strip() or f"HTTP {response.status_code}"
    if isinstance(body, dict):
        metadata = body.get("metadata")
        if isinstance(metadata, dict) and metadata.get("err"):
            return str(metadata["err"])
        if body.get("error"):
            return str(body["error"])
    return str(body)


# -- which class an error envelope raises --------------------------------------------------

_ERRORS_BY_STATUS: dict[int, type[LXDAPIException]] = {
    400: BadRequest,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    412: ConcurrentModification,
}

# Duplicates LXD (and Incus) refuse with a 500 instead of a 409: LXD 5.0.2 answers a second
# profile of the same name with 500 "The profile already exists"; Incus answers a second
# project with 500 "UNIQUE constraint failed: projects.name".
_CONFLICT_TEXTS = ("already exists", "UNIQUE constraint failed")


# A 400 whose text says so: "The storage pool is currently in use", "The storage volume is
# still in use" (deleting a pool with volumes, a volume attached to a running instance);
# LXD 5.0 answers "Profile is currently in use" with a generic 500 (other 500s that
# mention a use, "Disk in use by another process", are the server's own trouble).
_IN_USE = re.compile(r"\bin use\b", re.IGNORECASE)
_IN_USE_500 = re.compile(r"\bis currently in use\b", re.IGNORECASE)


def error_class(status: int | None, error: str) -> type[LXDAPIException]:
    """The exception for an error envelope: by HTTP status, :class:`InUse` for a 400 saying
    the object is in use, and by LXD's text where LXD reports a duplicate with a generic
    500."""
    cls = _ERRORS_BY_STATUS.get(status or 0, LXDAPIException)
    if cls is BadRequest and _IN_USE.search(error):
        return InUse
    if cls is LXDAPIException and _IN_USE_500.search(error):
        return InUse
    if cls is LXDAPIException and any(text in error for text in _CONFLICT_TEXTS):
        return Conflict
    return cls
