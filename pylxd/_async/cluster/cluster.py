"""The cluster (``/1.0/cluster``): ``client.cluster``, its members and its certificate.

Groups and join tokens are in :mod:`pylxd._async.cluster.group`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pylxd._async.api import APINode
from pylxd._async.cluster.group import ClusterGroupManager, ClusterJoinTokenManager
from pylxd._async.collection import Collection, NamedModel
from pylxd._async.model import Model
from pylxd._core.envelope import metadata
from pylxd._core.fields import Attribute

if TYPE_CHECKING:
    from pylxd._async.client import Client

__all__ = [
    "Cluster",
    "ClusterCertificate",
    "ClusterCertificateManager",
    "ClusterManager",
    "ClusterMember",
    "ClusterMemberManager",
    "ClusterMemberState",
]


class ClusterMemberState:
    """``GET /1.0/cluster/members/<name>/state``: ``sysinfo`` and ``storage_pools``."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.sysinfo: dict[str, Any] = dict(data.get("sysinfo") or {})
        self.storage_pools: dict[str, Any] = dict(data.get("storage_pools") or {})

    def __repr__(self) -> str:
        return f"<ClusterMemberState pools={sorted(self.storage_pools)}>"


class ClusterMember(NamedModel):
    """One member of the cluster (``/1.0/cluster/members/<server_name>``).

    ``save()`` sends ``roles``, ``failure_domain``, ``description``, ``config`` and ``groups``.
    """

    server_name: Attribute[str] = Attribute(readonly=True)
    url: Attribute[str] = Attribute(readonly=True)
    database: Attribute[bool] = Attribute(readonly=True)
    status: Attribute[str] = Attribute(readonly=True)
    message: Attribute[str] = Attribute(readonly=True)
    architecture: Attribute[str] = Attribute(readonly=True)
    roles: Attribute[list[str]] = Attribute()
    failure_domain: Attribute[str] = Attribute()
    description: Attribute[str] = Attribute()
    config: Attribute[dict[str, str]] = Attribute()
    groups: Attribute[list[str]] = Attribute(optional=True)

    _identity = ("server_name",)
    _collection_path = "cluster.members"
    _name_field = "server_name"

    _extension = "clustering"

    async def rename(self, new_name: str, wait: bool = False) -> ClusterMember:
        """Rename the member (``POST {"server_name": new_name}``); returns it, renamed."""
        await self.post(json={"server_name": new_name}, wait=wait)
        self._values["server_name"] = new_name
        return self

    async def delete(self, wait: bool = False, force: bool = False) -> None:
        """Remove the member from the cluster; ``force`` removes an unreachable one
        without asking it (its state is left behind)."""
        response = await self.api.delete(params={"force": 1} if force else None)
        await self._wait_if(response, wait)

    async def _change_state(
        self, action: str, wait: bool, mode: str | None, force: bool | None = None
    ) -> None:
        self.client.assert_has_api_extension("clustering_evacuation")
        body: dict[str, Any] = {"action": action}
        if mode is not None:
            self.client.assert_has_api_extension("clustering_evacuation_mode")
            body["mode"] = mode
        if force is not None:
            body["force"] = force
        response = await self.api.state.post(json=body)
        await self._wait_if(response, wait)
        if wait:
            await self.sync(rollback=True)

    async def evacuate(
        self, wait: bool = False, mode: str | None = None, force: bool | None = None
    ) -> None:
        """Move (or stop) the member's instances and take it out of placement.

        With ``wait`` this waits until every instance has moved (LXD's operation), then
        reads the member back (``status`` is then ``Evacuated``).

        Args:
            mode: ``"stop"``, ``"migrate"`` or ``"live-migrate"`` (``clustering_evacuation_mode``);
                ``None`` follows each instance's ``cluster.evacuate`` setting.
            force: evacuate even below the voter majority (newer servers).
        """
        await self._change_state("evacuate", wait, mode, force)

    async def restore(self, wait: bool = False, mode: str | None = None) -> None:
        """Bring an evacuated member back and move its instances home (``mode="skip"``
        leaves them where they are)."""
        await self._change_state("restore", wait, mode)

    async def state(self) -> ClusterMemberState:
        """The member's live resources (``cluster_member_state``; LXD 5.0 lacks it)."""
        self.client.assert_has_api_extension("cluster_member_state")
        return ClusterMemberState(metadata(await self.api.state.get()))


