"""Another server pulls from this one: the one path that instance, volume and image copies
between servers share.

This server *offers* (an operation whose websockets are guarded by secrets, or an image
secret); the destination is told where to pull from (:func:`source_url`, this client's
API version) and pulls. When the destination fails, the offer is cancelled, so a source
never waits on a pull that will not come (a running instance stays frozen until then).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pylxd._async.operation import cancel_quietly
from pylxd._core.envelope import expect, metadata_object, operation_id, response_operation
from pylxd._core.migration import https_url, operation_url
from pylxd.exceptions import LXDAPIException

if TYPE_CHECKING:
    from pylxd._async.api import APINode
    from pylxd._async.client import Client

__all__ = ["PullOffer", "offer", "pulling", "source_url"]


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


async def offer(client: Client, node: APINode, body: dict[str, Any]) -> PullOffer:
    """``POST body`` to ``node`` (``{"migration": true, …}``, or ``{}`` for an image secret)
    and read the offer out of the operation it starts."""
    base = source_url(client)  # before the POST: an unreachable source starts nothing
    response = await node.post(json=body)
    operation = response_operation(response)
    if operation is None:
        raise LXDAPIException(response, "LXD started no operation to pull from")
    secrets = metadata_object(response, "an operation").get("metadata") or {}
    expect(response, secrets, dict, "an operation's secrets (an object)")
    certificate = client.host_info.get("environment", {}).get("certificate")
    return PullOffer(
        operation, operation_url(base, client.version, operation), secrets, certificate
    )


class pulling:  # noqa: N801 - used as ``async with pulling(...)``, like a function
    """``async with pulling(source, offered):`` around the destination's side: when it
    ends, wait for the source's side too (``wait_source``); when it fails, cancel the offer
    and let the error through."""

    def __init__(self, source: Client, offered: PullOffer, wait_source: bool = True) -> None:
        self.source = source
        self.offered = offered
        self.wait_source = wait_source

    async def __aenter__(self) -> PullOffer:
        return self.offered

    async def __aexit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:
            await cancel_quietly(self.source, self.offered.operation)
            return
        if self.wait_source:
            try:
                await self.source.operations.wait_for_operation(
                    operation_id(self.offered.operation)
                )
            except BaseException:
                await cancel_quietly(self.source, self.offered.operation)
                raise
