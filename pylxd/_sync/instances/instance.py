# Generated from pylxd/_async/instances/instance.py by tools/unasync.py: do not edit, edit the source.
"""Instances (containers and virtual machines): the model.

Its managers (``client.instances`` …) are :mod:`pylxd._sync.instances.manager`; what it
mixes in: ``execute()`` (:mod:`pylxd._sync.instances.exec`), ``interactive()``
(:mod:`pylxd._sync.instances.interactive`), ``publish()`` (:mod:`pylxd._sync.instances.publish`).
"""

from __future__ import annotations

import builtins  # the class body has a field called "type"
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pylxd._sync.api import APINode
from pylxd._sync.instances.backup import BackupManager
from pylxd._sync.instances.console import Console
from pylxd._sync.instances.exec import Executable
from pylxd._sync.instances.files import FilesManager
from pylxd._sync.instances.interactive import Interactive
from pylxd._sync.instances.logs import LogManager
from pylxd._sync.instances.migration import Migratable
from pylxd._sync.instances.publish import Publishable
from pylxd._sync.instances.sftp import open_instance_sftp
from pylxd._sync.instances.snapshot import SnapshotManager
from pylxd._sync.instances.templates import TemplateManager
from pylxd._sync.model import Model
from pylxd._core.envelope import metadata_list, metadata_object
from pylxd._core.fields import Attribute, AttributeDict
from pylxd._core.migration import migration_request
from pylxd._core.response import Response
from pylxd._core.urls import check_name
from pylxd._core.values import none_as_null
from pylxd.exceptions import NotFound

if TYPE_CHECKING:
    from pylxd._sync.client import Client
    from pylxd._drivers.sync.sftp import SFTP

__all__ = [
    "Container",
    "Instance",
    "InstanceState",
    "VirtualMachine",
]


InstanceT = TypeVar("InstanceT", bound="Instance")


class InstanceState(AttributeDict):
    """``GET …/state`` as attributes (``state.status``, ``state.network['eth0']``).

    The documented attributes are always there; ``network`` and ``disk`` are ``{}`` when
    the server sends ``null`` (a stopped instance), so ``state.network.get('eth0')`` works.
    """

    _DEFAULTS: ClassVar[dict[str, Any]] = dict.fromkeys(
        ("status", "status_code", "pid", "processes", "cpu", "memory")
    )

    def __init__(self, data: Mapping[str, Any]) -> None:
        super().__init__({**self._DEFAULTS, **data})
        for key in ("network", "disk"):
            if self.__dict__.get(key) is None:
                self.__dict__[key] = {}

    def __repr__(self) -> str:
        return f"<InstanceState status={self.__dict__.get('status')!r}>"


