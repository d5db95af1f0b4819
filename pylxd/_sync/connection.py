# Generated from pylxd/_async/connection.py by tools/unasync.py: do not edit, edit the source.
"""How a client reaches its server: endpoints, certificates, TLS, the bearer token and the
transport, settled once when the client is made."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pylxd._core.endpoint import (
    Cert,
    Endpoint,
    default_certs,
    pinned_server_cert,
    resolve_endpoints,
)
from pylxd._core.tls import build_ssl_context
from pylxd._drivers.types import TimeoutSpec
from pylxd.exceptions import ClientConnectionFailed

if TYPE_CHECKING:
    import ssl

    from pylxd._sync.failover import FailoverTransport
    from pylxd._core.jwt import BearerToken
    from pylxd._drivers.sync.http import Transport


@dataclass
class Connection:
    """What :func:`settle` decided: the client keeps each part as an attribute."""

    endpoints: list[Endpoint]
    cert: Cert | None
    verify: bool | str
    bearer: BearerToken | None
    ssl_context: ssl.SSLContext | None
    transport: Transport | FailoverTransport


def settle(
    endpoint: str | Sequence[str] | None,
    cert: Sequence[str | os.PathLike[str]] | None,
    verify: bool | str | os.PathLike[str],
    timeout: TimeoutSpec,
    max_response_size: int | None,
    auth: str,
) -> Connection:
    """Resolve ``Client``'s connection arguments (see its docstring) into a transport."""
    given = [endpoint] if endpoint is None or isinstance(endpoint, str) else list(endpoint)
    if cert is None and any(isinstance(e, str) and not e.startswith("/") for e in given):
        cert = default_certs()
    endpoints = resolve_endpoints(endpoint, tls=cert is not None)
    network = [e for e in endpoints if e.socket_path is None]
    tls = any(e.scheme == "https" for e in network)
    if not isinstance(verify, bool):
        verify = os.fspath(verify)
    elif tls and verify:
        verify = pinned_server_cert(network[0]) or True
    pair: Cert | None = None
    if cert is not None:
        if isinstance(cert, (str, bytes)) or len(cert) != 2:
            raise TypeError("cert must be a (certificate, key) pair of paths")
        pair = Cert(os.fspath(cert[0]), os.fspath(cert[1]))
    bearer = _bearer_token(auth, pair, tls)
    try:
        shown = None if bearer else pair  # JWT: the key signs, TLS carries none
        context = build_ssl_context(shown, verify) if tls else None
    except OSError as exc:
        raise ClientConnectionFailed(f"cannot load the TLS certificates: {exc}") from exc
    # The HTTP library is imported with the first client, not with ``import pylxd``
    # (``import pylxd`` imports aiohttp itself: never inside a running loop).
    from pylxd._drivers.sync.http import Transport

    transport: Transport | FailoverTransport
    if len(endpoints) == 1:
        transport = Transport(endpoints[0], context, timeout, max_response_size)
    else:
        from pylxd._sync.failover import FailoverTransport

        transport = FailoverTransport(
            endpoints, lambda each: Transport(each, context, timeout, max_response_size)
        )
    return Connection(endpoints, pair, verify, bearer, context, transport)


def _bearer_token(auth: str, cert: Cert | None, tls: bool) -> BearerToken | None:
    """``auth="jwt"``: Incus' ``auth_tls_jwt``, a JWT signed with the client certificate's
    key sent as a bearer token instead of the certificate in the TLS handshake."""
    if auth == "tls":
        return None
    if auth != "jwt":
        raise ValueError(f"auth must be 'tls' or 'jwt', not {auth!r}")
    if cert is None or not tls:
        raise ValueError("auth='jwt' needs an https:// endpoint and cert=(certificate, key)")
    from pylxd._core.jwt import BearerToken  # cryptography, imported when asked for

    try:
        with open(cert.cert) as crt, open(cert.key, "rb") as key:
            return BearerToken(crt.read(), key.read())
    except OSError as exc:
        raise ClientConnectionFailed(f"cannot load the TLS certificates: {exc}") from exc
