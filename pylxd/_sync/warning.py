# Generated from pylxd/_async/warning.py by tools/unasync.py: do not edit, edit the source.
"""Warnings the server raised about itself (``/1.0/warnings``): ``client.warnings``."""

from __future__ import annotations

from pylxd._sync.api import APINode
from pylxd._sync.collection import Collection, NamedModel
from pylxd._core.fields import Attribute

__all__ = ["ServerWarning", "WarningManager"]


class ServerWarning(NamedModel):
    """A server warning (``/1.0/warnings/<uuid>``; LXD's ``warnings`` extension).

    ``acknowledge()`` hides it from ``lxc warning list``; ``delete()`` forgets it (LXD
    raises it again if the cause recurs). Named so as not to shadow Python's ``Warning``.
    """

    uuid: Attribute[str] = Attribute(readonly=True)
    status: Attribute[str] = Attribute()
    type: Attribute[str] = Attribute(readonly=True)
    severity: Attribute[str] = Attribute(readonly=True)
    count: Attribute[int] = Attribute(readonly=True)
    first_seen_at: Attribute[str] = Attribute(readonly=True)
    last_seen_at: Attribute[str] = Attribute(readonly=True)
    last_message: Attribute[str] = Attribute(readonly=True)
    location: Attribute[str] = Attribute(readonly=True)
    project: Attribute[str] = Attribute(readonly=True)
    entity_url: Attribute[str] = Attribute(readonly=True)

    _collection_path = "warnings"
    _name_field = "uuid"
    _identity = ("uuid",)
    # LXD lists every project's warnings unless asked for one project's.
    _all_projects_extension = "warnings"

    @property
    def api(self) -> APINode:
        # Addressed by its uuid alone: ``project`` says what it is about, not where it is.
        collection = self._collection or self.collection_node(self.client)
        return collection[self._raw_attr("uuid")]

    def acknowledge(self) -> None:
        """Mark the warning acknowledged (``PUT {"status": "acknowledged"}``)."""
        self.status = "acknowledged"
        self.save(force=True)  # a status flip, not an edit: nothing to lose

    def reset(self) -> None:
        """Mark the warning new again (undoes :meth:`acknowledge`)."""
        self.status = "new"
        self.save(force=True)


class WarningManager(Collection[ServerWarning]):
    """``client.warnings``: ``all()`` lists every project's warnings unless the client is
    bound to a project or ``project=`` names one."""

    model = ServerWarning