class Instance(Model, Publishable, Executable, Interactive, Migratable):
    """An instance (``/1.0/instances/<name>``).

    State changes (``start``, ``stop``, …) return at once unless ``wait=True``.
    """

    architecture: Attribute[str] = Attribute()
    config: Attribute[dict[str, str]] = Attribute(server_keys=("volatile.",))
    created_at: Attribute[str] = Attribute(readonly=True)
    devices: Attribute[dict[str, dict[str, str]]] = Attribute()
    ephemeral: Attribute[bool] = Attribute()
    expanded_config: Attribute[dict[str, str]] = Attribute(readonly=True)
    expanded_devices: Attribute[dict[str, dict[str, str]]] = Attribute(readonly=True)
    name: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    profiles: Attribute[list[str]] = Attribute()
    status: Attribute[str] = Attribute(readonly=True)
    last_used_at: Attribute[str] = Attribute(readonly=True)
    location: Attribute[str | None] = Attribute(readonly=True, from_server=none_as_null)
    status_code: Attribute[int] = Attribute(readonly=True)
    stateful: Attribute[bool] = Attribute(readonly=True)
    type: Attribute[str] = Attribute(readonly=True)
    project: Attribute[str] = Attribute(readonly=True, optional=True)
    # What ``all(recursion=2)`` adds (``None`` otherwise): the state (the dict ``state()``
    # wraps), the snapshots and the backups as LXD lists them. The names ``state``,
    # ``snapshots`` and ``backups`` are the live method and managers.
    state_data: Attribute[dict[str, Any]] = Attribute(readonly=True, key="state")
    snapshots_data: Attribute[list[dict[str, Any]]] = Attribute(readonly=True, key="snapshots")
    backups_data: Attribute[list[dict[str, Any]]] = Attribute(readonly=True, key="backups")

    _identity = ("name", "project")

    @classmethod
    def _url_field(cls) -> str | None:
        return "name"

    _etag_misses = ("description",)
    #: ``type`` sent on create and used to filter listings (``None``: any type).
    _instance_type: ClassVar[str | None] = None

    @property
    def api(self) -> APINode:
        # Its own project: listed across projects or fetched with ``project=``.
        node = self.client.api.instances[self._raw_attr("name")]
        return node.in_project(self._raw_attr("project") or None)

    @property
    def files(self) -> FilesManager:
        """The instance's files: ``put``, ``get``, ``open``, ``stat``, ``recursive_put``…"""
        return FilesManager(self)

    def sftp(self) -> SFTP:
        """A ready SFTP client on the instance's filesystem (LXD's ``/sftp`` upgrade: one
        connection, no SSH), over the client's own socket or HTTPS connection.

        Blocking client: paramiko's ``SFTPClient``; ``pylxd``: an ``AsyncSFTPClient``
        whose methods are paramiko's, awaitable. Needs ``pip install 'pylxd[sftp]'``.
        Close it (``with``/``with``, ``close()``/``close()``); closing the pylxd
        client closes it too.

        Raises:
            ImportError: paramiko is not installed.
            LXDAPIException: LXD refused (``NotFound``: no such instance).
        """
        return open_instance_sftp(self)

    # -- upstream's classmethod spellings: the managers own the logic ------------------

    @classmethod
    def exists(cls, client: Client, name: str, project: str | None = None) -> bool:
        """See :meth:`InstanceManager.exists`."""
        return client.instances.of(cls).exists(name, project)

    @classmethod
    def get(
        cls: builtins.type[InstanceT], client: Client, name: str, project: str | None = None
    ) -> InstanceT:
        """See :meth:`InstanceManager.get`."""
        return client.instances.of(cls).get(name, project)

    @classmethod
    def all(
        cls: builtins.type[InstanceT],
        client: Client,
        recursion: int = 1,
        fields: Sequence[str] | None = None,
        project: str | None = None,
        all_projects: bool = False,
    ) -> list[InstanceT]:
        """See :meth:`InstanceManager.all`."""
        return client.instances.of(cls).all(recursion, fields, project, all_projects)

    @classmethod
    def create(
        cls: builtins.type[InstanceT],
        client: Client,
        config: Mapping[str, Any],
        wait: bool = False,
        target: str | None = None,
        project: str | None = None,
    ) -> InstanceT:
        """See :meth:`InstanceManager.create`."""
        return client.instances.of(cls).create(config, wait, target, project)

    # -- changing it --------------------------------------------------------------------

    def rename(self, name: str, wait: bool = False) -> None:
        """Rename the instance (it must be stopped)."""
        check_name(name)
        self.post(json={"name": name}, wait=wait)
        self._set_server_value("name", name)

    def move(
        self,
        target: str | None = None,
        wait: bool = True,
        *,
        pool: str | None = None,
        project: str | None = None,
        instance_only: bool = False,
        allow_inconsistent: bool = False,
    ) -> None:
        """Move the instance, on its server: to another cluster member (``target``, or
        ``"@group"``), its root disk to another storage ``pool``, or to another
        ``project`` (one or more at once, as LXD allows); it must be stopped (a running
        one is refused with LXD's error: a live move needs CRIU).

        The object follows (a moved instance is reached in its new project). With
        ``wait`` (default) this waits for the move and reads the instance again
        (``location``, the root disk's pool).

        Raises:
            ValueError: nothing to move to.
            LXDAPIExtensionNotAvailable: the server cannot move across pools
                (``instance_pool_move``) or projects (``instance_project_move``).
        """
        if target is None and pool is None and project is None:
            raise ValueError("move() needs a target member, a pool or a project")
        if pool is not None:
            self.client.assert_has_api_extension("instance_pool_move")
        if project is not None:
            self.client.assert_has_api_extension("instance_project_move")
        # LXD 5.0 moves across pools or projects, not both in one request (given both, it
        # moved the pool and said nothing of the project): one step each, in turn.
        steps = [{"pool": pool}] if pool is not None else []
        if project is not None:
            steps.append({"project": project})
        for index, step in enumerate(steps or [{}]):
            body = migration_request(
                instance_only=instance_only, allow_inconsistent=allow_inconsistent
            )
            if target is not None and index == 0:
                # To a member, no "live" key (``lxc move`` sends none): LXD then moves a
                # running instance only live (CRIU) and refuses otherwise, where "live":
                # false would stop it, move it and start it again behind the caller's back.
                del body["live"]
            body.update(step, name=self._raw_attr("name"))
            response = self.api.post(json=body, target=target if index == 0 else None)
            self._wait_if(response, wait or index < len(steps) - 1)
            if "project" in step:
                self._set_server_value("project", project)
        if wait:
            self.sync()

    def rebuild(
        self,
        image: str | Mapping[str, Any] | None = None,
        *,
        empty: bool = False,
        wait: bool = True,
    ) -> None:
        """Replace the instance's root filesystem, keeping its name, configuration and
        devices (Incus' ``instances_rebuild``; it must be stopped): from an ``image``
        (an alias on this server, or LXD's whole image ``source`` dict, e.g.
        ``{"fingerprint": …}`` or a remote ``{"server": …, "protocol": …, "alias": …}``),
        or ``empty`` (no rootfs at all). Snapshots stay.

        Raises:
            ValueError: neither or both of ``image`` and ``empty``.
            LXDAPIExtensionNotAvailable: the server cannot rebuild (LXD 5.0).
            OperationFailed: LXD refused (e.g. "Instance must be stopped to be rebuilt").
        """
        if (image is None) == (not empty):
            raise ValueError("rebuild() takes an image or empty=True (one of them)")
        self.client.assert_has_api_extension("instances_rebuild")
        if image is None:
            source: dict[str, Any] = {"type": "none"}
        elif isinstance(image, str):
            source = {"type": "image", "alias": image}
        else:
            source = {"type": "image", **image}
        self._wait_if(self.api.rebuild.post(json={"source": source}), wait)
        if wait:
            self.sync()

    def access(self) -> list[dict[str, str]]:
        """Who may use the instance (Incus' ``instance_access``): ``[{"identifier":
        <certificate fingerprint>, "role": "admin", "provider": "tls"}, …]``."""
        self.client.assert_has_api_extension("instance_access")
        return metadata_list(self.api.access.get())

    def state(self) -> InstanceState:
        """The instance's live state: status, network, memory, processes…"""
        return InstanceState(metadata_object(self.api.state.get()))

    def _set_state(
        self, action: str, timeout: int, force: bool, wait: bool, stateful: bool | None = None
    ) -> None:
        body: dict[str, Any] = {"action": action, "timeout": timeout, "force": force}
        if stateful is not None:
            body["stateful"] = stateful
        response = self.api.state.put(json=body)
        self._wait_if(response, wait)
        if not wait:
            return
        try:
            self.sync()
        except NotFound:
            if not (action == "stop" and self._raw_attr("ephemeral")):
                raise  # an ephemeral instance is gone once stopped; anything else is an error

    def start(
        self,
        timeout: int = 30,
        force: bool = True,
        wait: bool = False,
        stateful: bool | None = None,
    ) -> None:
        """Start the instance."""
        self._set_state("start", timeout, force, wait, stateful)

    def stop(
        self,
        timeout: int = 30,
        force: bool = True,
        wait: bool = False,
        stateful: bool | None = None,
    ) -> None:
        """Stop the instance. Like upstream pylxd, ``force=True`` by default (a kill, not a
        clean shutdown): pass ``force=False`` to let it shut down within ``timeout``."""
        self._set_state("stop", timeout, force, wait, stateful)

    def restart(self, timeout: int = 30, force: bool = True, wait: bool = False) -> None:
        """Restart the instance."""
        self._set_state("restart", timeout, force, wait)

    def freeze(self, timeout: int = 30, force: bool = True, wait: bool = False) -> None:
        """Freeze (suspend) the instance."""
        self._set_state("freeze", timeout, force, wait)

    def unfreeze(self, timeout: int = 30, force: bool = True, wait: bool = False) -> None:
        """Unfreeze (resume) the instance."""
        self._set_state("unfreeze", timeout, force, wait)

    # -- snapshots, backups, copies, images -------------------------------------------

    @property
    def snapshots(self) -> SnapshotManager:
        """The instance's snapshots: ``all()``, ``get(name)``, ``create(name)``…"""
        return SnapshotManager(self.client, self)

    @property
    def backups(self) -> BackupManager:
        """The instance's backups: ``all()``, ``get(name)``, ``create()``…"""
        return BackupManager(self.client, self)

    def restore_snapshot(
        self, snapshot_name: str, wait: bool = False, stateful: bool = False
    ) -> Response:
        """Restore the instance to the snapshot ``snapshot_name``.

        Raises:
            OperationFailed: with ``wait``, the restore failed (LXD's message).
        """
        body: dict[str, Any] = {"restore": snapshot_name}
        if stateful:
            body["stateful"] = True
        return self.raw_put(body, wait)

    def _publish_source(self) -> dict[str, Any]:
        return {"type": "instance", "name": self._raw_attr("name")}

    # Copies and migrations (:mod:`pylxd._sync.instances.migration`), methods of the instance.

    # -- console, logs, image metadata, templates ------------------------------------

    @property
    def console(self) -> Console:
        """The console: ``log()``, ``clear()``, ``open()`` (a live session)."""
        return Console(self)

    @property
    def logs(self) -> LogManager:
        """The instance's log files: ``all()``, ``get(name)``, ``delete(name)``."""
        return LogManager(self)

    @property
    def templates(self) -> TemplateManager:
        """The image templates: ``all()``, ``get(name)``, ``put(name, content)``, ``delete``."""
        return TemplateManager(self)

    def get_metadata(self) -> dict[str, Any]:
        """The instance's image metadata (``metadata.yaml``: properties, templates…)."""
        self.client.assert_has_api_extension("container_edit_metadata")
        return metadata_object(self.api.metadata.get())

    def put_metadata(self, data: Mapping[str, Any]) -> None:
        """Replace the instance's image metadata."""
        self.client.assert_has_api_extension("container_edit_metadata")
        self.api.metadata.put(json=dict(data))

    def patch_metadata(self, data: Mapping[str, Any]) -> None:
        """Change part of the instance's image metadata (``PATCH``): what ``data`` holds is
        merged into it (``{"properties": {"os": "x"}}`` changes ``os`` and keeps the other
        properties, on LXD 5.0.2 and Incus 6.0)."""
        self.client.assert_has_api_extension("container_edit_metadata")
        self.api.metadata.patch(json=dict(data))


class Container(Instance):
    """An instance of type ``container``."""

    _instance_type = "container"


class VirtualMachine(Instance):
    """An instance of type ``virtual-machine``."""

    _instance_type = "virtual-machine"
