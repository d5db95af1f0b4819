"""Upstream's ``pylxd.models.storage_pool`` path."""

from __future__ import annotations

from pylxd._sync.storage.pool import StoragePool, StorageResources
from pylxd._sync.storage.snapshot import StorageVolumeSnapshot
from pylxd._sync.storage.volume import StorageVolume

__all__ = ["StoragePool", "StorageResources", "StorageVolume", "StorageVolumeSnapshot"]