class ClusterMemberManager(Collection[ClusterMember]):
    """``client.cluster.members`` (also ``client.cluster.get().members``): ``all()``,
    ``get(name)``, ``exists(name)``, ``names()``."""

    model = ClusterMember

    def __init__(self, client: Client, cluster: Cluster | None = None) -> None:
        super().__init__(client)
        self.cluster = cluster


class ClusterCertificate:
    """The cluster's shared certificate (``/1.0/cluster/certificate``)."""

    @classmethod
    async def put(cls, client: Client, cert: str, key: str) -> None:
        """Replace the certificate every member serves (PEM ``cert`` and ``key``).

        Raises:
            LXDAPIExtensionNotAvailable: no ``clustering_update_cert``.
        """
        client.assert_has_api_extension("clustering_update_cert")
        await client.api.cluster.certificate.put(
            json={"cluster_certificate": cert, "cluster_certificate_key": key}
        )


class ClusterCertificateManager:
    """``client.cluster.certificate``."""

    def __init__(self, client: Client) -> None:
        self._client = client

    async def put(self, cert: str, key: str) -> None:
        """Replace the cluster certificate (see :meth:`ClusterCertificate.put`)."""
        await ClusterCertificate.put(self._client, cert, key)


class Cluster(Model):
    """The cluster as this server sees it (``GET /1.0/cluster``)."""

    server_name: Attribute[str] = Attribute(readonly=True)
    enabled: Attribute[bool] = Attribute(readonly=True)
    member_config: Attribute[list[dict[str, str]]] = Attribute(readonly=True)

    _identity = ("server_name",)

    def __init__(self, client: Client, **values: Any) -> None:
        super().__init__(client, **values)
        self.members = ClusterMemberManager(client, self)
        self.certificate = ClusterCertificateManager(client)

    @property
    def api(self) -> APINode:
        return self.client.api.cluster

    @classmethod
    async def get(cls, client: Client) -> Cluster:
        """Fetch the cluster (a standalone server answers ``enabled=False``)."""
        client.assert_has_api_extension("clustering")
        return cls._from_server(client, metadata(await client.api.cluster.get()))

    @classmethod
    async def enable(cls, client: Client, server_name: str) -> Cluster:
        """Turn a standalone server into a one-member cluster called ``server_name``.

        Waits for LXD's operation. The server needs ``core.https_address`` set.
        """
        client.assert_has_api_extension("clustering_join")
        response = await client.api.cluster.put(json={"server_name": server_name, "enabled": True})
        cluster = cls(client, server_name=server_name)
        await cluster._wait_if(response, wait=True)
        await client.connect()  # the server's description changed (server_clustered)
        await cluster.sync()
        return cluster


class ClusterManager:
    """``client.cluster``: ``get()``, ``enable()``, ``members``, ``groups``,
    ``join_tokens``, ``certificate``."""

    def __init__(self, client: Client) -> None:
        self._client = client
        self.members = ClusterMemberManager(client)
        self.groups = ClusterGroupManager(client)
        self.join_tokens = ClusterJoinTokenManager(client)
        self.certificate = ClusterCertificateManager(client)

    async def get(self) -> Cluster:
        """Fetch the cluster."""
        return await Cluster.get(self._client)

    async def enable(self, server_name: str) -> Cluster:
        """Make a standalone server a cluster (see :meth:`Cluster.enable`)."""
        return await Cluster.enable(self._client, server_name)
