"""The base of every model: fetch, save, delete, and waiting on what they start."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pylxd._async.api import APINode
from pylxd._core.envelope import etag_of, malformed, metadata_object, response_operation
from pylxd._core.fields import FieldModel
from pylxd._core.response import Response
from pylxd._core.urls import is_name
from pylxd._drivers.aio.flavour import Call, LazyLoad, Step
from pylxd.exceptions import ConcurrentModification, NotFound, OperationFailed, OperationTimeout

if TYPE_CHECKING:
    from pylxd._async.client import Client
    from pylxd._async.operation import Operation

__all__ = ["Model"]

ModelT = TypeVar("ModelT", bound="Model")
WriteT = TypeVar("WriteT")


class Model(LazyLoad, FieldModel):
    """An object on the server.

    Build one from the server's data with ``Model(client, **fields)``. Assigning a field,
    or editing a dict field in place, makes it ``dirty``; ``save()`` sends it,
    ``rollback()`` discards it.
    """

    NotFound = NotFound

    #: Writable fields the server's ETag does not cover (measured on LXD 5.0.2 and Incus
    #: 6.0.4): someone else's change to one is seen only by reading, so ``save()`` reads
    #: first (one ``GET``) instead of trusting the ETag alone.
    _etag_misses: ClassVar[tuple[str, ...]] = ()

    def __init__(self, client: Client, **values: Any) -> None:
        self.client = client
        #: The ETag of the server's object as last read (``None``: not known).
        self._etag: str | None = None
        #: A ``save(wait=False)`` whose operation has not been seen to succeed, and its body.
        self._pending: tuple[Operation, dict[str, Any]] | None = None
        super().__init__(**values)

    @classmethod
    def _url_field(cls) -> str | None:
        """The field that names the object in its URL (checked in the server's data)."""
        return None

    @classmethod
    def _from_server(
        cls: type[ModelT],
        client: Client,
        data: Mapping[str, Any],
        *,
        etag: str | None = None,
        **init: Any,
    ) -> ModelT:
        """A complete object from the server's data (``save()`` then needs no fetch first),
        with the ETag of the ``GET`` that returned it (none in a listing).

        Raises:
            MalformedResponse: ``data`` is not an object (callers that hold the response
                check it first, naming its URL), or the field that names the object in its
                URL is missing, not a string, or a path (``..``).
        """
        if not isinstance(data, Mapping):
            raise malformed(None, f"{cls.__name__} data as an object", data)
        field = cls._url_field()
        if field is not None and not is_name(data.get(field)):
            # It goes into the object's URLs: a missing one would be sent as "None".
            raise malformed(None, f"{cls.__name__} data with a {field!r}", data.get(field))
        obj = cls(client, **init)
        obj._apply(data, complete=True)
        obj._etag = etag
        return obj

    @classmethod
    def _from_response(
        cls: type[ModelT], client: Client, response: Response, **init: Any
    ) -> ModelT:
        """A complete object from a ``GET`` of it: its data and its ETag."""
        return cls._from_server(client, metadata_object(response), etag=etag_of(response), **init)

    @property
    def api(self) -> APINode:
        """This object's node in ``client.api``."""
        raise NotImplementedError

    def _identity_value(self, key: str) -> Any:
        if key == "project":  # never None beside 'default': where its requests go
            return self._raw_attr(key) or self._home_project()
        return self._raw_attr(key)

    def _home_project(self) -> str:
        """The project of an object whose data does not name it (a sparse object, or LXD
        5.0, which leaves ``project`` out of images): the client's."""
        return self.client.project or "default"

    async def sync(self, rollback: bool = False) -> None:
        """Fetch the object. Local edits (assigned or in place) survive unless ``rollback``."""
        response = await self.api.get()
        self._apply(metadata_object(response), complete=True, rollback=rollback)
        self._etag = etag_of(response)
        if rollback:
            self._pending = None  # the edits it was saving are gone

    async def rollback(self) -> None:
        """Discard local edits: fetch the object as the server has it."""
        await self.sync(rollback=True)

    async def save(self, wait: bool = False, force: bool = False) -> Operation | None:
        """Send every writable field (``PUT``), unless someone changed the object meanwhile.

        Every local edit is sent, assigned or made in place. A sparse object (from
        ``create()`` without ``wait``, ``all(recursion=0)``) is fetched first, keeping the
        edits, so that the ``PUT`` never blanks what it lacks.

        **No lost update.** The ``PUT`` carries ``If-Match`` with the ETag of the last
        read (an object from ``get()`` or ``sync()`` has it: no extra request), so LXD
        refuses it if the object changed since. An object with no ETag (from ``all()``,
        whose listing carries none; after a previous ``save()``, whose answer carries
        none; a resource whose ``GET`` has none, e.g. storage pools on LXD 5.0) is read
        again first (one ``GET``): if its writable fields are no longer what this object
        read or saved, nothing is sent. Either way :class:`ConcurrentModification` is
        raised, with ``current`` (the server's object now) and ``pending`` (the edits not
        saved), and the object keeps its edits. ``force=True`` overwrites: no check,
        no ``If-Match``.

        **Operations.** Where LXD applies the change in a background operation
        (instances), ``save()`` returns it (``None`` when LXD answered at once). With
        ``wait`` it is waited on (its failure raised). Without, the object stays ``dirty``
        and ``pending_save`` is the operation until it is seen to succeed: waiting on the
        returned operation (``operation.wait()``) marks the object saved, or raises LXD's
        refusal (the edits kept). A later ``save()`` first waits for a pending one.

        Raises:
            ConcurrentModification: the object changed on the server since it was read.
            LXDAPIException: LXD refused the values (its message).
        """
        await self._settle_pending()
        just_read = not self._loaded
        if just_read:
            await self.sync()
        body = self.marshall()
        if force:
            response = await self.api.put(json=body)
        else:
            response, body = await self._guarded_put(body, just_read)
        self._etag = None  # LXD's answer to a write carries no ETag: unknown until read
        operation = response_operation(response)
        if operation is None:
            self._mark_clean(body)
            return None
        return await self._track(operation, body, self._waits(wait))

    async def _guarded_put(
        self, body: dict[str, Any], just_read: bool
    ) -> tuple[Response, dict[str, Any]]:
        """``PUT`` ``body`` with ``If-Match``: the ETag held (if it covers every field, or
        was ``just_read``), else that of a read showing no change; returns LXD's answer
        and the body sent."""
        sent = body

        async def check() -> str | None:
            nonlocal sent
            response = await self.api.get()
            data = metadata_object(response)
            changed = self._changed_on_server(data)
            if changed:
                reason = f"changed on the server since it was read ({', '.join(changed)})"
                raise await self._conflict(reason, body, response, current=data)
            sent = self._with_server_keys_of(body, data)
            return etag_of(response)

        async def put(headers: dict[str, str] | None) -> Response:
            return await self.api.put(json=sent, headers=headers)

        etag = self._etag if just_read or not self._etag_misses else None
        response = await self._write_guarded(put, check, body, etag)
        return response, sent

    async def _write_guarded(
        self,
        write: Step[WriteT],
        check: Call[str | None],
        pending: dict[str, Any],
        etag: str | None,
    ) -> WriteT:
        """``write(headers)`` under ``If-Match``: ``etag``, else the one ``check()`` returns
        (it reads the object and raises :class:`ConcurrentModification` if what is being
        written changed). LXD refusing the ETag (someone wrote, or the server moved a key
        of its own, e.g. on a start) means one more ``check()`` and try."""
        refusal: ConcurrentModification | None = None
        for _ in range(2):
            if etag is None:
                try:
                    etag = await check()
                except ConcurrentModification as conflict:
                    if refusal is not None:  # LXD's own words too
                        conflict.error = f"{conflict.error} (LXD: {refusal.error})"
                    raise
            try:
                return await write({"If-Match": etag} if etag else None)
            except ConcurrentModification as exc:
                etag, refusal = None, exc
        raise await self._conflict("it keeps changing", pending, None)

    async def _conflict(
        self,
        reason: str,
        body: dict[str, Any],
        response: Response | None,
        current: dict[str, Any] | None = None,
    ) -> ConcurrentModification:
        """The error of a refused save: the server's object now (read if not given) and
        the edits that were not saved."""
        if current is None:
            try:
                current = metadata_object(await self.api.get())
            except NotFound:
                current = None  # deleted meanwhile
        what = " ".join([type(self).__name__, *(repr(v) for v in self._identity_values())])
        return ConcurrentModification(
            response,
            f"{what} not saved: {reason}; sync() and save() again to keep both sides, "
            "or save(force=True) to overwrite",
            status_code=412,
            current=current,
            pending=self._pending_changes(body),
        )

    async def _track(self, operation: str, body: dict[str, Any], wait: bool) -> Operation:
        """The operation a save started: the object is saved once it is seen to succeed."""
        op = self.client.operations.handle(operation)
        self._pending = (op, body)
        op._on_end = self._save_ended
        if wait:
            await op.wait()
        return op

    def _save_ended(self, operation: Operation, succeeded: bool) -> None:
        """A save's operation ended (seen by ``wait()``): on success the object is saved;
        on failure it keeps its edits (the server kept its values)."""
        if self._pending is None or self._pending[0] is not operation:
            return  # rolled back, or another save since
        body = self._pending[1]
        self._pending = None
        if succeeded:
            self._mark_saved(body)

    async def _settle_pending(self) -> None:
        """Wait for a pending ``save(wait=False)``: its failure leaves the edits to resend.
        LXD forgets an ended operation after a few seconds: then the object is read, and
        saved if the server holds what that save sent."""
        if self._pending is None:
            return
        operation = self._pending[0]
        try:
            await operation.wait()
        except OperationTimeout:
            raise  # still running: still pending
        except OperationFailed:
            pass  # the server kept its values; the edits stay, to be sent again
        except NotFound:
            # Forgotten: the server says whether it holds what that save sent.
            sent = self._pending[1]
            self._pending = None
            if not self._changed_on_server(metadata_object(await self.api.get()), sent):
                self._mark_saved(sent)

    @property
    def pending_save(self) -> Operation | None:
        """The operation of a ``save(wait=False)`` not yet seen to succeed (the object is
        ``dirty`` until then), or ``None``."""
        return None if self._pending is None else self._pending[0]

    async def delete(self, wait: bool = False) -> None:
        """Delete the object on the server; with ``wait``, wait for the operation."""
        response = await self.api.delete()
        await self._wait_if(response, wait)

    async def post(self, json: Any = None, wait: bool = False) -> Response:
        """``POST`` to the object's path."""
        response = await self.api.post(json=json)
        await self._wait_if(response, wait)
        return response

    async def raw_put(self, put_object: dict[str, Any], wait: bool = False) -> Response:
        """``PUT`` ``put_object`` without reading the object back."""
        response = await self.api.put(json=put_object)
        await self._wait_if(response, wait)
        return response

    async def raw_patch(self, patch_object: dict[str, Any], wait: bool = False) -> Response:
        """``PATCH`` ``patch_object`` without reading the object back."""
        response = await self.api.patch(json=patch_object)
        await self._wait_if(response, wait)
        return response

    async def put(self, put_object: dict[str, Any], wait: bool = False) -> None:
        """Replace the object with ``put_object``, then read it back."""
        await self.raw_put(put_object, wait)
        await self.sync(rollback=True)

    async def patch(self, patch_object: dict[str, Any], wait: bool = False) -> None:
        """Merge ``patch_object`` into the object, then read it back."""
        await self.raw_patch(patch_object, wait)
        await self.sync(rollback=True)

    async def _wait_if(self, response: Response, wait: bool) -> Operation | None:
        """After a write of ours (its ETag is then stale): wait for the operation
        ``response`` started, if any and if asked."""
        self._etag = None
        operation = response_operation(response)
        if operation is None or not self._waits(wait):
            return None
        return await self.client.operations.wait_for_operation(operation)

    def _waits(self, wait: bool) -> bool:
        """Whether a write waits for its operation (``wait``, unless the resource says)."""
        return wait
