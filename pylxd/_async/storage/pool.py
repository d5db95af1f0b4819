"""Storage pools (``client.storage_pools``) and their resources (``pool.resources``)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pylxd._async.api import APINode
from pylxd._async.collection import Collection, NamedModel
from pylxd._async.model import Model
from pylxd._async.storage.volume import StorageVolumeManager
from pylxd._core.envelope import metadata_object
from pylxd._core.fields import Attribute
from pylxd._core.values import missing_as_true, null_as_list
from pylxd.exceptions import LXDAPIException

if TYPE_CHECKING:
    from pylxd._async.client import Client

__all__ = [
    "StoragePool",
    "StoragePoolManager",
    "StorageResources",
    "StorageResourcesManager",
]


class StoragePool(NamedModel):
    """A storage pool (``/1.0/storage-pools/<name>``).

    ``save()`` sends ``description`` and ``config`` whole; ``put``/``patch`` send what they
    are given and read the pool back. Volumes are in :attr:`volumes`, usage in
    :attr:`resources`.
    """

    name: Attribute[str] = Attribute(readonly=True)
    driver: Attribute[str] = Attribute(readonly=True)
    used_by: Attribute[list[str]] = Attribute(readonly=True, from_server=null_as_list)
    config: Attribute[dict[str, str]] = Attribute(server_keys=("volatile.",))
    managed: Attribute[bool] = Attribute(readonly=True, from_server=missing_as_true)
    description: Attribute[str] = Attribute()
    status: Attribute[str] = Attribute(readonly=True)
    locations: Attribute[list[str]] = Attribute(readonly=True)

    _collection_path = "storage_pools"
    _extension = "storage"
    _operations_extension = "storage_and_network_operations"

    @property
    def volumes(self) -> StorageVolumeManager:
        """The pool's volumes: ``pool.volumes.get("custom", "vol1")``."""
        return StorageVolumeManager(self.client, self.api.volumes, pool=self)

    @property
    def resources(self) -> StorageResourcesManager:
        """The pool's space and inodes: ``pool.resources.get()``."""
        return StorageResourcesManager(self)

    @classmethod
    async def create(
        cls,
        client: Client,
        definition: Mapping[str, Any],
        wait: bool = True,
        target: str | None = None,
    ) -> StoragePool:
        """Create a pool from ``definition``, LXD's whole request (``name``, ``driver``,
        ``config``, ``description``); returns it fetched. See
        :meth:`StoragePoolManager.create`."""
        return await StoragePoolManager(client).create(definition, wait, target)


class StoragePoolManager(Collection[StoragePool]):
    """``client.storage_pools``."""

    model = StoragePool

    async def create(
        self, definition: Mapping[str, Any], wait: bool = True, target: str | None = None
    ) -> StoragePool:
        """Create a pool: ``definition`` is LXD's whole request, e.g.
        ``{"name": "pool1", "driver": "dir", "config": {"source": "/srv/pool1"}}``.

        Waits for the creation when LXD makes it an operation (with ``wait``). In a
        cluster, ``target`` records one member's config only (the pool stays ``Pending``
        until it is created without ``target``).

        Raises:
            BadRequest: LXD refused the definition (a bad config key or value).
            LXDAPIException: an unknown driver (LXD's "Unknown driver", with the name
                and the drivers the server has), or any other refusal.
        """
        if not isinstance(definition, Mapping) or "name" not in definition:
            raise TypeError("definition must be a dict holding at least the pool's name")
        try:
            return await self._create(definition, definition["name"], wait, target)
        except LXDAPIException as exc:
            if exc.error.lower() != "unknown driver":
                raise
            raise type(exc)(exc.response, self._unknown_driver(definition)) from exc

    def _unknown_driver(self, definition: Mapping[str, Any]) -> str:
        drivers = self._client.host_info.get("environment", {}).get("storage_supported_drivers")
        known = ", ".join(sorted(d.get("Name", "?") for d in drivers or ()))
        return f"Unknown driver {definition.get('driver')!r} (this server has: {known or '?'})"


class StorageResources(Model):
    """A pool's usage (``/1.0/storage-pools/<name>/resources``): ``space`` and ``inodes``,
    each ``{"used": …, "total": …}``. Read-only."""

    space: Attribute[dict[str, int]] = Attribute(readonly=True)
    inodes: Attribute[dict[str, int]] = Attribute(readonly=True)

    _identity = ()

    def __init__(self, client: Client, *, pool: StoragePool, **values: Any) -> None:
        self.storage_pool = pool
        super().__init__(client, **values)

    @property
    def api(self) -> APINode:
        return self.storage_pool.api.resources

    def _repr_items(self) -> list[tuple[str, Any]]:
        return [("pool", self.storage_pool._raw_attr("name"))]

    @classmethod
    async def get(
        cls: builtins.type[StorageResources], storage_pool: StoragePool
    ) -> StorageResources:
        """See :meth:`StorageResourcesManager.get` (upstream's spelling)."""
        return await storage_pool.resources.get()


class StorageResourcesManager:
    """``pool.resources``."""

    def __init__(self, pool: StoragePool) -> None:
        self._pool = pool

    async def get(self) -> StorageResources:
        """The pool's space and inodes, used and total (one request)."""
        pool = self._pool
        pool.client.assert_has_api_extension("resources")
        resources = StorageResources(pool.client, pool=pool)
        resources._apply(metadata_object(await pool.api.resources.get()), complete=True)
        return resources
