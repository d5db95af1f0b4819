"""The asyncio flavour's SFTP: paramiko's blocking client behind an async facade.

Why a thread and not an asyncio-native library: asyncssh, the asyncio SFTP client, runs
SFTP only inside an SSH connection (its SFTP handler over a bare stream is private API),
and LXD's ``/sftp`` speaks SFTP with no SSH around it. paramiko's client runs on any
socket-like channel. Each call goes to a worker thread, one at a time per client (paramiko
does not promise a thread-safe client); a whole tree transfer is *one* call, so the
thread hop is paid once per transfer, not per file.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from pylxd._core.endpoint import Endpoint
from pylxd._drivers.sftp import open_sftp_client
from pylxd._drivers.types import TimeoutSpec

if TYPE_CHECKING:
    from paramiko import SFTPClient

__all__ = ["SFTP", "AsyncSFTPClient", "open_sftp", "run_sftp"]

T = TypeVar("T")


class AsyncSFTPClient:
    """paramiko's :class:`~paramiko.sftp_client.SFTPClient` for asyncio: every method of
    it, awaitable (``await sftp.listdir("/")``, ``await sftp.put(local, remote)``), run in
    a worker thread, one call at a time.

    ``run(work, *args)`` runs ``work(sftp, *args)`` — several calls, file objects — in the
    thread at once. ``sftp`` is the blocking client itself (for a file object's methods).
    Closed by ``aclose()``, ``async with``, or with the pylxd client that opened it.
    """

    def __init__(self, sftp: SFTPClient) -> None:
        #: The blocking paramiko client (its calls block the loop: use ``run``).
        self.sftp = sftp
        self._lock = asyncio.Lock()

    async def run(self, work: Callable[..., T], *args: Any) -> T:
        """``work(self.sftp, *args)`` in a worker thread."""
        async with self._lock:
            return await asyncio.to_thread(work, self.sftp, *args)

    def __getattr__(self, name: str) -> Callable[..., Awaitable[Any]]:
        if name.startswith("_"):
            raise AttributeError(name)
        method = getattr(self.sftp, name)
        if not callable(method):
            raise AttributeError(f"{name} is not a method of SFTPClient: use .sftp.{name}")

        async def call(*args: Any, **kwargs: Any) -> Any:
            async with self._lock:
                return await asyncio.to_thread(method, *args, **kwargs)

        call.__name__ = name
        call.__doc__ = method.__doc__
        return call

    async def aclose(self) -> None:
        """Close the SFTP session (a call in progress fails at once)."""
        self.sftp.close()

    async def __aenter__(self) -> AsyncSFTPClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"<AsyncSFTPClient {self.sftp.get_channel()}>"


#: What ``instance.sftp()`` returns in this flavour.
SFTP = AsyncSFTPClient


async def open_sftp(
    endpoint: Endpoint,
    url: str,
    ssl_context: ssl.SSLContext | None,
    timeout: TimeoutSpec,
    headers: Mapping[str, str] | None = None,
) -> AsyncSFTPClient:
    """A ready SFTP client over LXD's ``/sftp`` upgrade of ``url``."""
    sftp = await asyncio.to_thread(open_sftp_client, endpoint, url, ssl_context, timeout, headers)
    return AsyncSFTPClient(sftp)


async def run_sftp(sftp: AsyncSFTPClient, work: Callable[..., T], *args: Any) -> T:
    """``work(sftp, *args)`` on the blocking client, in a worker thread."""
    return await sftp.run(work, *args)
