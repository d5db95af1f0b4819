"""What both websocket drivers share: connection options and error translation."""

from __future__ import annotations

from typing import Any

from websockets.exceptions import InvalidHandshake, InvalidStatus

from pylxd._core.endpoint import Endpoint
from pylxd.exceptions import ClientConnectionFailed, LXDAPIException, TransportTimeout

__all__ = ["OPTIONS", "translate_open_error", "websocket_uri"]

OPTIONS: dict[str, Any] = {
    "compression": None,  # LXD does not negotiate it; skip the offer
    "max_size": None,  # LXD frames are bounded by its own buffers
    "proxy": None,  # never route loopback or socket traffic through $https_proxy
    "user_agent_header": "pylxd",
}


def websocket_uri(endpoint: Endpoint, path: str) -> str:
    """The ``ws://``/``wss://`` URI of ``path`` (sockets use a placeholder host)."""
    if endpoint.socket_path is not None:
        return f"ws://lxd{path}"
    return f"{endpoint.websocket_url}{path}"


def translate_open_error(exc: BaseException, endpoint: Endpoint) -> Exception:
    """A failed websocket upgrade → ours: LXD's refusal keeps LXD's text."""
    if isinstance(exc, InvalidStatus):
        response = exc.response
        text = response.body.decode("utf-8", "replace") if response.body else str(exc)
        return LXDAPIException(None, text, status_code=response.status_code)
    if isinstance(exc, TimeoutError):
        return TransportTimeout(f"opening a websocket on {endpoint} timed out")
    if isinstance(exc, (InvalidHandshake, OSError)):
        return ClientConnectionFailed(f"cannot open a websocket on {endpoint}: {exc}")
    return ClientConnectionFailed(f"cannot open a websocket on {endpoint}: {exc!r}")
