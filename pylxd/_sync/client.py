# Generated from pylxd/_async/client.py by tools/unasync.py: do not edit, edit the source.
"""The client: one server, its transport, its api tree and its managers."""

from __future__ import annotations

import json as jsonlib
import logging
import os
import time
import weakref
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pylxd._sync import events as event_stream
from pylxd._sync.api import APINode
from pylxd._sync.certificate import CertificateManager
from pylxd._sync.cluster.cluster import ClusterManager
from pylxd._sync.connection import settle
from pylxd._sync.images.manager import ImageManager
from pylxd._sync.instances.manager import ContainerManager, InstanceManager, VirtualMachineManager
from pylxd._sync.network.acl import NetworkACLManager
from pylxd._sync.network.integration import NetworkIntegrationManager
from pylxd._sync.network.network import NetworkManager
from pylxd._sync.network.zone import NetworkZoneManager
from pylxd._sync.operation import OperationManager
from pylxd._sync.profile import ProfileManager
from pylxd._sync.project import ProjectManager
from pylxd._sync.server import Server
from pylxd._sync.storage.pool import StoragePoolManager
from pylxd._sync.warning import WarningManager
from pylxd._core.endpoint import Cert, Endpoint
from pylxd._core.envelope import check_response, metadata_object, server_info
from pylxd._core.events import EventType
from pylxd._core.headers import lxd_header
from pylxd._core.logs import WEBSOCKET, RequestLog, safe_path
from pylxd._core.response import Response
from pylxd._core.tls import certificate_base64
from pylxd._core.tokens import is_trust_token
from pylxd._core.urls import with_query
from pylxd._drivers.sync.flavour import REOPENS_WHEN_CLOSED
from pylxd._drivers.types import (
    DEFAULT_MAX_MESSAGE_SIZE,
    DEFAULT_MAX_RESPONSE_SIZE,
    Body,
    TimeoutSpec,
    call_limits,
)
from pylxd.exceptions import (
    ClientConnectionFailed,
    Conflict,
    LXDAPIException,
    LXDAPIExtensionNotAvailable,
    PylxdError,
)

if TYPE_CHECKING:
    from typing_extensions import Self

    from pylxd._drivers.sync.http import StreamResponse
    from pylxd._drivers.sync.websocket import WebSocket

__all__ = ["Client"]


