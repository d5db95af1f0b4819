# Generated from pylxd/_async/events.py by tools/unasync.py: do not edit, edit the source.
"""``client.events()``: LXD's event stream, as upstream's ws4py-style client and as an iterator.

>>> with client.events(event_types={EventType.Lifecycle}) as events:
...     for event in events:
...         print(event["metadata"]["action"])

A stream the server drops (a daemon restart, a network failure) raises
:class:`~pylxd.exceptions.ClientConnectionFailed`; only :meth:`EventStream.close` ends it quietly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pylxd._core.events import EventMessage, EventType, events_path, parse_event
from pylxd._core.fields import object_repr
from pylxd.exceptions import ClientConnectionFailed, TransportTimeout

if TYPE_CHECKING:
    from pylxd._sync.client import Client
    from pylxd._drivers.sync.websocket import WebSocket

__all__ = ["EventStream", "open_events"]


def open_events(
    client: Client,
    websocket_client: Any = None,
    event_types: Iterable[EventType | str] | None = None,
    event_filter: Iterable[EventType | str] | None = None,
    project: str | None = None,
    all_projects: bool = False,
) -> Any:
    """See :meth:`Client.events`."""
    if event_types is not None and event_filter is not None:
        raise TypeError("give event_types or event_filter (the docs' name), not both")
    if project is not None or all_projects:
        client.assert_has_api_extension("event_project")
    path = events_path(
        client.version,
        event_types if event_types is not None else event_filter,
        project if project is not None else client.project,
        all_projects,
    )
    if websocket_client is None:
        return EventStream(client, path)
    # A user's class (upstream: a ws4py WebSocketBaseClient subclass), built as upstream does.
    instance = websocket_client(client.websocket_url, ssl_options=ws4py_ssl_options(client))
    instance.resource = path
    return instance


def ws4py_ssl_options(client: Client) -> dict[str, Any] | None:
    """ws4py's ``ssl_options`` (``ssl.wrap_socket`` arguments) for this client's TLS."""
    if client.endpoint.scheme != "https":
        return None
    import ssl  # loaded with the first TLS client, not with ``import pylxd``

    options: dict[str, Any] = {}
    if client.cert is not None:
        options["certfile"], options["keyfile"] = client.cert.cert, client.cert.key
    # ws4py checks the server only when ``cert_reqs`` is given; older ones pass it on.
    if client.verify is not False:
        options["cert_reqs"] = ssl.CERT_REQUIRED
        if isinstance(client.verify, str):
            options["ca_certs"] = client.verify
    return options


class EventStream:
    """A stream of LXD events (what :meth:`Client.events` returns by default).

    Upstream's interface: ``connect()``, then ``run()`` until ``close()``, each message handed
    to ``received_message()`` (which collects the parsed events in ``messages``; override it
    in a subclass). Or iterate it (it connects itself) for parsed events (dicts).

    Attributes:
        resource: the path of the stream, with its filters (``/1.0/events?type=lifecycle``).
        messages: the events ``run()`` collected.
    """

    def __init__(self, client: Client, resource: str) -> None:
        self.client = client
        self.resource = resource
        self.url = client.websocket_url
        self.messages: list[dict[str, Any]] = []
        self._socket: WebSocket | None = None
        self._closing = False

    def connect(self) -> None:
        """Open the stream (events from now on are received).

        Raises:
            ClientConnectionFailed: the server cannot be reached.
            LXDAPIException: it refused (e.g. an unknown project).
        """
        if self._socket is None:
            self._closing = False
            (self._socket,) = self.client._websockets([self.resource])
            self.handshake_ok()

    def handshake_ok(self) -> None:
        """Called once connected (ws4py's hook): starts a new ``messages`` list."""
        self.messages = []

    def received_message(self, message: EventMessage) -> None:
        """Called by ``run()`` with each message (``message.data`` is the JSON bytes)."""
        self.messages.append(parse_event(message.data))

    def closed(self, code: int, reason: str | None = None) -> None:
        """Called when ``run()`` ends after :meth:`close` (ws4py's hook)."""

    def _next_message(self, timeout: float | None = None) -> bytes | None:
        if self._closing:
            return None
        self.connect()
        socket = self._socket
        assert socket is not None
        try:
            message = socket.recv(timeout)
        except TransportTimeout:
            raise  # a quiet stream is not a broken one
        except (ClientConnectionFailed, OSError) as exc:
            message, reason = None, f": {exc}"  # a reset, or close() from another thread
        else:
            reason = ""
        if message is None:
            self._socket = None
            socket.close()
            if self._closing:
                return None
            raise ClientConnectionFailed(
                f"the event stream from {self.client.endpoint} was closed by the server{reason}"
            )
        return message.encode() if isinstance(message, str) else message

    def run(self) -> None:
        """Receive events, handing each to :meth:`received_message`, until :meth:`close`.

        Raises:
            ClientConnectionFailed: the server dropped the stream.
        """
        try:
            while (data := self._next_message()) is not None:
                self.received_message(EventMessage(data))
        except ClientConnectionFailed:
            if not self._closing:
                raise
        self.closed(1000, "closed by the client")

    def recv(self, timeout: float | None = None) -> dict[str, Any] | None:
        """The next event, or ``None`` once :meth:`close` was called.

        Raises:
            ClientConnectionFailed: the server dropped the stream.
            TransportTimeout: no event within ``timeout`` seconds (the stream stays open).
        """
        try:
            data = self._next_message(timeout)
        except ClientConnectionFailed:
            if self._closing:
                return None
            raise
        return None if data is None else parse_event(data)

    def __iter__(self) -> EventStream:
        return self

    def __next__(self) -> dict[str, Any]:
        event = self.recv()
        if event is None:
            raise StopIteration
        return event

    def close(self) -> None:
        """End the stream (a ``run()`` or a loop over it ends without an error)."""
        self._closing = True
        socket, self._socket = self._socket, None
        if socket is not None:
            socket.close()

    def __enter__(self) -> EventStream:
        self.connect()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return object_repr(self, [("resource", self.resource)])
