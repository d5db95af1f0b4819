# Generated from pylxd/_async/storage/snapshot.py by tools/unasync.py: do not edit, edit the source.
"""Volume snapshots (``volume.snapshots``), and the base they share with volume backups."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pylxd._sync.api import APINode
from pylxd._sync.children import ChildCollection
from pylxd._sync.collection import NamedModel
from pylxd._core.fields import Attribute
from pylxd._core.storage import snapshot_values, timestamp

if TYPE_CHECKING:
    from pylxd._sync.client import Client
    from pylxd._sync.storage.volume import StorageVolume

__all__ = [
    "StorageVolumeSnapshot",
    "StorageVolumeSnapshotManager",
    "VolumeChild",
    "VolumeChildren",
]


ChildT = TypeVar("ChildT", bound="VolumeChild")


class VolumeChild(NamedModel):
    """An object under a volume (a snapshot, a backup): named by its own name (LXD lists
    them as ``vol/name``), ``expires_at`` ``None`` when it never expires, and renames and
    deletes that wait for their operation unless told not to."""

    def __init__(
        self,
        client: Client,
        *,
        collection: APINode | None = None,
        volume: StorageVolume | None = None,
        **values: Any,
    ) -> None:
        self.volume = volume
        super().__init__(client, collection=collection, **values)

    def _apply(self, data: Mapping[str, Any], *, complete: bool, rollback: bool = False) -> None:
        super()._apply(snapshot_values(data), complete=complete, rollback=rollback)

    def rename(self: ChildT, new_name: str, wait: bool = True) -> ChildT:
        """Rename it; waits for the operation with ``wait``. Returns it, renamed."""
        return super().rename(new_name, wait)

    def delete(self, wait: bool = True) -> None:
        """Delete it; waits for the operation with ``wait``."""
        super().delete(wait)


class StorageVolumeSnapshot(VolumeChild):
    """A volume snapshot (``…/volumes/<type>/<volume>/snapshots/<name>``).

    ``description`` and ``expires_at`` (a ``datetime`` or an RFC 3339 string; ``None``:
    never) are saved by ``save()``; ``restore()`` rolls the volume back to it.
    """

    name: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    config: Attribute[dict[str, str]] = Attribute(readonly=True)
    content_type: Attribute[str] = Attribute(readonly=True)
    created_at: Attribute[str] = Attribute(readonly=True)
    expires_at: Attribute[str | None] = Attribute(timestamp)

    _extension = "storage_api_volume_snapshots"

    def restore(self, wait: bool = True) -> None:
        """Roll the volume back to this snapshot."""
        if self.volume is None:
            raise TypeError("this snapshot does not know its volume: use volume.snapshots")
        self.volume.restore_from(self._raw_attr("name"), wait)


class VolumeChildren(ChildCollection[ChildT]):
    """The snapshots or the backups of one volume."""

    #: The ``client.api`` attribute under the volume.
    _child_path: ClassVar[str]

    def __init__(self, volume: StorageVolume) -> None:
        super().__init__(volume.client, node=getattr(volume.api, self._child_path))
        self._volume = volume

    def _init(self, data: Mapping[str, Any], node: APINode) -> dict[str, Any]:
        return {"collection": node, "volume": self._volume}


class StorageVolumeSnapshotManager(VolumeChildren[StorageVolumeSnapshot]):
    """``volume.snapshots``: ``all()``, ``get(name)``, ``exists(name)``, ``names()``,
    ``create(name, expires_at=None)``."""

    model = StorageVolumeSnapshot
    _child_path = "snapshots"
    _resource = "storage_volume_snapshots"

    def create(
        self,
        name: str | None = None,
        expires_at: datetime | str | None = None,
        wait: bool = True,
    ) -> StorageVolumeSnapshot:
        """Snapshot the volume as ``name`` (``None``: LXD picks ``snap<N>``), expiring at
        ``expires_at`` (a ``datetime`` or RFC 3339 text; needs
        ``custom_volume_snapshot_expiry``). Waits for the snapshot with ``wait`` (always
        when LXD picks the name).

        Raises:
            Conflict: a snapshot with that name exists.
        """
        body: dict[str, Any] = {}
        if expires_at is not None:
            self._client.assert_has_api_extension("custom_volume_snapshot_expiry")
            body["expires_at"] = timestamp(expires_at)
        return self._create_child(body, name, wait)
