# Generated from pylxd/_async/instances/backup.py by tools/unasync.py: do not edit, edit the source.
"""Instance backups: ``instance.backups``, the :class:`Backup` model, export and import.

Both directions stream: ``export(to=…)`` writes the tarball chunk by chunk as LXD sends
it, and ``create_from_backup(fileobj)`` sends the file as it is read, so memory stays
flat whatever the backup's size.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from pylxd._sync.children import BackupExport, ChildCollection, known_parent
from pylxd._sync.model import Model
from pylxd._sync.transfer import counted_upload
from pylxd._core.children import timestamp
from pylxd._core.envelope import response_operation
from pylxd._core.fields import Attribute
from pylxd._core.headers import import_headers
from pylxd._core.operations import resource_name
from pylxd._core.transfer import Progress
from pylxd._drivers.types import Body

if TYPE_CHECKING:
    from pylxd._sync.client import Client
    from pylxd._sync.instances.instance import Instance

__all__ = ["Backup", "BackupManager", "import_backup"]

ModelT = TypeVar("ModelT", bound="Model")


class Backup(BackupExport["Instance"]):
    """A backup of an instance (``/1.0/instances/<instance>/backups/<name>``)."""

    name: Attribute[str] = Attribute(readonly=True)
    created_at: Attribute[str] = Attribute(readonly=True)
    expires_at: Attribute[str | None] = Attribute(timestamp)
    instance_only: Attribute[bool] = Attribute(readonly=True)
    container_only: Attribute[bool] = Attribute(readonly=True)
    optimized_storage: Attribute[bool] = Attribute(readonly=True)

    _parent = "instance"

    @property
    def instance(self) -> Instance:
        """The instance it is a backup of."""
        return known_parent(self.parent)


class BackupManager(ChildCollection[Backup]):
    """``instance.backups``."""

    model = Backup
    _child_path = "backups"
    _resource = "backups"

    def create(
        self,
        name: str | None = None,
        expires_at: datetime | str | None = None,
        instance_only: bool = False,
        optimized_storage: bool = False,
        compression_algorithm: str | None = None,
        wait: bool = True,
    ) -> Backup:
        """Make a backup of the instance (on the server; ``export()`` downloads it).

        Args:
            name: the backup's name (``None``: the server picks, e.g. ``backup0``, and
                the call then always waits, to know it).
            expires_at: when LXD deletes it (a ``datetime`` or RFC 3339 text); ``None``:
                never.
            instance_only: leave the snapshots out.
            optimized_storage: the storage driver's own format (btrfs, zfs).
            compression_algorithm: ``gzip``, ``xz``, ``none``… (``None``: the server's).
            wait: wait until the backup is made (the default: a backup is only usable
                then) and return it complete.

        Raises:
            OperationFailed: with ``wait``, LXD could not make it.
        """
        self._client.assert_has_api_extension("container_backup")
        body: dict[str, Any] = {
            "instance_only": instance_only,
            "container_only": instance_only,
            "optimized_storage": optimized_storage,
        }
        return self._create_backup(body, name, wait, expires_at, compression_algorithm)


def import_backup(
    client: Client,
    model: type[ModelT],
    fileobj: Body,
    name: str | None = None,
    pool: str | None = None,
    wait: bool = False,
    progress: Progress | None = None,
) -> ModelT:
    """See :meth:`InstanceManager.create_from_backup`."""
    client.assert_has_api_extension("container_backup")
    if name is not None:
        client.assert_has_api_extension("backup_override_name")
    body, length = counted_upload(fileobj, progress)
    headers = {**import_headers(client.is_incus, name, pool), **length}
    response = client.api.instances.post(data=body, headers=headers)
    operation = response_operation(response)
    if wait and operation is not None:
        done = client.operations.wait_for_operation(operation)
        name = name or resource_name({"resources": done.resources or {}}, "instances")
    if name is None:
        raise ValueError("LXD did not say what the instance is called: pass a name")
    instance = model(client, name=name)
    if wait:
        instance.sync()
    return instance
