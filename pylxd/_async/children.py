"""Objects that live under another object and may be named by the server: an instance's
or a volume's snapshots and backups. One base for the objects (:class:`ChildModel`), one for
their collections (:class:`ChildCollection`), one ``export()`` for both kinds of backup."""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from pylxd._async.api import APINode
from pylxd._async.collection import Collection, NamedModel
from pylxd._async.model import Model
from pylxd._async.transfer import download
from pylxd._core.children import snapshot_values, timestamp
from pylxd._core.envelope import operation_metadata, response_operation
from pylxd._core.operations import resource_name
from pylxd._core.transfer import CHUNK_SIZE, Progress
from pylxd.exceptions import LXDAPIException

if TYPE_CHECKING:
    from pylxd._async.client import Client

__all__ = [
    "BackupExport",
    "ChildCollection",
    "ChildModel",
    "WaitedChild",
    "known_parent",
]

ChildT = TypeVar("ChildT", bound="ChildModel[Any]")
ParentT = TypeVar("ParentT", bound=Model)


class ChildModel(NamedModel, Generic[ParentT]):
    """An object under another one (``parent``: an instance or a volume; each subclass also
    names it as upstream does, ``snapshot.instance``, ``volume_snapshot.volume``), named by
    its own name (LXD says ``parent/name``); ``expires_at`` reads ``None`` when it never
    expires. Two children are equal when their names and their parents are."""

    #: The parent's name as a keyword and in ``repr`` (``instance``, ``volume``).
    _parent: ClassVar[str]

    def __init__(
        self,
        client: Client,
        *,
        collection: APINode | None = None,
        parent: ParentT | None = None,
        **values: Any,
    ) -> None:
        self.parent: ParentT | None = values.pop(self._parent, parent)
        super().__init__(client, collection=collection, **values)

    def _apply(self, data: Mapping[str, Any], *, complete: bool, rollback: bool = False) -> None:
        super()._apply(snapshot_values(data), complete=complete, rollback=rollback)

    def _identity_values(self) -> tuple[Any, ...]:
        parent = self.parent._identity_values() if self.parent is not None else None
        return (self._raw_attr("name"), parent)


def known_parent(parent: ParentT | None) -> ParentT:
    """A child's parent, which upstream's spellings (``snapshot.instance``) promise."""
    if parent is None:
        raise TypeError("this object was built without its parent: reach it through the parent")
    return parent


class WaitedChild(ChildModel[ParentT]):
    """A child whose renames and deletes wait for their operation unless told not to (a
    volume's: the next call would race them)."""

    async def rename(self: ChildT, new_name: str, wait: bool = True) -> ChildT:
        """Rename it; waits for the operation with ``wait``. Returns it, renamed."""
        return await super().rename(new_name, wait)

    async def delete(self, wait: bool = True) -> None:
        """Delete it; waits for the operation with ``wait``."""
        await super().delete(wait)


class BackupExport(ChildModel[ParentT]):
    """A backup's download, the same for an instance's and a volume's."""

    async def export(
        self,
        to: IO[bytes] | str | os.PathLike[str] | None = None,
        chunk_size: int = CHUNK_SIZE,
        *,
        progress: Progress | None = None,
    ) -> Any:
        """Download the backup tarball.

        Args:
            to: a binary file object or a path: the tarball is written to it as it
                arrives (constant memory) and the number of bytes is returned. ``None``
                returns the whole tarball as ``bytes``.
            progress: called with ``(done, total)`` bytes as the tarball arrives (``total``
                ``None`` when LXD does not say), e.g. a :class:`pylxd.progress.ProgressBar`.
        """
        if to is None and progress is None:
            return (await self.api.export.get(limit=False)).content
        if to is None:
            buffer = io.BytesIO()
            await download(self.api.export, buffer, chunk_size, progress)
            return buffer.getvalue()
        if isinstance(to, (str, os.PathLike)):
            with open(to, "wb") as f:
                return await download(self.api.export, f, chunk_size, progress)
        return await download(self.api.export, to, chunk_size, progress)


class ChildCollection(Collection[ChildT]):
    """The snapshots or the backups of one object (``parent``); ``create`` may leave the
    name to the server."""

    #: The ``client.api`` attribute under the parent (``snapshots``, ``backups``).
    _child_path: ClassVar[str]
    #: The key of an operation's ``resources`` that may name a new child.
    _resource: ClassVar[str]

    def __init__(self, client: Client, parent: Model) -> None:
        self.parent = parent
        super().__init__(client, self.model, getattr(parent.api, self._child_path))

    def _init(self, data: Mapping[str, Any], node: APINode) -> dict[str, Any]:
        return {"collection": node, "parent": self.parent}

    async def _create_child(self, body: dict[str, Any], name: str | None, wait: bool) -> ChildT:
        """Create a child called ``name``, or let LXD name it (then always wait: only then
        is the name sure to be known)."""
        if name is not None:
            return await self._create({**body, "name": name}, name, wait)
        # The operation names the new child on Incus, not always on LXD 5.0: compare lists.
        before = set(await self.names())
        response = await self._node.post(json=body)
        name = resource_name(operation_metadata(response), self._resource)
        operation = response_operation(response)
        if operation is not None:
            await self._client.operations.wait_for_operation(operation)
        if name is None:
            new = set(await self.names()) - before
            if len(new) != 1:
                raise LXDAPIException(response, "cannot tell what LXD called the new object")
            name = new.pop()
        return await self.get(name)

    async def _create_backup(
        self,
        body: dict[str, Any],
        name: str | None,
        wait: bool,
        expires_at: datetime | str | None,
        compression_algorithm: str | None,
    ) -> ChildT:
        """Create a backup (an instance's or a volume's): ``body`` holds what is the
        resource's own; the expiry and the compression are the same for both."""
        if expires_at is not None:
            body["expires_at"] = timestamp(expires_at)
        if compression_algorithm is not None:
            self._client.assert_has_api_extension("backup_compression_algorithm")
            body["compression_algorithm"] = compression_algorithm
        return await self._create_child(body, name, wait)
