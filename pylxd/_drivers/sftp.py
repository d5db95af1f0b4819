"""SFTP over LXD's ``/sftp`` upgrade, on paramiko (``pip install 'pylxd[sftp]'``).

LXD switches the connection of ``GET /1.0/instances/<name>/sftp`` to the SFTP protocol
itself, with no SSH layer: paramiko's :class:`~paramiko.sftp_client.SFTPClient` runs on any
object with a channel's methods, which :class:`SFTPChannel` gives a plain (or TLS) socket.
Both flavours use this blocking client; ``pylxd.aio`` runs it in a worker thread.
"""

from __future__ import annotations

import select
import socket
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from pylxd._core.endpoint import Endpoint
from pylxd._drivers.raw import open_upgraded
from pylxd._drivers.types import TimeoutSpec, call_limits
from pylxd.exceptions import ClientConnectionFailed, TransportTimeout

if TYPE_CHECKING:
    from paramiko import SFTPClient

__all__ = ["SFTPChannel", "TLSChannel", "open_sftp_client", "sftp_available"]

T = TypeVar("T")


class SFTPChannel:
    """The part of a paramiko ``Channel`` that ``SFTPClient`` uses, on a socket."""

    def __init__(self, sock: socket.socket, name: str) -> None:
        self._sock = sock
        self._name = name

    def get_name(self) -> str:
        return self._name

    def settimeout(self, timeout: float | None) -> None:
        self._sock.settimeout(timeout)

    def send(self, data: bytes) -> int:
        return self._sock.send(data)

    def sendall(self, data: bytes) -> None:
        self._sock.sendall(data)

    def recv(self, size: int) -> bytes:
        return self._sock.recv(size)

    def recv_ready(self) -> bool:
        """Whether a read would not block (paramiko's pipelined writes check for answers)."""
        return bool(select.select([self._sock], [], [], 0)[0])

    def close(self) -> None:
        try:  # wake a thread blocked reading it (pylxd.aio's worker)
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()


class TLSChannel(SFTPChannel):
    """:class:`SFTPChannel` on a TLS socket, safe for paramiko's two threads at once.

    paramiko's prefetch (``get``, ``getfo``, ``readv``, large files of a tree pull) sends
    its read requests from a thread while the caller reads the answers. One OpenSSL
    connection must not be used by two threads at once: an ``SSL_read`` that found no data
    yet, while an ``SSL_write`` completes in the other thread, reads back the write's
    state, takes it for an EOF the server never sent, and paramiko reports "Server
    connection dropped" (over HTTPS, ~1 ``getfo`` in 3 against LXD 5.0.2; the socket
    still open, the server's answers still arriving). Here every TLS call runs under one
    lock on a non-blocking socket, and waiting for the socket happens outside the lock: a
    reader waiting for answers never holds back the requests they answer.
    """

    def __init__(self, sock: ssl.SSLSocket, name: str, timeout: float | None) -> None:
        super().__init__(sock, name)
        self._tls = sock
        self._lock = threading.Lock()
        self._timeout = timeout
        sock.setblocking(False)

    def settimeout(self, timeout: float | None) -> None:
        self._timeout = timeout  # the socket itself stays non-blocking

    def _call(self, operation: Callable[..., T], *args: object) -> T:
        """``operation(*args)`` under the lock, retried when the socket is ready;
        ``TimeoutError`` when it is not within the timeout."""
        deadline = None
        while True:
            with self._lock:
                try:
                    return operation(*args)
                except ssl.SSLWantReadError:
                    readers, writers = [self._tls], []
                except ssl.SSLWantWriteError:
                    readers, writers = [], [self._tls]
            if deadline is None and self._timeout is not None:
                deadline = time.monotonic() + self._timeout
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not any(select.select(readers, writers, [], left)):
                raise TimeoutError(f"{self._name}: no progress in {self._timeout} s")

    def send(self, data: bytes) -> int:
        return self._call(self._tls.send, data)

    def sendall(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[self._call(self._tls.send, view) :]

    def recv(self, size: int) -> bytes:
        return self._call(self._tls.recv, size)

    def recv_ready(self) -> bool:
        with self._lock:
            if self._tls.pending():  # decrypted already: no select would see it
                return True
        return super().recv_ready()

    def close(self) -> None:
        try:  # wake the other thread, waiting outside the lock
            self._tls.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        with self._lock:
            self._tls.close()


def sftp_available() -> bool:
    """Whether paramiko can be imported (the ``sftp`` extra)."""
    try:
        import paramiko  # noqa: F401
    except ImportError:
        return False
    return True


def open_sftp_client(
    endpoint: Endpoint,
    url: str,
    ssl_context: ssl.SSLContext | None,
    timeout: TimeoutSpec,
    headers: Mapping[str, str] | None = None,
) -> SFTPClient:
    """A ready SFTP client on ``url`` (``/1.0/instances/<name>/sftp?project=…``); ``timeout``
    is the client's (connect, read): a silent server fails a read, never hangs it;
    ``headers`` go with the upgrade request (a JWT client's ``Authorization``).

    Raises:
        ImportError: paramiko is not installed.
        LXDAPIException: LXD refused the upgrade (its message).
        ClientConnectionFailed: the server could not be reached.
    """
    try:
        from paramiko import SFTPClient, SSHException
    except ImportError as exc:
        raise ImportError("SFTP needs paramiko: pip install 'pylxd[sftp]'") from exc
    connect, read, _whole = call_limits(timeout)
    sock = open_upgraded(endpoint, url, "sftp", ssl_context, connect, headers)
    channel: SFTPChannel
    if isinstance(sock, ssl.SSLSocket):
        channel = TLSChannel(sock, f"sftp {url}", read)
    else:
        sock.settimeout(read)
        channel = SFTPChannel(sock, f"sftp {url}")
    try:
        return SFTPClient(channel)  # type: ignore[arg-type]  # a Channel's duck
    except TimeoutError as exc:
        channel.close()
        raise TransportTimeout(f"no SFTP answer from {endpoint} in time: {exc}") from exc
    except (SSHException, EOFError, OSError) as exc:
        channel.close()
        raise ClientConnectionFailed(f"no SFTP session on {endpoint}{url}: {exc}") from exc
    except BaseException:
        channel.close()
        raise
