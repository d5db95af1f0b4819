"""The cluster (``/1.0/cluster``): ``client.cluster`` and its certificate. Members, groups and
join tokens are in ``member.py``, ``group.py`` and ``join_token.py`` beside this module."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pylxd._async.api import APINode
from pylxd._async.cluster.group import ClusterGroupManager
from pylxd._async.cluster.join_token import ClusterJoinTokenManager
from pylxd._async.cluster.member import ClusterMemberManager
from pylxd._async.model import Model
from pylxd._core.fields import Attribute

if TYPE_CHECKING:
    from pylxd._async.client import Client

__all__ = ["Cluster", "ClusterCertificate", "ClusterCertificateManager", "ClusterManager"]


class ClusterCertificateManager:
    """``client.cluster.certificate``: the cluster's shared certificate
    (``/1.0/cluster/certificate``)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    async def put(self, cert: str, key: str) -> None:
        """Replace the certificate every member serves (PEM ``cert`` and ``key``).

        Raises:
            LXDAPIExtensionNotAvailable: no ``clustering_update_cert``.
        """
        self._client.assert_has_api_extension("clustering_update_cert")
        await self._client.api.cluster.certificate.put(
            json={"cluster_certificate": cert, "cluster_certificate_key": key}
        )


class ClusterCertificate:
    """Upstream's name for the cluster certificate (``ClusterCertificate.put(client, …)``)."""

    @classmethod
    async def put(cls, client: Client, cert: str, key: str) -> None:
        """See :meth:`ClusterCertificateManager.put`."""
        await client.cluster.certificate.put(cert, key)


class Cluster(Model):
    """The cluster as this server sees it (``GET /1.0/cluster``); it offers what
    ``client.cluster`` offers: ``members``, ``groups``, ``join_tokens``, ``certificate``."""

    server_name: Attribute[str] = Attribute(readonly=True)
    enabled: Attribute[bool] = Attribute(readonly=True)
    member_config: Attribute[list[dict[str, str]]] = Attribute(readonly=True)

    _identity = ("server_name",)

    def __init__(self, client: Client, **values: Any) -> None:
        super().__init__(client, **values)
        self.members = ClusterMemberManager(client, self)
        self.groups = ClusterGroupManager(client)
        self.join_tokens = ClusterJoinTokenManager(client)
        self.certificate = ClusterCertificateManager(client)

    @property
    def api(self) -> APINode:
        return self.client.api.cluster

    # -- upstream's classmethod spellings: the manager owns the logic -----------------

    @classmethod
    async def get(cls, client: Client) -> Cluster:
        """See :meth:`ClusterManager.get`."""
        return await client.cluster.get()

    @classmethod
    async def enable(cls, client: Client, server_name: str) -> Cluster:
        """See :meth:`ClusterManager.enable`."""
        return await client.cluster.enable(server_name)


class ClusterManager:
    """``client.cluster``."""

    def __init__(self, client: Client) -> None:
        self._client = client
        self.members = ClusterMemberManager(client)
        self.groups = ClusterGroupManager(client)
        self.join_tokens = ClusterJoinTokenManager(client)
        self.certificate = ClusterCertificateManager(client)

    async def get(self) -> Cluster:
        """Fetch the cluster (a standalone server answers ``enabled=False``)."""
        self._client.assert_has_api_extension("clustering")
        return Cluster._from_response(self._client, await self._client.api.cluster.get())

    async def enable(self, server_name: str) -> Cluster:
        """Turn a standalone server into a one-member cluster called ``server_name``.

        Waits for LXD's operation. The server needs ``core.https_address`` set.
        """
        client = self._client
        client.assert_has_api_extension("clustering_join")
        response = await client.api.cluster.put(json={"server_name": server_name, "enabled": True})
        cluster = Cluster(client, server_name=server_name)
        await cluster._wait_if(response, wait=True)
        await client.connect()  # the server's description changed (server_clustered)
        await cluster.sync()
        return cluster
