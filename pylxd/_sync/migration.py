# Generated from pylxd/_async/migration.py by tools/unasync.py: do not edit, edit the source.
"""Transfers between servers: the one path that instance, volume and image copies share.

One server *offers* (an operation whose websockets are guarded by secrets, or an image
secret), the other is told where it is and connects. In LXD's ``pull`` mode the source
offers and the destination pulls (:func:`source_url`, this client's API version); in
``push`` mode the destination offers and the source pushes to it; in ``relay`` mode both
offer and this client carries every websocket message between them (:func:`relay`: for a
destination the source cannot reach, or the reverse). When one side fails, the other's
offer is cancelled (:class:`pulling`), so no server waits on a transfer that will not
come (a running instance stays frozen until then).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pylxd._sync.operation import cancel_quietly
from pylxd._core.envelope import expect, metadata_object, operation_id, response_operation
from pylxd._core.migration import https_url, operation_url
from pylxd._core.operations import websocket_path
from pylxd._drivers.sync.flavour import gather
from pylxd.exceptions import ClientConnectionFailed, LXDAPIException

if TYPE_CHECKING:
    from pylxd._sync.api import APINode
    from pylxd._sync.client import Client
    from pylxd._drivers.sync.websocket import WebSocket

__all__ = ["PullOffer", "offer", "pulling", "push_target", "relay", "source_url", "transfer"]


def source_url(client: Client) -> str:
    """Where another server reaches this one: the client's ``https://`` endpoint, else the
    address the server listens on (``core.https_address``).

    Raises:
        ValueError: the server listens on no network address.
    """
    url = https_url(client.endpoint, lambda: client.host_info)
    if url is None:
        raise ValueError(
            "Cannot migrate from a local client connection: the source server listens on no "
            "network address (core.https_address is unset), so another server cannot pull "
            "from it"
        )
    return url


@dataclass(frozen=True)
class PullOffer:
    """What this server offers another to pull: its operation, the absolute URL of that
    operation, the websocket secrets and this server's certificate."""

    operation: str
    url: str
    secrets: dict[str, str]
    certificate: str | None


def offer(
    client: Client, node: APINode, body: dict[str, Any], reached: bool = True, **params: Any
) -> PullOffer:
    """``POST body`` to ``node`` (``{"migration": true, …}``, ``{}`` for an image secret, a
    push-mode create on a destination) and read the offer out of the operation it starts.
    ``reached``: the other server connects to it (its URL is needed; a relay or a pushing
    source needs none). ``params``: the query (``target=`` a cluster member)."""
    # Before the POST: an unreachable server starts nothing.
    base = source_url(client) if reached else ""
    response = node.post(json=body, **params)
    operation = response_operation(response)
    if operation is None:
        raise LXDAPIException(response, "LXD started no operation to pull from")
    secrets = metadata_object(response, "an operation").get("metadata") or {}
    expect(response, secrets, dict, "an operation's secrets (an object)")
    certificate = client.host_info.get("environment", {}).get("certificate")
    return PullOffer(
        operation, operation_url(base, client.version, operation), secrets, certificate
    )


class pulling:  # noqa: N801 - used as ``with pulling(...)``, like a function
    """``with pulling(source, offered):`` around the destination's side: when it
    ends, wait for the source's side too (``wait_source``); when it fails, cancel the offer
    and let the error through."""

    def __init__(self, source: Client, offered: PullOffer, wait_source: bool = True) -> None:
        self.source = source
        self.offered = offered
        self.wait_source = wait_source

    def __enter__(self) -> PullOffer:
        return self.offered

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:
            cancel_quietly(self.source, self.offered.operation)
            return
        if self.wait_source:
            try:
                self.source.operations.wait_for_operation(
                    operation_id(self.offered.operation)
                )
            except BaseException:
                cancel_quietly(self.source, self.offered.operation)
                raise


def push_target(offered: PullOffer) -> dict[str, Any]:
    """The ``target`` a source pushes to (``POST /1.0/instances/<name>``): the destination's
    operation URL, its websocket secrets and its certificate."""
    target: dict[str, Any] = {"operation": offered.url, "secrets": dict(offered.secrets)}
    if offered.certificate:
        target["certificate"] = offered.certificate
    return target


def relay(
    source: Client, source_offer: PullOffer, destination: Client, target_offer: PullOffer
) -> None:
    """Carry a migration between two servers that need not reach each other: connect to
    the source's websockets and the destination's (both offered), and copy every message,
    both ways, until one side of each pair closes (then the other is closed too).

    Raises:
        LXDAPIException: a server refused a websocket, or the two sides do not match (the
            destination expects a socket the source does not offer).
    """
    names = sorted(target_offer.secrets, key=lambda name: name != "control")
    missing = [name for name in names if name not in source_offer.secrets]
    if missing or "control" not in names:
        raise LXDAPIException(
            None,
            f"The migration target expects the sockets {names}; the source offers "
            f"{sorted(source_offer.secrets)}",
        )

    def paths(client: Client, offered: PullOffer) -> list[str]:
        return [
            websocket_path(client.version, offered.operation, offered.secrets[name])
            for name in names
        ]

    # The control socket first on both sides, as LXD's own client relays.
    sources = source._websockets(paths(source, source_offer))
    try:
        targets = destination._websockets(paths(destination, target_offer))
    except BaseException:
        for websocket in sources:
            websocket.close()
        raise
    pumps = []
    for a, b in zip(sources, targets, strict=True):
        pumps += [_pump_call(a, b), _pump_call(b, a)]
    try:
        gather(*pumps)
    finally:
        for websocket in (*sources, *targets):
            websocket.close()


def _pump_call(a: WebSocket, b: WebSocket) -> Any:
    def pump() -> None:
        """Copy ``a``'s messages to ``b`` as they come (barriers too) until ``a`` ends,
        then end ``b`` (its reader, the other direction, ends with it)."""
        try:
            while (message := a.recv(barriers=True)) is not None:
                b.send(message)
        except ClientConnectionFailed:
            pass  # the other direction ended first and shut this pair
        finally:
            b.shut()
            a.shut()

    return pump


def transfer(
    source: Client,
    source_node: APINode,
    destination: Client,
    node: APINode,
    mode: str,
    body: Callable[[PullOffer | None], dict[str, Any]],
    request: dict[str, Any],
    target: str | None = None,
) -> None:
    """Copy what ``source_node`` names (an instance, a volume) to ``destination`` in
    ``mode``, waiting for both sides; when one side fails, the other's operation is
    cancelled. ``request``: the source's migration body; ``body(offered)``: the create
    ``POST``ed to ``node`` there (``offered`` is ``None`` for a push-mode create);
    ``target``: the destination's cluster member."""
    if mode == "pull":
        offered = offer(source, source_node, request)
        with pulling(source, offered):
            operation = response_operation(node.post(json=body(offered), target=target))
            if operation is not None:
                destination.operations.wait_for_operation(operation)
        return
    # push and relay: the destination offers first (a ``push`` migration source).
    awaiting = offer(destination, node, body(None), mode == "push", target=target)
    with pulling(destination, awaiting):
        if mode == "push":
            pushing = {**request, "target": push_target(awaiting)}
            pushed = offer(source, source_node, pushing, reached=False)
            source.operations.wait_for_operation(pushed.operation)
        else:
            offered = offer(source, source_node, request, reached=False)
            with pulling(source, offered):
                relay(source, offered, destination, awaiting)
