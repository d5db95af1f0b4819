# Generated from pylxd/_async/storage/backup.py by tools/unasync.py: do not edit, edit the source.
"""Volume backups (``volume.backups``): create, export streamed to a file, rename, delete.

A backup is imported as a new volume with ``pool.volumes.create_from_backup(file)``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pylxd._sync.children import BackupExport, ChildCollection, WaitedChild
from pylxd._core.children import timestamp
from pylxd._core.fields import Attribute

if TYPE_CHECKING:
    from pylxd._sync.storage.volume import StorageVolume

__all__ = ["StorageVolumeBackup", "StorageVolumeBackupManager"]


class StorageVolumeBackup(BackupExport["StorageVolume"], WaitedChild["StorageVolume"]):
    """A custom volume's backup (``…/volumes/custom/<volume>/backups/<name>``)."""

    name: Attribute[str] = Attribute(readonly=True)
    created_at: Attribute[str] = Attribute(readonly=True)
    expires_at: Attribute[str | None] = Attribute(timestamp)
    volume_only: Attribute[bool] = Attribute(readonly=True)
    optimized_storage: Attribute[bool] = Attribute(readonly=True)

    _extension = "custom_volume_backup"
    _parent = "volume"

    @property
    def volume(self) -> StorageVolume | None:
        """The volume it is a backup of (``None`` when built without one)."""
        return self.parent


class StorageVolumeBackupManager(ChildCollection[StorageVolumeBackup]):
    """``volume.backups``."""

    model = StorageVolumeBackup
    _child_path = "backups"
    _resource = "backups"

    def create(
        self,
        name: str | None = None,
        expires_at: datetime | str | None = None,
        volume_only: bool = False,
        optimized_storage: bool = False,
        compression_algorithm: str | None = None,
        wait: bool = True,
    ) -> StorageVolumeBackup:
        """Back the volume up as ``name`` (``None``: LXD picks ``backup<N>``).

        Args:
            expires_at: when LXD deletes it (a ``datetime`` or RFC 3339 text).
            volume_only: leave the volume's snapshots out.
            optimized_storage: the driver's own format (restorable on the same driver only).
            compression_algorithm: e.g. ``"gzip"``, ``"none"`` (needs
                ``backup_compression_algorithm``).
            wait: wait for the backup to be made (always when LXD picks the name).
        """
        body: dict[str, Any] = {"volume_only": volume_only, "optimized_storage": optimized_storage}
        return self._create_backup(body, name, wait, expires_at, compression_algorithm)
