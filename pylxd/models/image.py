"""Upstream's ``pylxd.models.image`` path."""

from __future__ import annotations

from pylxd._sync.images.alias import ImageAlias
from pylxd._sync.images.image import Image

__all__ = ["Image", "ImageAlias"]
