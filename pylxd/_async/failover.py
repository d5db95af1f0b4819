"""Failover across cluster members: ``Client(endpoint=[url1, url2, ...])``.

The members are tried in order. The one in use stays in use until a connection to it
cannot be made; then the request goes to the next member (and so on, round the list),
and the member that answered becomes the one in use. A request whose connection was
lost half-way is only re-sent elsewhere when it is a read (``GET``/``HEAD``): a ``POST``
may already have been acted on, so its error is raised, and the next request goes on to
the next member.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from pylxd._core.endpoint import Endpoint
from pylxd._core.response import Response
from pylxd._drivers.types import RequestOptions
from pylxd.exceptions import ClientConnectionFailed, EndpointUnreachable, TransportTimeout

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from pylxd._drivers.aio.http import StreamResponse, Transport

__all__ = ["FailoverTransport"]

_REPLAYABLE = frozenset({"GET", "HEAD"})


class FailoverTransport:
    """A transport per member, made on first use; the same interface as one transport."""

    def __init__(
        self, endpoints: Sequence[Endpoint], make_transport: Callable[[Endpoint], Transport]
    ) -> None:
        self.endpoints = list(endpoints)
        self._make_transport = make_transport
        self._transports: dict[int, Transport] = {}
        self._current = 0

    @property
    def endpoint(self) -> Endpoint:
        """The member in use."""
        return self.endpoints[self._current]

    def _transport(self, index: int) -> Transport:
        transport = self._transports.get(index)
        if transport is None:
            transport = self._transports[index] = self._make_transport(self.endpoints[index])
        return transport

    async def request(self, method: str, url: str, **options: Unpack[RequestOptions]) -> Response:
        """Send one request to the member in use, or the next one that answers."""
        result: Response = await self._send("request", method, url, options)
        return result

    async def stream(
        self, method: str, url: str, **options: Unpack[RequestOptions]
    ) -> StreamResponse:
        """Send one request whose body is streamed (see :meth:`request`)."""
        result: StreamResponse = await self._send("stream", method, url, options)
        return result

    async def _send(self, verb: str, method: str, url: str, options: RequestOptions) -> Any:
        """``transport.<verb>(method, url, **options)`` on the member in use or the next."""
        start = self._current
        count = len(self.endpoints)
        errors: list[str] = []
        for step in range(count):
            index = (start + step) % count
            try:
                result = await getattr(self._transport(index), verb)(method, url, **options)
            except EndpointUnreachable as exc:
                errors.append(str(exc))
                continue
            except TransportTimeout:
                raise
            except ClientConnectionFailed as exc:
                # Lost half-way: the member may be going away. Move on either way.
                self._current = (index + 1) % count
                if method not in _REPLAYABLE:
                    raise
                errors.append(str(exc))
                continue
            self._current = index
            return result
        raise EndpointUnreachable("no cluster member answers: " + "; ".join(errors))

    async def aclose(self) -> None:
        """Close every member's connections."""
        transports, self._transports = list(self._transports.values()), {}
        for transport in transports:
            await transport.aclose()
