"""The blocking HTTP driver: urllib3 pools over a unix socket or HTTPS."""

from __future__ import annotations

import socket
import ssl
from collections.abc import AsyncIterable, Iterator, Mapping
from typing import Any

import urllib3
from urllib3.connection import HTTPConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    MaxRetryError,
    NewConnectionError,
    ReadTimeoutError,
)
from urllib3.util import Retry

from pylxd._core.endpoint import Endpoint
from pylxd._drivers.response import Response
from pylxd._drivers.types import Body, TimeoutSpec, split_timeout
from pylxd.exceptions import ClientConnectionFailed, TransportTimeout

__all__ = ["StreamResponse", "Transport"]

# Reconnect once when a kept-alive connection was closed by the server; never replay
# a request the server may have read (read=0).
_RETRIES = Retry(total=1, connect=1, read=0, redirect=0, status=0, other=0, raise_on_status=False)
_POOL_SIZE = 8


class _UnixConnection(HTTPConnection):
    def __init__(self, *args: Any, socket_path: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.socket_path = socket_path

    def _new_conn(self) -> socket.socket:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        if isinstance(self.timeout, (int, float)):
            sock.settimeout(self.timeout)
        try:
            sock.connect(self.socket_path)
        except OSError as exc:
            sock.close()
            raise NewConnectionError(self, f"cannot connect to {self.socket_path}: {exc}") from exc
        return sock


class _UnixPool(HTTPConnectionPool):
    ConnectionCls = _UnixConnection


class _QuietHTTPSPool(HTTPSConnectionPool):
    """An HTTPS pool for ``verify=False``: the caller chose it, so no warning per request."""

    def _validate_conn(self, conn: Any) -> None:
        HTTPConnectionPool._validate_conn(self, conn)
        if conn.is_closed:
            conn.connect()


class Transport:
    """Sends requests to one LXD server over a pool of kept-alive connections."""

    def __init__(
        self, endpoint: Endpoint, ssl_context: ssl.SSLContext | None, timeout: TimeoutSpec
    ) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self._pool: HTTPConnectionPool
        if endpoint.socket_path is not None:
            self._pool = _UnixPool(
                "localhost", maxsize=_POOL_SIZE, retries=_RETRIES, socket_path=endpoint.socket_path
            )
        elif endpoint.scheme == "https":
            host, port = _host_port(endpoint, 8443)
            unverified = ssl_context is not None and ssl_context.verify_mode == ssl.CERT_NONE
            pool_class = _QuietHTTPSPool if unverified else HTTPSConnectionPool
            self._pool = pool_class(
                host, port, maxsize=_POOL_SIZE, retries=_RETRIES, ssl_context=ssl_context
            )
        else:
            host, port = _host_port(endpoint, 80)
            self._pool = HTTPConnectionPool(host, port, maxsize=_POOL_SIZE, retries=_RETRIES)

    def request(
        self,
        method: str,
        url: str,
        *,
        body: Body = None,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutSpec = None,
    ) -> Response:
        """Send one request and read the whole response."""
        raw = self._urlopen(method, url, body, headers, timeout, preload=True)
        return Response(raw.status, raw.headers, raw.data, url)

    def stream(
        self,
        method: str,
        url: str,
        *,
        body: Body = None,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutSpec = None,
    ) -> StreamResponse:
        """Send one request; the response body is read as the caller iterates."""
        raw = self._urlopen(method, url, body, headers, timeout, preload=False)
        return StreamResponse(raw, url)

    def _urlopen(
        self,
        method: str,
        url: str,
        body: Body,
        headers: Mapping[str, str] | None,
        timeout: TimeoutSpec,
        *,
        preload: bool,
    ) -> urllib3.BaseHTTPResponse:
        if isinstance(body, AsyncIterable):
            raise TypeError("the blocking client cannot send an async iterable; use pylxd.aio")
        connect, read = split_timeout(timeout if timeout is not None else self.timeout)
        try:
            return self._pool.urlopen(
                method,
                url,
                body=body,  # urllib3 streams iterators and files too
                headers=dict(headers) if headers else None,
                timeout=urllib3.Timeout(connect=connect, read=read),
                preload_content=preload,
                redirect=False,
            )
        except (HTTPError, OSError) as exc:
            raise _translate(exc, self.endpoint) from exc

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()


class StreamResponse:
    """A response whose body has not been read yet; iterate it, then close it."""

    def __init__(self, raw: urllib3.BaseHTTPResponse, url: str) -> None:
        self._raw = raw
        self.status_code = raw.status
        self.headers = raw.headers
        self.url = url

    def iter_bytes(self, chunk_size: int = 1 << 16) -> Iterator[bytes]:
        """Yield the body in chunks of at most ``chunk_size`` bytes."""
        try:
            yield from self._raw.stream(chunk_size)
        except HTTPError as exc:
            raise ClientConnectionFailed(f"reading the response failed: {exc}") from exc

    def read(self) -> Response:
        """Read the rest of the body into a complete :class:`Response`."""
        return Response(self.status_code, self.headers, b"".join(self.iter_bytes()), self.url)

    def close(self) -> None:
        self._raw.release_conn()

    def __enter__(self) -> StreamResponse:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _host_port(endpoint: Endpoint, default_port: int) -> tuple[str, int]:
    from urllib.parse import urlsplit

    parts = urlsplit(f"//{endpoint.host}")
    return parts.hostname or endpoint.host, parts.port or default_port


def _translate(exc: BaseException, endpoint: Endpoint) -> ClientConnectionFailed:
    """urllib3's exceptions → ours (the only place that knows urllib3's names)."""
    if isinstance(exc, MaxRetryError) and exc.reason is not None:
        exc = exc.reason
    if isinstance(exc, (ConnectTimeoutError, ReadTimeoutError, TimeoutError)):
        return TransportTimeout(f"{endpoint} did not answer in time: {exc}")
    return ClientConnectionFailed(f"cannot talk to {endpoint}: {exc}")
