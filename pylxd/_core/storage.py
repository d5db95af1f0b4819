"""Storage rules: volume keys (a volume's snapshots and backups follow ``_core/children.py``)."""

from __future__ import annotations

__all__ = ["volume_key"]


def volume_key(type_or_name: str, name: str | None = None) -> tuple[str, str]:
    """``("custom", "v")`` from ``("custom", "v")`` (the docs' spelling) or from ``("v",)``."""
    if name is None:
        return "custom", type_or_name
    return type_or_name, name
