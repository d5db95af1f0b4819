"""Where the server is: endpoint resolution and the default client certificate paths.

One place decides, in this order: the explicit ``endpoint`` (a socket path or a URL),
``$LXD_DIR``, Incus' ``$INCUS_SOCKET``/``$INCUS_DIR``, the snap socket, Debian's
``/var/lib/lxd/unix.socket``, then Incus' default sockets.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from pylxd.exceptions import InvalidEndpoint

__all__ = [
    "APT_ROOT",
    "CERT_FILE_NAME",
    "KEY_FILE_NAME",
    "SNAP_ROOT",
    "Cert",
    "Endpoint",
    "default_certs",
    "pinned_server_cert",
    "resolve_endpoint",
    "resolve_endpoints",
]

SNAP_ROOT = os.path.expanduser("~/snap/lxd/common/config/")
APT_ROOT = os.path.expanduser("~/.config/lxc/")
CERT_FILE_NAME = "client.crt"
KEY_FILE_NAME = "client.key"

SNAP_SOCKET = "/var/snap/lxd/common/lxd/unix.socket"
DEBIAN_SOCKET = "/var/lib/lxd/unix.socket"
INCUS_SOCKETS = ("/var/lib/incus/unix.socket", "/run/incus/unix.socket")


class Cert(NamedTuple):
    """A client certificate: paths to the PEM certificate and its key."""

    cert: str
    key: str


class Endpoint(NamedTuple):
    """A resolved server address.

    Attributes:
        socket_path: the unix socket, or ``None`` for a network endpoint.
        scheme: ``"http"`` for unix sockets, ``"https"`` (or ``"http"``) for network ones.
        host: ``host[:port]`` for network endpoints, ``"lxd"`` for sockets.
    """

    socket_path: str | None
    scheme: str
    host: str

    @property
    def is_unix(self) -> bool:
        return self.socket_path is not None

    @property
    def base_url(self) -> str:
        """The URL prefix HTTP requests are made against."""
        return f"{self.scheme}://{self.host}"

    @property
    def websocket_url(self) -> str:
        """The URL prefix websockets are opened against (upstream's ``websocket_url``)."""
        if self.socket_path is not None:
            return f"ws+unix://{self.socket_path}"
        return f"{'wss' if self.scheme == 'https' else 'ws'}://{self.host}"

    @property
    def hostname(self) -> str:
        """The host without port or IPv6 brackets."""
        return urlsplit(f"//{self.host}").hostname or self.host

    @property
    def port(self) -> int:
        """The TCP port (LXD's 8443 for ``https``, 80 for plain ``http``, unless given)."""
        return urlsplit(f"//{self.host}").port or (8443 if self.scheme == "https" else 80)

    def __str__(self) -> str:
        return self.socket_path if self.socket_path is not None else self.base_url


def resolve_endpoint(
    endpoint: str | None, *, tls: bool = False, env: Mapping[str, str] | None = None
) -> Endpoint:
    """Turn what the caller gave into an :class:`Endpoint`.

    Args:
        endpoint: a unix socket path, ``unix://``/``http+unix://`` URL, ``https://host:port``,
            or ``None`` to find the local daemon.
        tls: a client certificate was given. LXD serves only HTTPS on the network, so an
            ``http://`` endpoint given with a certificate means ``https://``.
        env: the environment to read (``os.environ`` by default).

    Raises:
        InvalidEndpoint: the endpoint is not a path or an http(s)/unix URL (a ``ValueError``).
    """
    if endpoint is None:
        return Endpoint(local_socket(os.environ if env is None else env), "http", "lxd")
    if endpoint.startswith("/"):
        return Endpoint(endpoint, "http", "lxd")
    parts = urlsplit(endpoint)
    if parts.scheme in ("unix", "http+unix"):
        path = unquote(parts.netloc) + parts.path if parts.netloc else parts.path
        return Endpoint(path, "http", "lxd")
    if parts.scheme in ("http", "https") and parts.netloc:
        scheme = "https" if tls else parts.scheme
        return Endpoint(None, scheme, parts.netloc)
    raise InvalidEndpoint(
        f"not an LXD endpoint (want a socket path or an https:// URL): {endpoint!r}"
    )


def resolve_endpoints(
    endpoint: str | Sequence[str] | None, *, tls: bool = False, env: Mapping[str, str] | None = None
) -> list[Endpoint]:
    """One endpoint, or several (members of one cluster, tried in order), resolved.

    Raises:
        InvalidEndpoint: one of them is not an endpoint, or the list is empty.
    """
    if endpoint is None or isinstance(endpoint, str):
        return [resolve_endpoint(endpoint, tls=tls, env=env)]
    if (
        not isinstance(endpoint, Sequence)
        or not endpoint
        or not all(isinstance(each, str) for each in endpoint)
    ):
        raise InvalidEndpoint(f"want an endpoint or a non-empty list of them: {endpoint!r}")
    return [resolve_endpoint(each, tls=tls, env=env) for each in endpoint]


def local_socket(env: Mapping[str, str]) -> str:
    """The socket of the local daemon: first the environment, then what exists on disk."""
    if env.get("LXD_DIR"):
        return os.path.join(env["LXD_DIR"], "unix.socket")
    if env.get("INCUS_SOCKET"):
        return env["INCUS_SOCKET"]
    if env.get("INCUS_DIR"):
        return os.path.join(env["INCUS_DIR"], "unix.socket")
    for path in (SNAP_SOCKET, DEBIAN_SOCKET, *INCUS_SOCKETS):
        if os.path.exists(path):
            return path
    return DEBIAN_SOCKET


def certs_path() -> str:
    """The client config directory: the snap's if it holds a certificate, else ``~/.config/lxc``."""
    if os.path.exists(os.path.join(SNAP_ROOT, CERT_FILE_NAME)):
        return SNAP_ROOT
    return APT_ROOT


def default_certs() -> Cert | None:
    """The client certificate ``lxc`` uses, if both files exist."""
    root = certs_path()
    cert = Cert(os.path.join(root, CERT_FILE_NAME), os.path.join(root, KEY_FILE_NAME))
    return cert if os.path.exists(cert.cert) and os.path.exists(cert.key) else None


def pinned_server_cert(endpoint: Endpoint) -> str | None:
    """The server certificate ``lxc remote add`` saved for this host, if any."""
    path = os.path.join(certs_path(), "servercerts", f"{endpoint.hostname}.crt")
    return path if os.path.exists(path) else None
