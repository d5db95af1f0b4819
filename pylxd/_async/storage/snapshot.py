"""Volume snapshots (``volume.snapshots``), and the base they share with volume backups."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, overload

from pylxd._async.children import ChildCollection, WaitedChild
from pylxd._core.children import timestamp
from pylxd._core.fields import Attribute

if TYPE_CHECKING:
    from pylxd._async.storage.volume import StorageVolume

__all__ = ["StorageVolumeSnapshot", "StorageVolumeSnapshotManager", "WaitedChild"]


class StorageVolumeSnapshot(WaitedChild["StorageVolume"]):
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
    _parent = "volume"

    @property
    def volume(self) -> StorageVolume | None:
        """The volume it is a snapshot of (``None`` when built without one)."""
        return self.parent

    def _apply(self, data: Mapping[str, Any], *, complete: bool, rollback: bool = False) -> None:
        # LXD 5.0 and Incus list snapshots (recursion=1) with an empty content_type; a
        # snapshot has its volume's (and a snapshot fetched alone says so).
        kind = self.volume._raw_attr("content_type") if self.volume is not None else None
        if data.get("content_type") == "" and kind:
            data = {**data, "content_type": kind}
        super()._apply(data, complete=complete, rollback=rollback)

    async def restore(self, wait: bool = True) -> None:
        """Roll the volume back to this snapshot."""
        if self.volume is None:
            raise TypeError("this snapshot does not know its volume: use volume.snapshots")
        await self.volume.restore_from(self._raw_attr("name"), wait)


class StorageVolumeSnapshotManager(ChildCollection[StorageVolumeSnapshot]):
    """``volume.snapshots``."""

    model = StorageVolumeSnapshot
    _child_path = "snapshots"
    _resource = "storage_volume_snapshots"

    # Old pylxd's signature, not the collections' (project=, all_projects=): a volume's
    # snapshots are in the volume's project, and programs test ``"snap0" in ….all()``.
    @overload  # type: ignore[override]
    async def all(self, use_recursion: Literal[False] = False) -> list[str]: ...
    @overload
    async def all(self, use_recursion: Literal[True]) -> list[StorageVolumeSnapshot]: ...
    async def all(self, use_recursion: bool = False) -> list[str] | list[StorageVolumeSnapshot]:
        """The snapshots' names, as old pylxd lists them; with ``use_recursion=True``, the
        snapshots themselves, complete, in one request."""
        if use_recursion:
            return await super().all()
        return await self.names()

    async def create(
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
        return await self._create_child(body, name, wait)
