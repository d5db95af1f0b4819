"""Transport behaviours against the real daemon: streamed bodies both ways, timeouts,
background operations (wait with a timeout, cancel), lazy and sparse objects."""

from __future__ import annotations

import io
import time

import pytest

from pylxd.aio import Client
from pylxd.exceptions import LXDAPIException, NotFound, OperationTimeout, TransportTimeout

pytestmark = pytest.mark.integration

OCTETS = {"Content-Type": "application/octet-stream"}


async def running_instance(client: Client, name: str, alias: str):
    config = {"name": name, "source": {"type": "image", "alias": alias}}
    instance = await client.instances.create(config, wait=True)
    await instance.start(wait=True)
    return instance


async def background_sleep(client: Client, name: str, alias: str) -> str:
    """Start ``sleep 3`` in a new running instance, without websockets: an operation URL."""
    await running_instance(client, name, alias)
    body = {"command": ["sleep", "3"], "wait-for-websocket": False, "record-output": False}
    response = await client.api.instances[name].exec.post(json=body)
    return str(response.json()["operation"])


async def test_streamed_request_bodies_and_responses(instance_name, image_alias, client) -> None:
    await running_instance(client, instance_name, image_alias)
    files = client.api.instances[instance_name].files
    chunks = [bytes([i]) * 100_000 for i in range(20)]  # 2 MB in 20 chunks
    await files.post(params={"path": "/tmp/iter"}, data=iter(chunks), headers=OCTETS)
    await files.post(params={"path": "/tmp/file"}, data=io.BytesIO(b"from a file"), headers=OCTETS)
    await files.post(params={"path": "/tmp/bytes"}, data=b"plain bytes", headers=OCTETS)
    await files.post(params={"path": "/tmp/text"}, data="héllo ✓", headers=OCTETS)

    received = []
    async with await files.stream(params={"path": "/tmp/iter"}) as response:
        assert response.status_code == 200
        async for chunk in response.aiter_bytes(65536):
            assert len(chunk) <= 65536
            received.append(chunk)
    assert b"".join(received) == b"".join(chunks)

    assert (await files.get(params={"path": "/tmp/file"})).content == b"from a file"
    assert (await files.get(params={"path": "/tmp/bytes"})).content == b"plain bytes"
    assert (await files.get(params={"path": "/tmp/text"})).text == "héllo ✓"
    with pytest.raises(NotFound):
        await files.stream(params={"path": "/tmp/does-not-exist"})


async def test_a_read_timeout_is_a_transport_timeout(instance_name, image_alias, client) -> None:
    operation = await background_sleep(client, instance_name, image_alias)
    started = time.monotonic()
    with pytest.raises(TransportTimeout):
        await client.api.operations[operation.rsplit("/", 1)[-1]].wait.get(
            params={"timeout": 10}, timeout=0.5
        )
    assert time.monotonic() - started < 2.5
    await client.operations.wait_for_operation(operation, timeout=20)


async def test_wait_with_a_timeout_then_cancel_then_finish(
    instance_name, image_alias, client
) -> None:
    operation = await background_sleep(client, instance_name, image_alias)

    started = time.monotonic()
    with pytest.raises(OperationTimeout):
        await client.operations.wait_for_operation(operation, timeout=1)
    assert time.monotonic() - started < 2.5

    fetched = await client.operations.get(operation)
    assert fetched.status == "Running" and fetched.class_ == "task"
    assert fetched.id in [op.id for op in await client.operations.all()]
    if not fetched.may_cancel:
        with pytest.raises(LXDAPIException):
            await client.operations.cancel(operation)

    finished = await client.operations.wait_for_operation(operation, timeout=20)
    assert finished.status == "Success" and finished.metadata["return"] == 0


async def test_sparse_listing(instance_name, image_alias, client) -> None:
    await client.instances.create(
        {"name": instance_name, "source": {"type": "image", "alias": image_alias}}, wait=True
    )
    [sparse] = [i for i in await client.instances.all(recursion=0) if i.name == instance_name]
    await sparse.sync()
    assert sparse.status == "Stopped" and sparse.config is not None
