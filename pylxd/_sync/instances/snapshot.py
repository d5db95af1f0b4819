# Generated from pylxd/_async/instances/snapshot.py by tools/unasync.py: do not edit, edit the source.
"""Instance snapshots: ``instance.snapshots`` and the :class:`Snapshot` model, and the
base they share with instance backups."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pylxd._sync.children import ChildCollection, ChildModel
from pylxd._sync.children import known_parent as _known
from pylxd._sync.instances.publish import Publishable
from pylxd._core.children import timestamp
from pylxd._core.fields import Attribute
from pylxd._core.response import Response

if TYPE_CHECKING:
    from pylxd._sync.instances.instance import Instance

__all__ = ["Snapshot", "SnapshotManager"]


class Snapshot(ChildModel["Instance"], Publishable):
    """A snapshot of an instance (``/1.0/instances/<instance>/snapshots/<name>``).

    ``expires_at`` (a ``datetime`` or RFC 3339 text; ``None``: never) and ``description``
    are saved by ``save()``.
    """

    name: Attribute[str] = Attribute(readonly=True)
    created_at: Attribute[str] = Attribute(readonly=True)
    stateful: Attribute[bool] = Attribute(readonly=True)
    expires_at: Attribute[str | None] = Attribute(timestamp)
    description: Attribute[str] = Attribute(optional=True)
    architecture: Attribute[str] = Attribute(readonly=True)
    config: Attribute[dict[str, str]] = Attribute(readonly=True)
    devices: Attribute[dict[str, dict[str, str]]] = Attribute(readonly=True)
    ephemeral: Attribute[bool] = Attribute(readonly=True)
    expanded_config: Attribute[dict[str, str]] = Attribute(readonly=True)
    expanded_devices: Attribute[dict[str, dict[str, str]]] = Attribute(readonly=True)
    last_used_at: Attribute[str] = Attribute(readonly=True)
    profiles: Attribute[list[str]] = Attribute(readonly=True)
    size: Attribute[int] = Attribute(readonly=True)

    _parent = "instance"

    @property
    def instance(self) -> Instance:
        """The instance it is a snapshot of."""
        return _known(self.parent)

    def restore(self, wait: bool = False) -> Response:
        """Restore the instance to this snapshot (see :meth:`Instance.restore_snapshot`)."""
        stateful = bool(self._raw_attr("stateful", False))
        return self.instance.restore_snapshot(self._raw_attr("name"), wait, stateful)

    def _publish_source(self) -> dict[str, Any]:
        name = f"{self.instance._raw_attr('name')}/{self._raw_attr('name')}"
        return {"type": "snapshot", "name": name}


class SnapshotManager(ChildCollection[Snapshot]):
    """``instance.snapshots``."""

    model = Snapshot
    _child_path = "snapshots"
    _resource = "instances_snapshots"

    def create(
        self,
        name: str | None = None,
        stateful: bool = False,
        wait: bool = False,
        expires_at: datetime | str | None = None,
        description: str | None = None,
    ) -> Snapshot:
        """Snapshot the instance.

        Args:
            name: the snapshot's name (``None``: the server picks, e.g. ``snap0``, and the
                call then always waits, to know it).
            stateful: include the running state (needs CRIU on the server; LXD's error
                otherwise).
            wait: wait for the snapshot to be taken and return it complete; otherwise
                return at once (a failure then goes unseen).
            expires_at: when LXD deletes it (a ``datetime`` or RFC 3339 text).
            description: a description (kept by servers whose snapshots have one).

        Raises:
            OperationFailed: with ``wait``, the snapshot failed (LXD's message).
        """
        body: dict[str, Any] = {"stateful": stateful}
        if expires_at is not None:
            self._client.assert_has_api_extension("snapshot_expiry_creation")
            body["expires_at"] = timestamp(expires_at)
        if description is not None:
            body["description"] = description
        return self._create_child(body, name, wait)
