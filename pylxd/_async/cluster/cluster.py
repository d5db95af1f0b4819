"""The cluster (``/1.0/cluster``): ``client.cluster`` and its certificate. Members, groups and
join tokens are in ``member.py``, ``group.py`` and ``join_token.py`` beside this module."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from pylxd._async.api import APINode
from pylxd._async.cluster.group import ClusterGroupManager
from pylxd._async.cluster.join_token import ClusterJoinTokenManager
from pylxd._async.cluster.member import ClusterMemberManager
from pylxd._async.model import Model
from pylxd._core.fields import Attribute
from pylxd._core.tokens import decode_join_token
from pylxd._drivers.aio.flavour import run_blocking
from pylxd.exceptions import ClientConnectionFailed

if TYPE_CHECKING:
    from pylxd._async.client import Client
    from pylxd._async.cluster.join_token import ClusterJoinToken

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

    async def join(
        self,
        token: str | ClusterJoinToken,
        server_address: str,
        member_config: list[dict[str, str]] | None = None,
        *,
        cluster_certificate: str | None = None,
        timeout: float = 10.0,
    ) -> Cluster:
        """Join this standalone server into a cluster with a join token (what
        ``cluster.join_tokens.create(name)`` or ``lxc cluster add`` gave), as ``lxd init``
        does: the member is called as the token says.

        Args:
            token: the join token (its string or the :class:`ClusterJoinToken`).
            server_address: the address this server will listen on for the cluster
                (``"10.0.0.4:8443"``).
            member_config: the member-specific keys the cluster asks for (``GET
                /1.0/cluster``'s ``member_config`` on a member, values filled in, e.g.
                ``[{"entity": "storage-pool", "name": "default", "key": "source",
                "value": ""}]``).
            cluster_certificate: the cluster's certificate (PEM); by default it is read
                from the first address in the token that answers, and checked against the
                token's fingerprint.
            timeout: seconds to reach each cluster address for its certificate.

        Raises:
            ValueError: ``token`` is not a join token.
            ClientConnectionFailed: no address in the token answered, or the certificate
                found is not the token's.
            OperationFailed: LXD refused the join (its message).
        """
        client = self._client
        client.assert_has_api_extension("clustering_join_token")
        text = str(token)
        decoded = decode_join_token(text)
        addresses = [str(address) for address in decoded["addresses"]]  # type: ignore[attr-defined]
        address = addresses[0]
        if cluster_certificate is None:
            address, cluster_certificate = await _cluster_certificate(
                addresses, str(decoded["fingerprint"]), timeout
            )
        body: dict[str, Any] = {
            "server_name": decoded["server_name"],
            "enabled": True,
            "server_address": server_address,
            "cluster_address": address,
            "cluster_certificate": cluster_certificate,
            # LXD 5.0 checks the raw token, sent where a trust password used to go;
            # Incus (which has no trust password) has a field of its own.
            ("cluster_token" if client.is_incus else "cluster_password"): text,
            "member_config": member_config or [],
        }
        response = await client.api.cluster.put(json=body)
        cluster = Cluster(client, server_name=decoded["server_name"])
        await cluster._wait_if(response, wait=True)
        await client.connect()  # the server's description changed (server_clustered)
        await cluster.sync()
        return cluster


async def _cluster_certificate(
    addresses: list[str], fingerprint: str, timeout: float
) -> tuple[str, str]:
    """The first of ``addresses`` that answers, and its certificate (PEM), which must be
    the one the token names (its SHA-256 fingerprint)."""
    import ssl  # not at import time: ``import pylxd`` loads no network library

    errors = []
    for address in addresses:
        host, _, port = address.rpartition(":")
        try:
            pem = await run_blocking(
                ssl.get_server_certificate, (host.strip("[]"), int(port)), timeout=timeout
            )
        except (OSError, ValueError) as exc:
            errors.append(f"{address}: {exc}")
            continue
        if hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest() != fingerprint:
            raise ClientConnectionFailed(
                f"the cluster member at {address} does not have the join token's certificate"
            )
        return address, pem
    raise ClientConnectionFailed(
        "no cluster address in the join token answered: " + "; ".join(errors)
    )
