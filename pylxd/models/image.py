"""Upstream's ``pylxd.models.image`` path."""

from __future__ import annotations

from pylxd._sync.image import Image
from pylxd._sync.image_alias import ImageAlias

__all__ = ["Image", "ImageAlias"]
