# Generated from pylxd/_async/certificate.py by tools/unasync.py: do not edit, edit the source.
"""The trust store: certificates, and the one-time tokens that add one."""

from __future__ import annotations

import builtins  # the class body has a field called "type"
import os
from typing import TYPE_CHECKING, Any

from pylxd._sync.collection import Collection, NamedModel
from pylxd._sync.operation import Operation
from pylxd._core.envelope import metadata_object
from pylxd._core.fields import Attribute
from pylxd._core.tls import certificate_base64, certificate_fingerprint
from pylxd._core.tokens import encode_trust_token
from pylxd.exceptions import NotFound

if TYPE_CHECKING:
    from pylxd._sync.client import Client

__all__ = ["Certificate", "CertificateManager", "TrustToken"]


class Certificate(NamedModel):
    """A trusted certificate (``/1.0/certificates/<fingerprint>``).

    ``name``, ``type``, ``restricted``, ``projects`` (and ``description`` on Incus) are
    edited by assignment and sent by ``save()`` (LXD's ``certificate_update``).
    """

    fingerprint: Attribute[str] = Attribute(readonly=True)
    certificate: Attribute[str] = Attribute()
    name: Attribute[str] = Attribute()
    type: Attribute[str] = Attribute()
    restricted: Attribute[bool] = Attribute()
    projects: Attribute[list[str]] = Attribute()
    description: Attribute[str] = Attribute(optional=True)

    _collection_path = "certificates"
    _name_field = "fingerprint"
    _identity = ("fingerprint",)

    @classmethod
    def create(
        cls,
        client: Client,
        password: str,
        cert_data: str | bytes,
        cert_type: str = "client",
        name: str = "",
        projects: builtins.list[str] | None = None,
        restricted: bool = False,
        secret: str = "",
    ) -> Certificate:
        """Add a certificate to the trust store (see :meth:`CertificateManager.create`)."""
        return CertificateManager(client).create(
            password, cert_data, cert_type, name, projects, restricted, secret
        )

    @classmethod
    def create_token(
        cls,
        client: Client,
        name: str = "",
        projects: builtins.list[str] | None = None,
        restricted: bool = False,
    ) -> str:
        """A one-time trust token (see :meth:`CertificateManager.create_token`)."""
        return CertificateManager(client).create_token(name, projects, restricted)


class TrustToken:
    """A pending trust token: made by ``create_token``, not used yet.

    Attributes:
        name: the client name it was made for.
        token: the string to hand to the new client (``lxc remote add``, ``authenticate``).
        secret, fingerprint, addresses, expires_at: what the token carries.
        operation_id: the operation that holds it (deleting it revokes the token).
    """

    def __init__(self, client: Client, operation: Operation) -> None:
        meta: dict[str, Any] = operation.metadata or {}
        request = meta.get("request") or {}
        self._client = client
        self.operation_id: str = operation.id
        self.name: str = request.get("name", "")
        self.secret: str = meta.get("secret", "")
        self.fingerprint: str = meta.get("fingerprint", "")
        self.addresses: builtins.list[str] = list(meta.get("addresses") or [])
        self.expires_at: str | None = meta.get("expiresAt") or meta.get("expires_at") or None
        self.token = encode_trust_token(
            self.name, self.fingerprint, self.addresses, self.secret, self.expires_at
        )

    def revoke(self) -> None:
        """Revoke the token (it can no longer add a certificate)."""
        self._client.operations.cancel(self.operation_id)

    def __repr__(self) -> str:
        return f"<TrustToken name={self.name!r}>"


class CertificateManager(Collection[Certificate]):
    """``client.certificates``."""

    model = Certificate

    def create(
        self,
        password: str,
        cert_data: str | bytes,
        cert_type: str = "client",
        name: str = "",
        projects: builtins.list[str] | None = None,
        restricted: bool = False,
        secret: str = "",
    ) -> Certificate:
        """Add a certificate to the trust store and return it.

        Args:
            password: the server's trust password (LXD before 6; ignored by a server that
                already trusts this client; pass ``""`` when there is none).
            cert_data: the certificate: PEM (``bytes`` or ``str``) or DER ``bytes``.
            cert_type: ``"client"`` or ``"metrics"``.
            name: a name for it (LXD derives one when empty).
            projects: with ``restricted``, the projects it may use.
            restricted: confine it to ``projects``.
            secret: a trust token to use instead of the password.

        Raises:
            ValueError: ``cert_data`` is not a certificate.
            Conflict: it is in the trust store already.
            LXDAPIException: LXD refused it (wrong password, bad type…: LXD's message).
        """
        fingerprint = self.add(
            cert_data, password, cert_type, name, projects, restricted, secret
        )
        return self.get(fingerprint)

    def add(
        self,
        cert_data: str | bytes,
        password: str = "",
        cert_type: str = "client",
        name: str = "",
        projects: builtins.list[str] | None = None,
        restricted: bool = False,
        secret: str = "",
    ) -> str:
        """Like :meth:`create`, without reading the certificate back (which a client that
        just trusted itself with a restricted token may not be allowed to): returns its
        fingerprint."""
        body: dict[str, Any] = {
            "type": cert_type,
            "certificate": certificate_base64(cert_data),
            "name": name,
            "restricted": restricted,
            "projects": projects or [],
        }
        if secret:
            if self._client.has_api_extension("explicit_trust_token") or self._client.is_incus:
                body["trust_token"] = secret
            else:
                body["password"] = secret  # before explicit_trust_token, tokens go here
        elif password:
            body["password"] = password
        self._node.post(json=body)
        return certificate_fingerprint(cert_data)

    def create_token(
        self,
        name: str = "",
        projects: builtins.list[str] | None = None,
        restricted: bool = False,
    ) -> str:
        """Make a one-time trust token (``lxc config trust add``) and return it: the new
        client passes it to ``authenticate()`` (or ``lxc remote add``).

        Raises:
            LXDAPIExtensionNotAvailable: the server has no ``certificate_token``.
        """
        self._client.assert_has_api_extension("certificate_token")
        body = {
            "type": "client",
            "token": True,
            "name": name,
            "restricted": restricted,
            "projects": projects or [],
        }
        operation = metadata_object(self._node.post(json=body), "an operation")
        return TrustToken(self._client, Operation._from_server(self._client, operation)).token

    def tokens(self) -> builtins.list[TrustToken]:
        """The trust tokens made and not used yet (one request)."""
        return [
            TrustToken(self._client, operation)
            for operation in self._client.operations.all()
            if operation.class_ == "token"
            and operation.status == "Running"
            and "request" in (operation.metadata or {})  # not a cluster join token
        ]

    def revoke_token(self, name_or_token: str) -> None:
        """Revoke a pending token, by the client name it was made for or by the token.

        Raises:
            NotFound: no pending token has that name.
        """
        for token in self.tokens():
            if name_or_token in (token.name, token.token):
                token.revoke()
                return
        raise NotFound(None, f"no pending trust token {name_or_token!r}", status_code=404)

    @staticmethod
    def fingerprint_of(cert: str | bytes | os.PathLike[str]) -> str:
        """The fingerprint LXD gives a certificate: of a PEM/DER file (a path), or of PEM
        text/bytes or DER bytes. No request."""
        if isinstance(cert, bytes) or (isinstance(cert, str) and "-----BEGIN" in cert):
            return certificate_fingerprint(cert)
        with open(cert, "rb") as f:
            return certificate_fingerprint(f.read())
