"""Storage volumes (``pool.volumes``): create, edit, rename, copy and move, import backups.

A volume lives at ``/1.0/storage-pools/<pool>/volumes/<type>/<name>``: its collection node
is the pool's ``volumes/<type>``, so the generic :class:`NamedModel` builds its URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pylxd._async.api import APINode
from pylxd._async.collection import Collection, NamedModel
from pylxd._async.migration import PullOffer, transfer
from pylxd._async.storage.backup import StorageVolumeBackupManager
from pylxd._async.storage.snapshot import StorageVolumeSnapshotManager
from pylxd._async.transfer import counted_upload
from pylxd._core.envelope import metadata_list, metadata_object, response_operation
from pylxd._core.fields import Attribute
from pylxd._core.headers import import_headers
from pylxd._core.migration import check_mode, migration_source
from pylxd._core.operations import resource_name
from pylxd._core.storage import volume_key
from pylxd._core.transfer import Progress
from pylxd._core.urls import Filter, check_name, name_from_url
from pylxd._core.values import null_as_list
from pylxd._drivers.types import Body
from pylxd.exceptions import NotFound

if TYPE_CHECKING:
    from pylxd._async.client import Client
    from pylxd._async.storage.pool import StoragePool

__all__ = ["StorageVolume", "StorageVolumeManager"]

# Incus: a copy or move to another cluster member is one request (the members transfer the
# volume between them); without it, this client arranges the migration between members.
INTERNAL_COPY = "cluster_internal_custom_volume_copy"


class StorageVolume(NamedModel):
    """A storage volume (``/1.0/storage-pools/<pool>/volumes/<type>/<name>``).

    ``save()`` sends ``description`` and ``config``. ``pool`` is the pool's name,
    ``storage_pool`` the pool object it was reached from (if any).
    """

    name: Attribute[str] = Attribute(readonly=True)
    type: Attribute[str] = Attribute(readonly=True)
    content_type: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    config: Attribute[dict[str, str]] = Attribute(server_keys=("volatile.",))
    used_by: Attribute[list[str]] = Attribute(readonly=True, from_server=null_as_list)
    location: Attribute[str] = Attribute(readonly=True)
    created_at: Attribute[str] = Attribute(readonly=True)
    pool: Attribute[str] = Attribute(readonly=True)
    project: Attribute[str] = Attribute(readonly=True, optional=True)

    _identity = ("pool", "type", "name", "project")
    _etag_misses = ("description",)
    _extension = "storage"
    _operations_extension = "storage_and_network_operations"
    _all_projects_extension = "storage_volumes_all_projects"
    _filter_extension = "storage_volume_api_filtering"

    def __init__(
        self,
        client: Client,
        *,
        collection: APINode | None = None,
        storage_pool: StoragePool | None = None,
        **values: Any,
    ) -> None:
        self.storage_pool = storage_pool
        super().__init__(client, collection=collection, **values)

    @property
    def snapshots(self) -> StorageVolumeSnapshotManager:
        """The volume's snapshots: ``volume.snapshots.create("snap0")``."""
        return StorageVolumeSnapshotManager(self.client, self)

    @property
    def backups(self) -> StorageVolumeBackupManager:
        """The volume's backups: ``volume.backups.create()``, then ``backup.export(f)``."""
        return StorageVolumeBackupManager(self.client, self)

    def _volumes_node(self, pool: str, project: str | None) -> APINode:
        return self.client.api.storage_pools[pool].volumes.in_project(project)

    def _current_project(self) -> str | None:
        node_project = self.api.project
        return node_project if node_project is not None else self.client.project

    async def rename(self, new_name: str | Mapping[str, Any], wait: bool = True) -> StorageVolume:
        """Rename the volume: ``rename("new")``. Upstream's form ``rename({"name": …,
        "pool": …})`` moves it too (see :meth:`move`; another server: :meth:`migrate`).
        Waits for the operation with ``wait``. Returns the volume, renamed.
        """
        if isinstance(new_name, Mapping):
            body = dict(new_name)
            if body.get("migration"):
                raise TypeError("to move a volume to another server use volume.migrate(client)")
            await self.move(body.pop("pool", None), body.pop("project", None), wait=wait, **body)
        else:
            await self.move(name=check_name(new_name, "new_name"), wait=wait)
        return self

    async def move(
        self,
        pool: str | None = None,
        project: str | None = None,
        name: str | None = None,
        wait: bool = True,
        *,
        target: str | None = None,
        **extra: Any,
    ) -> None:
        """Move (and/or rename) the volume to another pool and/or project, or (``target``)
        to another cluster member.

        The object follows: its requests go to the new place (a volume moved to another
        project is reached in that project). Needs ``storage_volume_project_move`` to change
        project. Waits for the operation with ``wait``. To another member, it goes with its
        snapshots, and that always waits: Incus moves it in one request
        (``cluster_internal_custom_volume_copy``); LXD moves a local volume by migration, as
        ``lxc storage volume move --target`` does, so it is copied there, then deleted here.
        """
        if target is not None:
            if project is not None or extra:
                raise ValueError("a move to another member takes only a new name and pool")
            if self.client.has_api_extension(INTERNAL_COPY):
                await self._move_within_cluster(target, name, pool)
            else:
                await self._move_to_member(target, name, pool)
            return
        old_pool = self._raw_attr("pool")
        new_name = name or self._raw_attr("name")
        body: dict[str, Any] = {**extra, "name": new_name, "pool": pool or old_pool}
        if project is not None:
            self.client.assert_has_api_extension("storage_volume_project_move")
            body["project"] = project
        await self.post(json=body, wait=wait)
        pool = pool or old_pool
        project = project or self.api.project
        self._collection = self._volumes_node(pool, project)[self._raw_attr("type") or "custom"]
        self._set_server_value("name", new_name)
        self._set_server_value("pool", pool)
        if project is not None:
            self._set_server_value("project", project)
        if pool != old_pool:
            self.storage_pool = None  # the object it came from is not its pool any more

    async def copy(
        self,
        name: str | None = None,
        pool: str | None = None,
        project: str | None = None,
        volume_only: bool = False,
        wait: bool = True,
        client: Client | None = None,
        *,
        target: str | None = None,
        mode: str = "pull",
        **extra: Any,
    ) -> StorageVolume:
        """Copy the volume (with its snapshots unless ``volume_only``) as ``name`` into
        ``pool`` and/or ``project`` (default: beside it); returns the copy.

        With ``client`` (another server's client of the same flavour), the volume is copied
        to that server: it pulls the volume from this server's network address
        (``core.https_address``), so that must be set. That always waits. ``target``: the
        cluster member to put the copy on (that always waits too): Incus copies it there in
        one request (``cluster_internal_custom_volume_copy``), on LXD another member pulls it
        the same way. ``mode``: between servers (and LXD's members), ``"pull"``, ``"push"``
        or ``"relay"`` (as for instance copies: who connects to whom).

        A copy into another project needs ``storage_api_project``. Waits for the copy with
        ``wait`` (without it, the copy is returned unfetched).
        """
        if not self._loaded:
            await self.sync()
        pool = pool or self._raw_attr("pool")
        body: dict[str, Any] = {
            "name": name or self._raw_attr("name"),
            "type": "custom",
            "content_type": self._raw_attr("content_type") or "filesystem",
            **extra,
        }
        mode = check_mode(mode)
        local = client is None or client is self.client
        internal = mode == "pull" and self.client.has_api_extension(INTERNAL_COPY)
        if not local or target is not None:
            body.update(self._settings())  # a transfer does not carry them
        if not local or (target is not None and not internal):
            return await self._copy_to_server(
                client or self.client, body, pool, project, volume_only, target, mode
            )
        body["source"] = {
            "type": "copy",
            "pool": self._raw_attr("pool"),
            "name": self._raw_attr("name"),
            "volume_only": volume_only,
        }
        source_project = self._current_project()
        if project is not None and project != source_project:
            self.client.assert_has_api_extension("storage_api_project")
            body["source"]["project"] = source_project or "default"
        target_project = project if project is not None else self.api.project
        node = self._volumes_node(pool, target_project)
        if target is None:
            return await StorageVolumeManager(self.client, node, pool)._create(
                body, body["name"], wait
            )
        # The member holding the source: the name may be on several members.
        body["source"]["location"] = self._raw_attr("location")
        response = await node[body["type"]].post(json=body, target=target)
        await self._wait_if(response, True)
        return await self._read_on(self.client, node, pool, body, target)

    async def _copy_to_server(
        self,
        client: Client,
        body: dict[str, Any],
        pool: str,
        project: str | None,
        volume_only: bool,
        target: str | None = None,
        mode: str = "pull",
    ) -> StorageVolume:
        """A migration to the other server (or cluster member ``target``) in ``mode``
        (see :func:`pylxd._async.migration.transfer`), then the copy read there."""
        node = client.api.storage_pools[pool].volumes.in_project(project)

        def create(offered: PullOffer | None) -> dict[str, Any]:
            source = migration_source(
                offered.url if offered else None,
                offered.secrets if offered else {},
                offered.certificate if offered else None,
                volume_only=volume_only,
            )
            return {**body, "source": source}

        request = {"name": self._raw_attr("name"), "migration": True, "volume_only": volume_only}
        await transfer(self.client, self.api, client, node, mode, create, request, target)
        return await self._read_on(client, node, pool, body, target)

    def _settings(self) -> dict[str, Any]:
        """The volume's ``config`` and ``description``, which a copy to another member or
        server (and Incus' move to another member) leaves behind unless sent."""
        return {
            "config": self._raw_attr("config") or {},
            "description": self._raw_attr("description") or "",
        }

    @staticmethod
    async def _read_on(
        client: Client, node: APINode, pool: str, body: dict[str, Any], target: str | None
    ) -> StorageVolume:
        """The volume ``body`` made on member ``target``: read there, since a name may now
        be on two members (the server then wants one named)."""
        params = {"target": target} if target is not None else None
        response = await node[body["type"]][body["name"]].get(params=params)
        return StorageVolumeManager(client, node, pool)._wrap_response(response, node)

    async def _move_within_cluster(self, target: str, name: str | None, pool: str | None) -> None:
        """Incus' one-request move to member ``target`` (``migration`` with the source's
        ``location``), optionally renamed and into another pool; the object follows."""
        if not self._loaded:
            await self.sync()
        name = name or self._raw_attr("name")
        pool = pool or self._raw_attr("pool")
        body = {
            "name": name,
            "pool": pool,
            "migration": True,
            "source": {"location": self._raw_attr("location")},
        }
        source, settings = self.api.path, self._settings()
        response = await self.api.post(json=body, target=target)
        await self._wait_if(response, True)
        collection = self._volumes_node(pool, self.api.project)["custom"]
        await self._wait_for_transfers(source, collection[name].path)
        await self._follow(collection, name, pool)
        if self._settings() != settings:  # Incus 6.0.4 moves neither
            await self.raw_put(settings, wait=True)
            await self.sync()

    async def _wait_for_transfers(self, *paths: str) -> None:
        """Wait for the operations still running on the volumes at ``paths``: Incus 6.0.4
        ends a move's operation before the transfer it started when the source is the
        member the client talks to (the volume is then still there, and not yet on the
        target). Those operations exist by then: the move's operation starts them."""
        for operation in await self.client.operations.all(self.api.project):
            touched = (operation.resources or {}).get("storage_volumes", [])
            if operation.status == "Running" and {p.split("?")[0] for p in touched} & {*paths}:
                try:
                    await operation.wait()
                except NotFound:
                    pass  # over and forgotten meanwhile

    async def _move_to_member(self, target: str, name: str | None, pool: str | None) -> None:
        if not self._loaded:
            await self.sync()
        location = self._raw_attr("location")
        copy = await self.copy(name, pool, target=target)
        # Both may exist now, on two members: the delete names the old one's.
        await self._wait_if(await self.api.delete(params={"target": location}), True)
        await self._follow(copy._collection, copy._raw_attr("name"), copy._raw_attr("pool"))

    async def _follow(self, collection: APINode | None, name: str, pool: str) -> None:
        """After a move to another member: requests go to the volume's new ``name`` in
        ``pool`` (under ``collection``); read it back there."""
        if pool != self._raw_attr("pool"):
            self.storage_pool = None  # the object it came from is not its pool any more
        self._collection = collection
        self._set_server_value("name", name)
        self._set_server_value("pool", pool)
        await self.sync()

    async def migrate(
        self,
        client: Client,
        name: str | None = None,
        pool: str | None = None,
        project: str | None = None,
        volume_only: bool = False,
        mode: str = "pull",
    ) -> StorageVolume:
        """Move the volume to another server: copy it there (see :meth:`copy`, ``mode``
        too), then delete it here, as upstream's instance ``migrate`` does. Returns the
        volume there."""
        copy = await self.copy(name, pool, project, volume_only, client=client, mode=mode)
        await self.delete()
        return copy

    async def restore_from(self, snapshot_name: str, wait: bool = True) -> None:
        """Restore the volume to its snapshot ``snapshot_name`` (``PUT {"restore": …}``)."""
        await self.raw_put({"restore": snapshot_name}, wait=wait)

    async def state(self) -> dict[str, Any]:
        """The volume's usage (``GET …/state``; the ``dir`` driver of LXD 5.0 refuses it)."""
        self.client.assert_has_api_extension("storage_volume_state")
        return metadata_object(await self.api.state.get())


