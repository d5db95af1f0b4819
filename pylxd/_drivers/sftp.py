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
from typing import TYPE_CHECKING

from pylxd._core.endpoint import Endpoint
from pylxd._drivers.raw import open_upgraded
from pylxd._drivers.types import TimeoutSpec, call_limits
from pylxd.exceptions import ClientConnectionFailed, TransportTimeout

if TYPE_CHECKING:
    from paramiko import SFTPClient

__all__ = ["SFTPChannel", "open_sftp_client", "sftp_available"]


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
        if isinstance(self._sock, ssl.SSLSocket) and self._sock.pending():
            return True
        return bool(select.select([self._sock], [], [], 0)[0])

    def close(self) -> None:
        try:  # wake a thread blocked reading it (pylxd.aio's worker)
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()


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
) -> SFTPClient:
    """A ready SFTP client on ``url`` (``/1.0/instances/<name>/sftp?project=…``); ``timeout``
    is the client's (connect, read): a silent server fails a read, never hangs it.

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
    sock = open_upgraded(endpoint, url, "sftp", ssl_context, connect)
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
