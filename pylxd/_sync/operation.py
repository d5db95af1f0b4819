# Generated from pylxd/_async/operation.py by tools/unasync.py: do not edit, edit the source.
"""Background operations: fetch, wait (on LXD's ``/wait``, with a timeout), list, cancel."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pylxd._sync.api import APINode
from pylxd._sync.model import Model
from pylxd._core.envelope import expect, metadata_object
from pylxd._core.envelope import operation_id as operation_id_of
from pylxd._core.fields import Attribute
from pylxd._core.logs import OPERATIONS
from pylxd._core.operations import is_final, is_success, server_wait_seconds
from pylxd._core.urls import project_scope
from pylxd.exceptions import (
    LXDAPIException,
    MalformedResponse,
    OperationFailed,
    OperationTimeout,
    TransportTimeout,
    WaitTimeout,
)

if TYPE_CHECKING:
    from pylxd._sync.client import Client

__all__ = ["Operation", "OperationManager", "cancel_quietly"]

# The ``/wait`` request takes the whole server-side wait; HTTP gets this much more: the
# wait's own timeout bounds the call (a server that stalls the wait is a
# ``TransportTimeout`` half a second after it), an hour-long default wait a margin.
_WAIT_GRACE = 0.5
_DEFAULT_WAIT_GRACE = 30.0


class Operation(Model):
    """A background operation (``/1.0/operations/<id>``)."""

    id: Attribute[str] = Attribute(readonly=True)
    class_: Attribute[str] = Attribute(readonly=True, key="class")
    description: Attribute[str] = Attribute(readonly=True)
    created_at: Attribute[str] = Attribute(readonly=True)
    updated_at: Attribute[str] = Attribute(readonly=True)
    status: Attribute[str] = Attribute(readonly=True)
    status_code: Attribute[int] = Attribute(readonly=True)
    resources: Attribute[dict[str, list[str]]] = Attribute(readonly=True)
    metadata: Attribute[dict[str, Any]] = Attribute(readonly=True)
    may_cancel: Attribute[bool] = Attribute(readonly=True)
    err: Attribute[str] = Attribute(readonly=True)
    location: Attribute[str] = Attribute(readonly=True)

    _identity = ("id",)

    @classmethod
    def _url_field(cls) -> str | None:
        return "id"

    #: Told ``(operation, succeeded)`` when ``wait()`` sees it end (a model's save).
    _on_end: Callable[[Operation, bool], None] | None = None

    @property
    def api(self) -> APINode:
        return self.client.api.operations[self._raw_attr("id")]

    @classmethod
    def extract_operation_id(cls, operation: str) -> str:
        """``/1.0/operations/<id>`` (or a bare id) → ``<id>``."""
        return operation_id_of(operation)

    # -- upstream's classmethod spellings: the manager owns the logic -----------------

    @classmethod
    def get(cls, client: Client, operation_id: str) -> Operation:
        """See :meth:`OperationManager.get`."""
        return client.operations.get(operation_id)

    @classmethod
    def all(
        cls, client: Client, project: str | None = None, all_projects: bool = False
    ) -> list[Operation]:
        """See :meth:`OperationManager.all`."""
        return client.operations.all(project, all_projects)

    @classmethod
    def wait_for_operation(
        cls, client: Client, operation_id: str, timeout: float | None = None
    ) -> Operation:
        """See :meth:`OperationManager.wait_for_operation`."""
        return client.operations.wait_for_operation(operation_id, timeout)

    def wait(self, timeout: float | None = None, *, secret: str | None = None) -> bool:
        """Block on LXD's ``/wait`` until the operation ends (at most ``timeout`` seconds,
        an hour by default). ``secret``: the operation's secret, for a client the server
        does not trust (an image uploaded with a one-time secret).

        Raises:
            OperationFailed: it failed or was cancelled.
            OperationTimeout: it was still running when the timeout expired.
            WaitTimeout: the server did not answer the wait half a second after
                ``timeout`` (rounded up to whole seconds: LXD's unit) — it stalled. Both
                an ``OperationTimeout`` and a ``TransportTimeout``.
        """
        seconds = server_wait_seconds(timeout)  # LXD waits whole seconds
        limit = seconds + (_DEFAULT_WAIT_GRACE if timeout is None else _WAIT_GRACE)
        started = time.perf_counter()
        try:
            params = {"timeout": seconds, "secret": secret}
            response = self.api.wait.get(params=params, timeout=limit)
        except TransportTimeout as exc:
            raise WaitTimeout(
                None,
                f"operation {self._raw_attr('id')}: the server did not answer its wait "
                f"within {limit} s (it may still be running)",
            ) from exc
        try:
            self._apply(metadata_object(response, "an operation"), complete=True, rollback=True)
        except MalformedResponse:
            raise
        except LXDAPIException:
            # Incus answers a failed or unfinished wait with an error envelope (and HTTP
            # 200): the operation itself says which it was.
            self.sync(rollback=True)
        code = expect(response, self._raw_attr("status_code"), int, "an operation's status_code")
        if OPERATIONS.isEnabledFor(logging.INFO):
            self._log_waited(time.perf_counter() - started)
        if not is_final(code):
            raise OperationTimeout(
                response, f"operation {self._raw_attr('id')} still running after {seconds} s"
            )
        if self._on_end is not None:
            self._on_end(self, is_success(code))
        if not is_success(code):
            error = self._raw_attr("err") or self._raw_attr("status") or "operation failed"
            raise OperationFailed(response, error, status_code=code)
        return True

    def _log_waited(self, seconds: float) -> None:
        """One INFO line: which operation, how it ended, how long the wait took (never its
        metadata, which holds a token's secret)."""
        error = self._raw_attr("err")
        OPERATIONS.info(
            "waited %.2f s on operation %s (%s): %s%s",
            seconds,
            self._raw_attr("id"),
            self._raw_attr("description") or self._raw_attr("class") or "?",
            self._raw_attr("status") or self._raw_attr("status_code"),
            f": {error}" if error else "",
        )

    def cancel(self) -> None:
        """Cancel the operation (``DELETE``); LXD refuses if it cannot be cancelled."""
        self.api.delete()


class OperationManager:
    """``client.operations``."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def handle(self, operation_id: str) -> Operation:
        """The operation of this id or URL, not fetched (no request: ``wait()`` or
        ``sync()`` fills it)."""
        return Operation(self._client, id=operation_id_of(operation_id))

    def get(self, operation_id: str) -> Operation:
        """Fetch one operation by id or URL."""
        operation = Operation(self._client, id=operation_id_of(operation_id))
        operation.sync()
        return operation

    def all(self, project: str | None = None, all_projects: bool = False) -> list[Operation]:
        """Every operation the server knows (all states) in the client's project, in one
        request; ``project=`` another project's, ``all_projects=True`` every project's
        (LXD's ``operations_get_query_all_projects``)."""
        if all_projects:
            self._client.assert_has_api_extension("operations_get_query_all_projects")
        params = {"recursion": 1, **project_scope(project, all_projects)}
        response = self._client.api.operations.get(params=params)
        expected = "operations by status (an object of lists of objects)"
        by_status = metadata_object(response, expected)
        return [
            Operation._from_server(self._client, expect(response, op, dict, expected))
            for ops in by_status.values()
            for op in expect(response, ops or [], list, expected)
        ]

    def wait_for_operation(
        self, operation_id: str, timeout: float | None = None, *, secret: str | None = None
    ) -> Operation:
        """Wait until the operation ends and return it (see :meth:`Operation.wait`;
        ``secret`` for an untrusted client).

        Raises:
            OperationFailed: it failed or was cancelled (``error`` is the operation's ``err``).
            OperationTimeout: it was still running after ``timeout`` seconds.
        """
        operation = Operation(self._client, id=operation_id_of(operation_id))
        operation.wait(timeout, secret=secret)
        return operation

    def cancel(self, operation_id: str) -> None:
        """Cancel an operation by id or URL."""
        self.handle(operation_id).cancel()

    @staticmethod
    def extract_operation_id(operation: str) -> str:
        """``/1.0/operations/<id>`` (or a bare id) → ``<id>`` (upstream's manager had it)."""
        return Operation.extract_operation_id(operation)

    delete = cancel
    list = all


def cancel_quietly(client: Client, operation: str) -> None:
    """Cancel an operation (id or URL) that may already be over, while another error is
    being raised: that error matters more, so a failure here is swallowed."""
    try:
        client.operations.cancel(operation)
    except Exception:  # noqa: BLE001 - best effort: the error being raised matters more
        pass
