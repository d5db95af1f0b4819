"""The blocking flavour's SFTP: paramiko's client itself (see :mod:`pylxd._drivers.sftp`)."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from pylxd._core.endpoint import Endpoint
from pylxd._drivers.sftp import open_sftp_client
from pylxd._drivers.types import TimeoutSpec

if TYPE_CHECKING:
    from paramiko import SFTPClient

__all__ = ["SFTP", "open_sftp", "run_sftp"]

T = TypeVar("T")

#: What ``instance.sftp()`` returns in this flavour: paramiko's client (imported lazily).
SFTP: TypeAlias = "SFTPClient"


def open_sftp(
    endpoint: Endpoint,
    url: str,
    ssl_context: ssl.SSLContext | None,
    timeout: TimeoutSpec,
    headers: Mapping[str, str] | None = None,
) -> SFTPClient:
    """A ready paramiko ``SFTPClient`` over LXD's ``/sftp`` upgrade of ``url``."""
    return open_sftp_client(endpoint, url, ssl_context, timeout, headers)


def run_sftp(sftp: SFTPClient, work: Callable[..., T], *args: Any) -> T:
    """``work(sftp, *args)`` (pylxd.aio: in a worker thread)."""
    return work(sftp, *args)
