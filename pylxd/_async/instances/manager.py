"""``client.instances``, ``client.containers``, ``client.virtual_machines``: the managers
of :mod:`pylxd._async.instances.instance`'s models (find, create, import a backup, change every
instance's state at once)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pylxd._async.instances.backup import import_backup
from pylxd._async.instances.instance import Container, Instance, VirtualMachine
from pylxd._core.envelope import (
    malformed,
    metadata_list,
    operation_metadata,
    response_operation,
)
from pylxd._core.operations import resource_name
from pylxd._core.transfer import Progress
from pylxd._core.urls import (
    Filter,
    check_name,
    filter_expression,
    is_name,
    name_from_url,
    project_from_url,
    project_scope,
)
from pylxd._core.values import config_strings
from pylxd._drivers.types import Body
from pylxd.exceptions import NotFound

if TYPE_CHECKING:
    from pylxd._async.client import Client

__all__ = ["ContainerManager", "InstanceManager", "VirtualMachineManager"]

InstanceT = TypeVar("InstanceT", bound=Instance)
ModelT = TypeVar("ModelT", bound=Instance)


class _InstanceManagerBase(Generic[InstanceT]):
    model: type[InstanceT]

    def __init__(self, client: Client, model: type[InstanceT] | None = None) -> None:
        self._client = client
        if model is not None:
            self.model = model

    def of(self, model: type[ModelT]) -> _InstanceManagerBase[ModelT]:
        """This manager for another instance class (upstream's classmethods use it)."""
        return _InstanceManagerBase(self._client, model)

    async def exists(self, name: str, project: str | None = None) -> bool:
        """Whether an instance called ``name`` exists (in ``project``, if given)."""
        try:
            await self.get(name, project)
        except NotFound:
            return False
        return True

    async def get(self, name: str, project: str | None = None, *, full: bool = False) -> InstanceT:
        """Fetch one instance (one request), from ``project`` instead of the client's if given.

        ``full``: with its state, snapshots and backups in the same request (LXD's
        ``instance_get_full``), as the read-only ``state_data``, ``snapshots_data`` and
        ``backups_data`` (as ``all(recursion=2)`` gives them).

        Raises:
            NotFound: no such instance.
            LXDAPIExtensionNotAvailable: ``full`` and no ``instance_get_full``.
        """
        node = self._client.api.instances.in_project(project)[name]
        if not full:
            return self.model._from_response(self._client, await node.get())
        self._client.assert_has_api_extension("instance_get_full")
        return self.model._from_response(self._client, await node.get(params={"recursion": 1}))

    async def all(
        self,
        recursion: int = 1,
        fields: Sequence[str] | None = None,
        project: str | None = None,
        all_projects: bool = False,
        *,
        filter: Filter | None = None,  # noqa: A002 - LXD's name for it
    ) -> list[InstanceT]:
        """Every instance (of this type), complete, in one request.

        Args:
            recursion: ``1`` (default) returns complete objects; ``0`` returns names only
                (the blocking client fetches the rest on first access); ``2`` adds state.
            fields: with ``recursion=2``, only these state fields (if the server can).
            project: list this project's instances instead of the client's.
            all_projects: every project's instances (each remembers its ``project``).
            filter: only the instances it matches, filtered by the server (needs
                ``api_filtering``): LXD's expression, e.g.
                ``"status eq Running and config.user.role eq web"``, or
                ``{"status": "Running", "config.user.role": "web"}``.

        Raises:
            LXDAPIExtensionNotAvailable: a ``filter`` and a server without ``api_filtering``.
        """
        if isinstance(fields, (str, bytes)):
            raise TypeError("fields must be a list of field names, not a string")
        level: int | str = recursion
        if (
            fields
            and recursion == 2
            and self._client.has_api_extension("instances_state_selective_recursion")
        ):
            level = f"2;fields={','.join(fields)}"
        if all_projects:
            self._client.assert_has_api_extension("instance_all_projects")
        params: dict[str, Any] = {"recursion": level, **project_scope(project, all_projects)}
        if filter is not None:
            params["filter"] = filter_expression(filter)
            self._client.assert_has_api_extension("api_filtering")
            # No parentheses in LXD's language: the type goes in its own parameter.
            params["instance-type"] = self.model._instance_type
        elif self.model._instance_type is not None and self._client.has_api_extension(
            "api_filtering"
        ):
            params["filter"] = f"type eq {self.model._instance_type}"
        response = await self._client.api.instances.get(params=params)
        listing = metadata_list(response, str if recursion == 0 else dict)
        if recursion == 0:
            sparse = [_sparse(url, project) for url in listing]
            for values in sparse:
                if not is_name(values["name"]):
                    raise malformed(response, "a list of instance URLs", values["name"])
            return [self.model(self._client, **values) for values in sparse]
        wanted = self.model._instance_type
        return [
            self.model._from_server(self._client, data)
            for data in listing
            if wanted is None or data.get("type") == wanted
        ]

    async def create(
        self,
        config: Mapping[str, Any],
        wait: bool = False,
        target: str | None = None,
        project: str | None = None,
    ) -> InstanceT:
        """Create an instance from ``config`` (LXD's instance definition).

        Every source LXD has works: ``image`` (by ``alias``, ``fingerprint`` or
        ``properties``, local or from a ``server``), ``copy``, ``migration``, ``none``.

        Without ``wait`` this returns once LXD accepted the request (the object is then
        fetched lazily); with ``wait`` it waits for the creation, raising its error, and
        returns the complete instance. ``target`` picks the cluster member; ``project``
        creates it in that project instead of the client's.
        """
        if not isinstance(config, Mapping):
            raise TypeError(f"config must be a dict (LXD's instance definition), not {config!r}")
        config = dict(config)
        if config.get("name") is not None:  # without one, LXD picks a name
            check_name(config["name"])
        if "config" in config:
            config["config"] = config_strings(config["config"])
        if self.model._instance_type is not None:
            config.setdefault("type", self.model._instance_type)
        response = await self._client.api.instances.in_project(project).post(
            json=config, target=target
        )
        name = config.get("name") or resource_name(operation_metadata(response), "instances")
        operation = response_operation(response)
        if wait and operation is not None:
            finished = await self._client.operations.wait_for_operation(operation)
            name = name or resource_name({"resources": finished.resources or {}}, "instances")
        if not name:
            raise malformed(response, "the new instance's name in its operation", name)
        instance = self.model(
            self._client, name=name, **({} if project is None else {"project": project})
        )
        if wait:
            await instance.sync()
        return instance

    async def create_from_backup(
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
        return await import_backup(
            self._client, self.model, fileobj, name, pool, wait, progress=progress
        )

    async def set_state(
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
        response = await self._client.api.instances.put(json={"state": state})
        operation = response_operation(response)
        if wait and operation is not None:
            await self._client.operations.wait_for_operation(operation)


class InstanceManager(_InstanceManagerBase[Instance]):
    """``client.instances``: containers and virtual machines alike."""

    model = Instance


class ContainerManager(_InstanceManagerBase[Container]):
    """``client.containers``: only containers."""

    model = Container


class VirtualMachineManager(_InstanceManagerBase[VirtualMachine]):
    """``client.virtual_machines``: only virtual machines."""

    model = VirtualMachine


def _sparse(url: str, project: str | None) -> dict[str, str]:
    """A listed instance's name, and its project: the one in the URL (``all_projects``
    listings add ``?project=``), else the one listed."""
    values = {"name": name_from_url(url)}
    project = project_from_url(url) or project
    if project:
        values["project"] = project
    return values
