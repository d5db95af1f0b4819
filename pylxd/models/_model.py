"""Upstream's ``pylxd.models._model`` path: the model base and field declarations."""

from __future__ import annotations

from pylxd._core.fields import MISSING, Attribute, AttributeDict
from pylxd._sync.model import Model

__all__ = ["Attribute", "AttributeDict", "MISSING", "Model"]
