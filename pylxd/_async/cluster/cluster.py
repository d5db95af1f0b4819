"""The cluster (``/1.0/cluster``): ``client.cluster`` and its certificate. Members, groups and
join tokens are in ``member.py``, ``group.py`` and ``join_token.py`` beside this module."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pylxd._async.api import APINode
from pylxd._async.cluster.group import ClusterGroupManager
from pylxd._async.cluster.join_token import ClusterJoinTokenManager
from pylxd._async.cluster.member import ClusterMemberManager
from pylxd._async.model import Model
from pylxd._core.envelope import metadata
from pylxd._core.fields import Attribute

if TYPE_CHECKING:
    from pylxd._async.client import Client

__all__ = ["Cluster", "ClusterCertificate", "ClusterCertificateManager", "ClusterManager"]


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
