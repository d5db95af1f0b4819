# Generated from pylxd/_async/instances/manager.py by tools/unasync.py: do not edit, edit the source.
"""``client.instances``, ``client.containers``, ``client.virtual_machines``: the managers
of :mod:`pylxd._sync.instances.instance`'s models (find, create, import a backup, change every
instance's state at once)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pylxd._sync.instances.backup import import_backup
from pylxd._sync.instances.instance import Container, Instance, VirtualMachine
from pylxd._core.envelope import response_operation
from pylxd._drivers.transfer import Progress
from pylxd._drivers.types import Body

if TYPE_CHECKING:
    from pylxd._sync.client import Client

__all__ = ["ContainerManager", "InstanceManager", "VirtualMachineManager"]

InstanceT = TypeVar("InstanceT", bound=Instance)


class _InstanceManagerBase(Generic[InstanceT]):
    _model: type[InstanceT]

    def __init__(self, client: Client) -> None:
        self._client = client

    def get(self, name: str, project: str | None = None) -> InstanceT:
        """Fetch one instance. Raises :class:`~pylxd.exceptions.NotFound`."""
        return self._model.get(self._client, name, project)

    def exists(self, name: str, project: str | None = None) -> bool:
        """Whether the instance exists."""
        return self._model.exists(self._client, name, project)

    def all(
        self,
        recursion: int = 1,
        fields: Sequence[str] | None = None,
        project: str | None = None,
        all_projects: bool = False,
    ) -> list[InstanceT]:
        """Every instance of this type, in one request (see :meth:`Instance.all`)."""
        return self._model.all(self._client, recursion, fields, project, all_projects)

    def create(
        self,
        config: Mapping[str, Any],
        wait: bool = False,
        target: str | None = None,
        project: str | None = None,
    ) -> InstanceT:
        """Create an instance (see :meth:`Instance.create`)."""
        return self._model.create(self._client, config, wait, target, project)

    def create_from_backup(
        self,
        fileobj: Body,
        name: str | None = None,
        pool: str | None = None,
        wait: bool = False,
        *,
        progress: Progress | None = None,
    ) -> InstanceT:
        """Make an instance from a backup tarball (``backup.export()``'s), streamed.

        Args:
            fileobj: a binary file object (read as it is sent), bytes, or chunks.
            name: the new instance's name (``None``: the name in the backup).
            pool: the storage pool to put it in (``None``: the backup's).
            wait: wait until it is made and return it complete.
            progress: called with ``(sent, total)`` bytes as the tarball goes up (``total``
                ``None`` when unknown), e.g. a :class:`pylxd.progress.ProgressBar`.

        Raises:
            OperationFailed: with ``wait``, the import failed (LXD's message).
        """
        return import_backup(
            self._client, self._model, fileobj, name, pool, wait, progress=progress
        )

    def set_state(
        self,
        action: str,
        timeout: int = 30,
        force: bool = False,
        stateful: bool = False,
        wait: bool = False,
    ) -> None:
        """Change the state of **every** instance of the client's project at once
        (``start``, ``stop``, ``restart``, ``freeze``, ``unfreeze``).

        Raises:
            LXDAPIExtensionNotAvailable: the server has no ``instance_bulk_state_change``.
            OperationFailed: with ``wait``, one of the changes failed (LXD's message).
        """
        self._client.assert_has_api_extension("instance_bulk_state_change")
        state = {"action": action, "timeout": timeout, "force": force, "stateful": stateful}
        response = self._client.api.instances.put(json={"state": state})
        operation = response_operation(response)
        if wait and operation is not None:
            self._client.operations.wait_for_operation(operation)


class InstanceManager(_InstanceManagerBase[Instance]):
    """``client.instances``: containers and virtual machines alike."""

    _model = Instance


class ContainerManager(_InstanceManagerBase[Container]):
    """``client.containers``: only containers."""

    _model = Container


class VirtualMachineManager(_InstanceManagerBase[VirtualMachine]):
    """``client.virtual_machines``: only virtual machines."""

    _model = VirtualMachine
