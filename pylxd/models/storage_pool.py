"""Upstream's ``pylxd.models.storage_pool`` path."""

from __future__ import annotations

from pylxd._sync.storage_pool import StoragePool, StorageResources
from pylxd._sync.storage_snapshot import StorageVolumeSnapshot
from pylxd._sync.storage_volume import StorageVolume

__all__ = ["StoragePool", "StorageResources", "StorageVolume", "StorageVolumeSnapshot"]
