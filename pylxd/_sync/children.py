# Generated from pylxd/_async/children.py by tools/unasync.py: do not edit, edit the source.
"""Objects that live under another object and may be named by the server: an instance's
or a volume's snapshots and backups."""

from __future__ import annotations

from datetime import datetime
from typing import IO, Any, ClassVar, TypeVar

from pylxd._sync.api import APINode
from pylxd._sync.collection import Collection, NamedModel
from pylxd._core.envelope import metadata, response_operation
from pylxd._core.operations import resource_name
from pylxd._core.storage import timestamp
from pylxd.exceptions import LXDAPIException

__all__ = ["ChildCollection", "download"]

ChildT = TypeVar("ChildT", bound=NamedModel)


class ChildCollection(Collection[ChildT]):
    """A collection whose ``create`` may leave the name to the server."""

    #: The key of an operation's ``resources`` that may name a new child.
    _resource: ClassVar[str]

    def _create_child(self, body: dict[str, Any], name: str | None, wait: bool) -> ChildT:
        """Create a child called ``name``, or let LXD name it (then always wait: only then
        is the name sure to be known)."""
        if name is not None:
            return self._create({**body, "name": name}, name, wait)
        # The operation names the new child on Incus, not always on LXD 5.0: compare lists.
        before = set(self.names())
        response = self._node.post(json=body)
        name = resource_name(metadata(response) or {}, self._resource)
        operation = response_operation(response)
        if operation is not None:
            self._client.operations.wait_for_operation(operation)
        if name is None:
            new = set(self.names()) - before
            if len(new) != 1:
                raise LXDAPIException(response, "cannot tell what LXD called the new object")
            name = new.pop()
        return self.get(name)

    def _create_backup(
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
        return self._create_child(body, name, wait)


def download(node: APINode, target: IO[bytes], chunk_size: int) -> int:
    """Write what ``GET node`` answers (a backup's tarball) to ``target`` as it arrives
    (constant memory); returns the number of bytes written."""
    written = 0
    with node.stream() as stream:
        for chunk in stream.iter_bytes(chunk_size):
            target.write(chunk)
            written += len(chunk)
    return written