class Client:
    """A client for one LXD (or Incus) server.

    Args:
        endpoint: a unix socket path or an ``https://host:port`` URL; ``None`` finds the
            local daemon (``$LXD_DIR``, the snap socket, ``/var/lib/lxd/unix.socket``, Incus).
            A list of them (members of one cluster) fails over: the members are tried in
            order, and when the one in use cannot be reached the next one takes over
            (:mod:`pylxd._sync.failover`); ``client.endpoint`` is the one in use.
        version: the API version.
        cert: ``(certificate, key)`` PEM paths for HTTPS; ``None`` uses ``lxc``'s own
            client certificate when one exists.
        verify: ``True`` (system CAs), ``False`` (no check), a CA bundle path, or the
            server's certificate to pin. With ``True``, a certificate saved by
            ``lxc remote add`` for this host is pinned.
        timeout: seconds for a whole HTTP call (connecting, sending, the answer), or
            ``(connect, read)``: ``connect`` to connect, ``connect + read`` for the call and
            ``read`` for each read of a streamed body (files, images, backups: a transfer
            of any size is not cut short). ``None`` is ``(30, 600)``. Operation waits
            set their own (the wait's timeout plus a second).
        project: the project every request is made in.
        max_response_size: the largest answer read whole, in bytes (JSON, logs,
            metrics); a larger one raises :class:`~pylxd.exceptions.ResponseTooLarge`.
            File contents, images, backups and exec output are never limited. ``None``:
            no limit.
        max_message_size: the largest websocket message (an event, a piece of exec or
            console output), in bytes; ``None``: no limit.
        auth: ``"tls"`` (default): the client certificate is shown in the TLS handshake;
            ``"jwt"`` (Incus' ``auth_tls_jwt``): it is not, and every request (and
            websocket) carries a bearer JWT signed with its key instead, for a server
            behind a TLS-terminating proxy. Needs ``pip install 'pylxd[certs]'``.

    The asyncio client connects in ``with Client() as client`` or
    ``client.connect()``.
    """

    def __init__(
        self,
        endpoint: str | Sequence[str] | None = None,
        version: str = "1.0",
        cert: Sequence[str | os.PathLike[str]] | None = None,
        verify: bool | str | os.PathLike[str] = True,
        timeout: TimeoutSpec = None,
        project: str | None = None,
        session: None = None,
        *,
        max_response_size: int | None = DEFAULT_MAX_RESPONSE_SIZE,
        max_message_size: int | None = DEFAULT_MAX_MESSAGE_SIZE,
        auth: str = "tls",
    ) -> None:
        if session is not None:
            raise TypeError("pylxd does not use requests sessions; pass cert= and verify= instead")
        settled = settle(endpoint, cert, verify, timeout, max_response_size, auth)
        self.endpoints: list[Endpoint] = settled.endpoints
        self.cert: Cert | None = settled.cert
        self.verify: bool | str = settled.verify
        self.version = version
        self.timeout = timeout
        self.project = project
        self.max_message_size = max_message_size
        self._bearer = settled.bearer
        self._ssl_context = settled.ssl_context
        self._transport = settled.transport
        self._host_info: dict[str, Any] | None = None
        self._closed = False  # see close()
        self._resources: dict[str, Any] | None = None
        #: Connections handed over to another protocol (SFTP sessions): closed with us.
        self._upgraded: weakref.WeakSet[Any] = weakref.WeakSet()

        self.api = APINode(self, f"/{version}")
        self.instances = InstanceManager(self)
        self.containers = ContainerManager(self)
        self.virtual_machines = VirtualMachineManager(self)
        self.operations = OperationManager(self)
        self.images = ImageManager(self)
        self.cluster = ClusterManager(self)
        self.profiles = ProfileManager(self)
        self.projects = ProjectManager(self)
        self.certificates = CertificateManager(self)
        self.warnings = WarningManager(self)
        #: ``GET /1.0`` as a model: ``client.server.config`` read and changed, ``save()``.
        self.server = Server(self)
        self.networks = NetworkManager(self)
        self.network_acls = NetworkACLManager(self)
        self.network_integrations = NetworkIntegrationManager(self)
        self.network_zones = NetworkZoneManager(self)
        self.storage_pools = StoragePoolManager(self)

    @classmethod
    def from_remote(
        cls,
        name: str | None = None,
        *,
        cli: str | None = None,
        config: str | os.PathLike[str] | None = None,
        project: str | None = None,
        timeout: TimeoutSpec = None,
    ) -> Self:
        """A client for a remote of the ``lxc`` or ``incus`` command-line client, reached as
        the CLI reaches it: its address, its client certificate, the server certificate
        ``remote add`` saved (pinned), its project.

        Args:
            name: the remote (``"local"`` is the local daemon); ``None``: ``default-remote``.
            cli: ``"lxc"`` or ``"incus"``; ``None`` looks in ``lxc``'s configuration
                (``$LXD_CONF``, the snap's, ``~/.config/lxc``), then ``incus``'
                (``$INCUS_CONF``, ``~/.config/incus``).
            config: a configuration directory to read instead.
            project: overrides the remote's project.
            timeout: as for :class:`Client`.

        Raises:
            RemoteConfigError: no such remote, an image server (``simplestreams``), or a
                missing certificate; the message and ``path`` name the file.
        """
        from pylxd._core.remotes import find_remote  # the config is read only when asked

        remote = find_remote(name, cli=cli, config=config)
        return cls(
            remote.endpoint,
            cert=remote.cert,
            verify=remote.verify,
            timeout=timeout,
            project=project if project is not None else remote.project,
        )

    # -- connection ------------------------------------------------------------------

    def connect(self) -> Client:
        """Fetch the server's description (``GET /1.0``); fails if the server is unusable.
        A closed client is open again.

        Raises:
            ClientConnectionFailed: unreachable, refused, TLS mismatch, or no projects support.
        """
        self._closed = False
        try:
            response = self.api.get()
            self._host_info = server_info(response)
            self.server._apply(self._host_info, complete=True, rollback=True)
        except LXDAPIException as exc:
            raise ClientConnectionFailed(f"{self.endpoint} refused the connection: {exc}") from exc
        if self.project not in (None, "default") and not self.has_api_extension("projects"):
            raise ClientConnectionFailed("Remote server doesn't handle projects")
        return self

    def close(self) -> None:
        """Close the connections to the server (and the SFTP sessions opened through it).

        The blocking client opens new ones when it is used again (old programs close
        ``client.api.session`` and go on); the asyncio client then refuses calls with
        :class:`~pylxd.exceptions.ClientConnectionFailed` until ``client.connect()``
        or ``with client`` opens it again.
        """
        self._closed = not REOPENS_WHEN_CLOSED
        self._close_connections()

    def _close_connections(self) -> None:
        """Close the connections (the client stays open: it makes new ones when used)."""
        for upgraded in list(self._upgraded):
            upgraded.close()
        self._transport.close()

    def __enter__(self) -> Client:
        self._closed = False  # entering opens a closed client again
        if self._host_info is None:
            try:
                self.connect()
            except BaseException:
                self.close()
                raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- what the server is ----------------------------------------------------------

    @property
    def endpoint(self) -> Endpoint:
        """The server in use (with several endpoints, the member that answered last)."""
        return self._transport.endpoint

    @property
    def host_info(self) -> dict[str, Any]:
        """``GET /1.0``'s metadata, as fetched by ``connect()`` (or ``authenticate()``)."""
        if self._host_info is None:
            raise ClientConnectionFailed("not connected yet: client.connect() first")
        return self._host_info

    @property
    def trusted(self) -> bool:
        """Whether the server trusts this client."""
        return bool(self.host_info.get("auth") == "trusted")

    @property
    def server_clustered(self) -> bool:
        """Whether the server is a cluster member."""
        return bool(self.host_info.get("environment", {}).get("server_clustered", False))

    @property
    def is_incus(self) -> bool:
        """Whether the server is Incus (LXD's fork) rather than LXD.

        An untrusted client is not told the server's name; Incus' renamed ``dev_incus``
        extensions give it away.
        """
        server = self.host_info.get("environment", {}).get("server")
        return bool(server == "incus" or self.has_api_extension("dev_incus_events"))

    @property
    def websocket_url(self) -> str:
        """``ws+unix://<socket>``, ``ws://host`` or ``wss://host``."""
        return self.endpoint.websocket_url

    def lxd_header(self, name: str) -> str:
        """``X-LXD-<name>``, or ``X-Incus-<name>`` on Incus (which reads only its own)."""
        return lxd_header(self.is_incus, name)

    @property
    def ssl_options(self) -> dict[str, Any] | None:
        """ws4py's TLS options (``certfile``, ``keyfile``, …) for a websocket of this client's
        own (upstream's attribute); ``None`` off HTTPS."""
        return event_stream.ws4py_ssl_options(self)

    def has_api_extension(self, name: str) -> bool:
        """Whether the server has the API extension ``name`` (no request)."""
        return name in self.host_info.get("api_extensions", ())

    def assert_has_api_extension(self, name: str) -> None:
        """Raise :class:`LXDAPIExtensionNotAvailable` unless the server has ``name``."""
        if not self.has_api_extension(name):
            raise LXDAPIExtensionNotAvailable(name)

    def get_resources(self) -> dict[str, Any]:
        """The server's hardware (``GET /1.0/resources``), fetched once per client."""
        if self._resources is None:
            self.assert_has_api_extension("resources")
            self._resources = metadata_object(self.api.resources.get())
        return self._resources

    # -- trust -----------------------------------------------------------------------

    def authenticate(self, secret: str, use_token_auth: bool = True) -> None:
        """Make the server trust this client's certificate.

        Args:
            secret: a trust token (``lxc config trust add``) or the trust password.
            use_token_auth: treat a token-shaped ``secret`` as a token.

        Raises:
            ClientConnectionFailed: no client certificate, or it cannot be read.
            LXDAPIException: the server refused the secret (LXD's message).
        """
        if self._host_info is not None and self.trusted:
            return
        if self.cert is None:
            raise ClientConnectionFailed(
                "No client certificate specified (pylxd.generate_client_certificate() "
                "makes one as lxc does; pass it as cert=)"
            )
        try:
            with open(self.cert.cert) as f:
                pem = f.read()
            certificate_base64(pem)  # a certificate, or the error below
        except (OSError, ValueError) as exc:
            raise ClientConnectionFailed(f"Client certificate not found: {exc}") from exc
        if self._host_info is None:
            self.connect()
        token = use_token_auth and is_trust_token(secret)
        try:
            if token:
                self.certificates.add(pem, secret=secret.strip())
            else:
                self.certificates.add(pem, password=secret)
        except Conflict:
            pass  # already in the trust store: nothing to do
        self.connect()

    # -- events ------------------------------------------------------------------------

    def events(
        self,
        websocket_client: Any = None,
        event_types: Iterable[EventType | str] | None = None,
        *,
        event_filter: Iterable[EventType | str] | None = None,
        project: str | None = None,
        all_projects: bool = False,
    ) -> Any:
        """The server's event stream, not connected yet.

        Args:
            websocket_client: a class to build instead (upstream: a ws4py
                ``WebSocketBaseClient`` subclass), called with the websocket URL and
                ``ssl_options``, its ``resource`` set to the events path.
            event_types: only these :class:`~pylxd.EventType` (``event_filter``: the docs'
                spelling); ``None`` or ``{EventType.All}``: every event.
            project: only this project's events (default: the client's project).
            all_projects: events of every project.

        Returns:
            an :class:`~pylxd.models.EventStream` (``connect()``, ``run()``, ``close()``,
            iterable by parsed events), or the ``websocket_client`` built.
        """
        return event_stream.open_events(
            self, websocket_client, event_types, event_filter, project, all_projects
        )

    # -- the request funnel ------------------------------------------------------------

    def _prepare(
        self,
        path: str,
        params: Mapping[str, Any] | None,
        json: Any,
        data: Body,
        headers: Mapping[str, str] | None,
    ) -> tuple[str, Body, Mapping[str, str] | None]:
        if self.project is not None and (params is None or "project" not in params):
            params = {**(params or {}), "project": self.project}
        if self._bearer is not None:
            headers = {"Authorization": self._bearer.header(), **(headers or {})}
        if json is not None:
            data = jsonlib.dumps(json).encode()
            headers = {"Content-Type": "application/json", **(headers or {})}
        elif isinstance(data, str):
            data = data.encode()  # UTF-8, not http.client's Latin-1
        return with_query(path, params), data, headers

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Body = None,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutSpec = None,
        limit: bool = True,
    ) -> Response:
        """Send one request and raise LXD's error if it failed (``limit``: the answer is
        refused past ``max_response_size``; false for a file's content)."""
        if self._closed:
            raise self._closed_error()
        url, body, headers = self._prepare(path, params, json, data, headers)
        with RequestLog(method, url) as logged:
            response = self._transport.request(
                method, url, body=body, headers=headers, timeout=timeout, limit=limit
            )
        logged.answered(response.status_code, len(response.content))
        return check_response(response)

    def _stream(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        data: Body = None,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutSpec = None,
        bulk: bool = False,
    ) -> StreamResponse:
        """Send one request whose response body is streamed; raise LXD's error if it failed
        (``bulk``: a download that may be large, see :mod:`pylxd._drivers.sync.bulk`)."""
        if self._closed:
            raise self._closed_error()
        url, body, headers = self._prepare(path, params, None, data, headers)
        with RequestLog(method, url) as logged:
            stream = self._transport.stream(
                method, url, body=body, headers=headers, timeout=timeout, bulk=bulk
            )
        logged.answered(stream.status_code, None)
        if stream.status_code >= 400:
            try:
                check_response(stream.read(limit=True))  # an error: not a transfer
            finally:
                stream.close()
        return stream

    def _websockets(self, paths: Sequence[str]) -> list[WebSocket]:
        """Open a websocket on each of ``paths`` with this client's TLS settings (all or none)."""
        if self._closed:
            raise self._closed_error()
        # Imported on first use by the blocking client: most programs never open one, and
        # it is a slow import (``import pylxd`` has imported it: never in a loop).
        from pylxd._drivers.sync.websocket import open_websockets

        connect_timeout, _read, _whole = call_limits(self.timeout)
        started = time.perf_counter()
        try:
            bearer = {"Authorization": self._bearer.header()} if self._bearer else None
            sockets = open_websockets(
                self.endpoint,
                paths,
                self._ssl_context,
                connect_timeout,
                self.max_message_size,
                bearer,
            )
        except PylxdError as exc:
            if WEBSOCKET.isEnabledFor(logging.DEBUG):
                shown = ", ".join(safe_path(path) for path in paths)
                WEBSOCKET.debug("could not open %s: %s", shown, exc)
            raise
        if WEBSOCKET.isEnabledFor(logging.DEBUG):
            elapsed = (time.perf_counter() - started) * 1000
            for path in paths:
                WEBSOCKET.debug("opened %s in %.1f ms", safe_path(path), elapsed)
        return sockets

    def _closed_error(self) -> ClientConnectionFailed:
        return ClientConnectionFailed(
            f"{self!r} is closed: open it again with `client.connect()` or `with`"
        )

    def __repr__(self) -> str:
        return f"<Client {self.endpoint}>"
