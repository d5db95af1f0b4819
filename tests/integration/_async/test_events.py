"""client.events() on a real daemon: filtered lifecycle events, the documented connect/run
flow, projects, close(), HTTPS, and a stream broken by a daemon restart (a private LXD)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest

from pylxd import EventType
from pylxd._drivers.aio.flavour import gather, sleep
from pylxd.aio import Client
from pylxd.aio.models import EventStream
from pylxd.exceptions import ClientConnectionFailed, LXDAPIException, TransportTimeout
from tests.integration.conftest import shared_container, unique_name
from tests.integration.private_lxd import PrivateLXD

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def container(admin) -> Iterator[str]:
    """One (stopped) container whose config the tests change to cause lifecycle events."""
    yield from shared_container(admin, "events", start=False)


def is_update_of(name: str):
    def match(event: dict) -> bool:
        meta = event.get("metadata") or {}
        return (
            event["type"] == "lifecycle"
            and meta.get("action") == "instance-updated"
            and (meta.get("source", "").split("?")[0].endswith(f"/instances/{name}"))
        )

    return match


async def touch(client: Client, name: str) -> None:
    """A config change: LXD sends an operation and an ``instance-updated`` lifecycle event."""
    instance = await client.instances.get(name)
    instance.config["user.pylxd-events"] = uuid.uuid4().hex
    await instance.save(wait=True)


async def until(stream: EventStream, match, timeout: float = 20.0) -> tuple[dict, list[dict]]:
    """The first event ``match`` accepts, and every event seen up to it."""
    seen = []
    deadline = time.monotonic() + timeout
    while True:
        event = await stream.recv(timeout=max(0.01, deadline - time.monotonic()))
        assert event is not None
        seen.append(event)
        if match(event):
            return event, seen


async def test_lifecycle_events_arrive_and_only_the_filtered_types(container, client) -> None:
    async with client.events(event_types={EventType.Lifecycle}) as events:
        assert events.resource == "/1.0/events?type=lifecycle"
        await touch(client, container)
        event, seen = await until(events, is_update_of(container))
        assert {e["type"] for e in seen} == {"lifecycle"}
        assert event["metadata"]["action"] == "instance-updated"


async def test_the_docs_event_filter_spelling_and_iteration(container, client) -> None:
    stream = client.events(event_filter={EventType.Operation, EventType.Logging})
    assert stream.resource == "/1.0/events?type=logging,operation"
    await stream.connect()
    await touch(client, container)
    types = set()
    async for event in stream:
        types.add(event["type"])
        if event["type"] == "operation" and container in str(event["metadata"]):
            break
    assert types <= {"operation", "logging"}
    await stream.aclose()
    assert await stream.recv() is None  # closed: no error, no reconnect
    assert client.events(event_types={EventType.All}).resource == "/1.0/events"
    with pytest.raises(ValueError):
        client.events(event_types={"no-such-type"})


async def test_documented_connect_run_collects_messages_until_close(container, client) -> None:
    ws_client = client.events(event_types={EventType.Lifecycle})
    await ws_client.connect()
    match = is_update_of(container)

    async def trigger_then_close() -> None:
        await touch(client, container)
        deadline = time.monotonic() + 20
        while not any(match(m) for m in ws_client.messages) and time.monotonic() < deadline:
            await sleep(0.02)
        await ws_client.aclose()

    await gather(ws_client.run, trigger_then_close)  # run() returns once closed
    assert any(match(m) for m in ws_client.messages)


async def test_project_filters(container, client) -> None:
    assert client.events(project="default").resource == "/1.0/events?project=default"
    stream = client.events(event_types=[EventType.Lifecycle], all_projects=True)
    assert stream.resource == "/1.0/events?type=lifecycle&all-projects=true"
    async with stream:
        await touch(client, container)
        event, _ = await until(stream, is_update_of(container))
        assert event.get("project", "default") == "default"
    with pytest.raises(LXDAPIException) as caught:
        await client.events(project=unique_name("no-project")).connect()
    assert "not found" in str(caught.value).lower()


async def test_events_over_https_with_a_client_certificate(
    container, https_url, client_cert, trust_token
) -> None:
    async with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        await client.authenticate(trust_token)
        async with client.events(event_types={EventType.Lifecycle}) as events:
            await touch(client, container)
            event, _ = await until(events, is_update_of(container))
            assert event["type"] == "lifecycle"


@pytest.fixture
def private_lxd() -> Iterator[PrivateLXD]:
    daemon = PrivateLXD()
    try:
        daemon.start()
        yield daemon
    finally:
        daemon.remove()


async def test_a_daemon_restart_breaks_the_stream_loudly(private_lxd: PrivateLXD) -> None:
    async with Client(endpoint=private_lxd.socket) as client:
        async with client.events(event_types={EventType.Lifecycle}) as quiet:  # nobody else here
            with pytest.raises(TransportTimeout):
                await quiet.recv(timeout=0.2)
            with pytest.raises(TransportTimeout):  # still open after a timeout
                await quiet.recv(timeout=0.2)
        iterated = client.events()
        await iterated.connect()
        ran = client.events()
        await ran.connect()
        private_lxd.stop()
        with pytest.raises(ClientConnectionFailed, match="closed by the server"):
            async for _event in iterated:
                pass
        with pytest.raises(ClientConnectionFailed):
            await ran.run()

        private_lxd.start()  # the restart: a new stream works again
        async with client.events(event_types={EventType.Lifecycle}) as events:
            await client.api.profiles.post(json={"name": "pylxd-after-restart"})
            event, _ = await until(events, lambda e: "profile" in e["metadata"]["action"])
            assert event["metadata"]["action"] == "profile-created"
