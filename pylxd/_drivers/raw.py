"""Blocking raw connections to LXD: a plain socket (unix or TCP, TLS when HTTPS), and an
HTTP ``Upgrade`` that hands the socket over to another protocol (LXD's ``/sftp``)."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Mapping
from http.client import HTTPException, HTTPResponse

from pylxd._core.endpoint import Endpoint
from pylxd._core.envelope import check_response
from pylxd._core.response import Headers, Response
from pylxd.exceptions import ClientConnectionFailed, EndpointUnreachable, TransportTimeout

__all__ = ["connect", "open_upgraded", "upgrade_request"]


def connect(
    endpoint: Endpoint, ssl_context: ssl.SSLContext | None, timeout: float | None
) -> socket.socket:
    """A connected socket to ``endpoint`` (raises ``OSError``)."""
    if endpoint.socket_path is not None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(endpoint.socket_path)
        except OSError:
            sock.close()
            raise
        return sock
    host, port = endpoint.hostname, endpoint.port
    sock = socket.create_connection((host, port), timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if endpoint.scheme == "https" and ssl_context is not None:
        try:
            sock = ssl_context.wrap_socket(sock, server_hostname=host)
        except BaseException:
            sock.close()
            raise
    return sock


def upgrade_request(
    host: str, url: str, protocol: str, headers: Mapping[str, str] | None = None
) -> bytes:
    """The ``GET`` asking LXD to switch ``url``'s connection to ``protocol`` (``headers``:
    the client's own, e.g. a JWT client's ``Authorization``)."""
    lines = [f"GET {url} HTTP/1.1", f"Host: {host}", f"Upgrade: {protocol}", "Connection: Upgrade"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if any("\r" in line or "\n" in line for line in lines):
        raise ValueError(f"a line break in the upgrade request of {url!r}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def open_upgraded(
    endpoint: Endpoint,
    url: str,
    protocol: str,
    ssl_context: ssl.SSLContext | None,
    timeout: float | None,
    headers: Mapping[str, str] | None = None,
) -> socket.socket:
    """A socket whose HTTP connection LXD switched to ``protocol`` (``101``).

    Raises:
        LXDAPIException: LXD refused (its message and status: ``NotFound``, ``BadRequest``…).
        ClientConnectionFailed: the server could not be reached or did not switch.
    """
    try:
        sock = connect(endpoint, ssl_context, timeout)
    except TimeoutError as exc:
        raise TransportTimeout(f"{endpoint} did not answer in time: {exc}") from exc
    except OSError as exc:
        raise EndpointUnreachable(f"cannot connect to {endpoint}: {exc}") from exc
    try:
        sock.sendall(upgrade_request(endpoint.host, url, protocol, headers))
        # The server says nothing after its 101 until we speak: http.client's buffered
        # reader cannot swallow bytes of the new protocol.
        raw = HTTPResponse(sock, method="GET")
        raw.begin()
        if raw.status != 101:
            response = Response(raw.status, Headers(raw.msg), raw.read(), url)
            check_response(response)
            raise ClientConnectionFailed(
                f"{endpoint} did not switch {url} to {protocol}: HTTP {raw.status}"
            )
        raw.close()  # the reader only: the socket stays open
    except TimeoutError as exc:
        sock.close()
        raise TransportTimeout(f"{endpoint} did not answer in time: {exc}") from exc
    except (HTTPException, OSError) as exc:
        sock.close()
        raise ClientConnectionFailed(f"cannot talk to {endpoint}: {exc}") from exc
    except BaseException:
        sock.close()
        raise
    return sock