class StorageVolumeManager(Collection[StorageVolume]):
    """``pool.volumes``.

    ``get``/``exists`` take the docs' ``(type, name)`` or just a custom volume's name.
    """

    model = StorageVolume
    api_extension = "storage"

    def __init__(
        self,
        client: Client,
        node: APINode,
        pool_name: str | None = None,
        *,
        pool: StoragePool | None = None,
    ) -> None:
        super().__init__(client, node=node)
        self._pool = pool
        if pool_name is None and pool is not None:
            pool_name = pool._raw_attr("name")
        self._pool_name = pool_name

    def _init(self, data: Mapping[str, Any], node: APINode) -> dict[str, Any]:
        # LXD 5.0 does not say which pool a volume is in: it is given here, kept on sync.
        return {
            "collection": node[data.get("type") or "custom"],
            "storage_pool": self._pool,
            "pool": self._pool_name,
        }

    async def get(  # type: ignore[override]
        self, type_or_name: str, name: str | None = None, project: str | None = None
    ) -> StorageVolume:
        """Fetch one volume: ``get("custom", "vol1")`` (or ``get("vol1")`` for a custom one),
        in ``project`` if given.

        Raises:
            NotFound: no such volume.
        """
        volume_type, volume_name = volume_key(type_or_name, name)
        node = self._in(project)
        return self._wrap_response(await node[volume_type][volume_name].get(), node)

    async def exists(  # type: ignore[override]
        self, type_or_name: str, name: str | None = None, project: str | None = None
    ) -> bool:
        """Whether the volume exists (``exists("custom", "vol1")`` or ``exists("vol1")``)."""
        try:
            await self.get(type_or_name, name, project)
        except NotFound:
            return False
        return True

    async def all(
        self,
        project: str | None = None,
        all_projects: bool = False,
        volume_type: str | None = None,
        *,
        filter: Filter | None = None,  # noqa: A002 - LXD's name for it
    ) -> list[StorageVolume]:
        """Every volume of the pool (or of ``volume_type``), complete, in one request; in
        ``project``, or in every project (each volume then remembers its own).
        ``filter``: only those it matches (see :meth:`Collection.all`; needs
        ``storage_volume_api_filtering``).

        Snapshots are not volumes here (Incus lists them too): see ``volume.snapshots``.
        """
        node = self._in(project)
        params = self._listing_params(project, all_projects, 1, filter)
        listing = metadata_list(await self._typed(volume_type).get(params=params))
        return [self._wrap(item, node) for item in listing if "/" not in item.get("name", "")]

    async def names(self, project: str | None = None, volume_type: str | None = None) -> list[str]:
        """``<type>/<name>`` of every volume (or of ``volume_type``), snapshots left out."""
        node = self._in(project)
        urls = metadata_list(await (node if volume_type is None else node[volume_type]).get(), str)
        return [
            f"{name_from_url(url.rsplit('/', 1)[0])}/{name_from_url(url)}"
            for url in urls
            if "/snapshots/" not in url
        ]

    def _typed(self, volume_type: str | None) -> APINode:
        self.model.require_extension(self._client)
        return self._node if volume_type is None else self._node[volume_type]

    async def create(
        self,
        definition: Mapping[str, Any] | str,
        *args: Mapping[str, Any],
        wait: bool = True,
        target: str | None = None,
    ) -> StorageVolume:
        """Create a custom volume from ``definition``, LXD's whole request, e.g.
        ``{"name": "vol1", "config": {"size": "1GiB"}, "content_type": "filesystem"}``;
        a ``source`` in it copies or migrates. Upstream's ``create("custom", definition)``
        is accepted too. Waits for the creation with ``wait``; returns the volume.
        ``target`` puts it on that cluster member (``location``).

        Raises:
            Conflict: a volume with that name exists.
            BadRequest: LXD refused the definition.
        """
        if args:
            definition = args[-1]
        if not isinstance(definition, Mapping) or "name" not in definition:
            raise TypeError("definition must be a dict holding at least the volume's name")
        body = {"type": "custom", **definition}
        return await self._create(body, body["name"], wait, target)

    async def create_from_backup(
        self,
        data: Body,
        name: str | None = None,
        wait: bool = True,
        *,
        progress: Progress | None = None,
    ) -> StorageVolume:
        """Import a volume backup (``backup.export()``'s tarball: bytes or a file object,
        streamed) as a new custom volume, named ``name`` or as in the backup; ``progress``
        is called with ``(sent, total)`` bytes as it goes up.

        Needs ``custom_volume_backup`` (and ``backup_override_name`` for ``name``).
        """
        self._client.assert_has_api_extension("custom_volume_backup")
        if name is not None:
            self._client.assert_has_api_extension("backup_override_name")
        body, headers = counted_upload(data, progress)
        headers.update(import_headers(self._client.is_incus, name))
        response = await self._node.custom.post(data=body, headers=headers)
        operation = response_operation(response)
        finished = None
        if operation is not None and wait:
            finished = await self._client.operations.wait_for_operation(operation)
        if name is None and finished is not None:
            name = resource_name({"resources": finished.resources or {}}, "storage_volumes")
        if name is None:
            raise ValueError("LXD did not say what the imported volume is called: pass name=")
        if operation is not None and not wait:
            volume = self.model(self._client, **self._init({"type": "custom"}, self._node))
            volume._set_server_value("name", name)
            return volume
        return await self.get("custom", name)
