# Generated from pylxd/_async/cluster/join_token.py by tools/unasync.py: do not edit, edit the source.
"""Join tokens (``client.cluster.join_tokens``): LXD keeps them as ``token`` operations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pylxd._core.envelope import expect, metadata_field, metadata_object
from pylxd._core.tokens import encode_join_token
from pylxd.exceptions import NotFound

if TYPE_CHECKING:
    from pylxd._sync.client import Client
    from pylxd._sync.operation import Operation


__all__ = ["ClusterJoinToken", "ClusterJoinTokenManager"]


class ClusterJoinToken:
    """A pending invitation for a new member (an LXD ``token`` operation).

    ``str(token)`` (or ``.token``) is what ``lxc cluster add`` prints and what the new
    member's ``cluster_token`` takes.
    """

    def __init__(self, client: Client, operation_id: str, data: dict[str, Any]) -> None:
        self._client = client
        self.operation_id = operation_id
        self.server_name: str = data.get("serverName") or data.get("server_name") or ""
        self.secret: str = data.get("secret", "")
        self.fingerprint: str = data.get("fingerprint", "")
        self.addresses: list[str] = list(data.get("addresses") or [])
        self.expires_at: str | None = data.get("expiresAt") or data.get("expires_at")

    @property
    def token(self) -> str:
        """The encoded token."""
        return encode_join_token(
            self.server_name, self.fingerprint, self.addresses, self.secret, self.expires_at
        )

    def revoke(self) -> None:
        """Invalidate the token (cancels its operation)."""
        self._client.operations.cancel(self.operation_id)

    def __str__(self) -> str:
        return self.token

    def __repr__(self) -> str:
        return f"<ClusterJoinToken server_name={self.server_name!r}>"


def _is_join_token(operation: Operation) -> bool:
    meta = operation._raw_attr("metadata") or {}
    return bool(
        operation._raw_attr("class") == "token"
        and operation._raw_attr("status_code") == 103  # Running: not used or revoked yet
        and ("serverName" in meta or "server_name" in meta)
    )


class ClusterJoinTokenManager:
    """``client.cluster.join_tokens``: invitations for new members."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def create(self, server_name: str) -> ClusterJoinToken:
        """A join token for a member-to-be called ``server_name``.

        Raises:
            LXDAPIException: the server is not clustered, or the name is taken.
        """
        self._client.assert_has_api_extension("clustering_join_token")
        response = self._client.api.cluster.members.post(json={"server_name": server_name})
        operation = metadata_object(response, "an operation")
        secrets = operation.get("metadata") or {}
        expect(response, secrets, dict, "a join token's operation metadata (an object)")
        return ClusterJoinToken(self._client, metadata_field(response, "id", str), secrets)

    def all(self) -> list[ClusterJoinToken]:
        """Every pending join token, in one request."""
        self._client.assert_has_api_extension("clustering_join_token")
        return [
            ClusterJoinToken(self._client, op._raw_attr("id"), op._raw_attr("metadata") or {})
            for op in self._client.operations.all()
            if _is_join_token(op)
        ]

    def revoke(self, server_name: str) -> None:
        """Revoke the pending token(s) for ``server_name``.

        Raises:
            NotFound: no pending token for that name.
        """
        tokens = [t for t in self.all() if t.server_name == server_name]
        if not tokens:
            raise NotFound(None, f"no pending join token for {server_name!r}")
        for token in tokens:
            token.revoke()
