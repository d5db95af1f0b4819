# Generated from tests/integration/_async/test_transport.py by tools/unasync.py: do not edit, edit the source.
"""Transport behaviours against the real daemon: streamed bodies both ways, timeouts,
background operations (wait with a timeout, cancel), lazy and sparse objects."""

from __future__ import annotations

import io
import time

import pytest

from pylxd import Client
from pylxd.exceptions import LXDAPIException, NotFound, OperationTimeout, TransportTimeout

pytestmark = pytest.mark.integration

OCTETS = {"Content-Type": "application/octet-stream"}


def running_instance(client: Client, name: str, alias: str):
    config = {"name": name, "source": {"type": "image", "alias": alias}}
    instance = client.instances.create(config, wait=True)
    instance.start(wait=True)
    return instance


def background_sleep(client: Client, name: str, alias: str) -> str:
    """Start ``sleep 3`` in a new running instance, without websockets: an operation URL."""
    running_instance(client, name, alias)
    body = {"command": ["sleep", "3"], "wait-for-websocket": False, "record-output": False}
    response = client.api.instances[name].exec.post(json=body)
    return str(response.json()["operation"])


def test_streamed_request_bodies_and_responses(instance_name, image_alias, client) -> None:
    running_instance(client, instance_name, image_alias)
    files = client.api.instances[instance_name].files
    chunks = [bytes([i]) * 100_000 for i in range(20)]  # 2 MB in 20 chunks
    files.post(params={"path": "/tmp/iter"}, data=iter(chunks), headers=OCTETS)
    files.post(params={"path": "/tmp/file"}, data=io.BytesIO(b"from a file"), headers=OCTETS)
    files.post(params={"path": "/tmp/bytes"}, data=b"plain bytes", headers=OCTETS)
    files.post(params={"path": "/tmp/text"}, data="héllo ✓", headers=OCTETS)

    received = []
    with files.stream(params={"path": "/tmp/iter"}) as response:
        assert response.status_code == 200
        for chunk in response.iter_bytes(65536):
            assert len(chunk) <= 65536
            received.append(chunk)
    assert b"".join(received) == b"".join(chunks)

    assert (files.get(params={"path": "/tmp/file"})).content == b"from a file"
    assert (files.get(params={"path": "/tmp/bytes"})).content == b"plain bytes"
    assert (files.get(params={"path": "/tmp/text"})).text == "héllo ✓"
    with pytest.raises(NotFound):
        files.stream(params={"path": "/tmp/does-not-exist"})


def test_a_read_timeout_is_a_transport_timeout(instance_name, image_alias, client) -> None:
    operation = background_sleep(client, instance_name, image_alias)
    started = time.monotonic()
    with pytest.raises(TransportTimeout):
        client.api.operations[operation.rsplit("/", 1)[-1]].wait.get(
            params={"timeout": 10}, timeout=0.5
        )
    assert time.monotonic() - started < 2.5
    client.operations.wait_for_operation(operation, timeout=20)


def test_wait_with_a_timeout_then_cancel_then_finish(
    instance_name, image_alias, client
) -> None:
    operation = background_sleep(client, instance_name, image_alias)

    started = time.monotonic()
    with pytest.raises(OperationTimeout):
        client.operations.wait_for_operation(operation, timeout=1)
    assert time.monotonic() - started < 2.5

    fetched = client.operations.get(operation)
    assert fetched.status == "Running" and fetched.class_ == "task"
    assert fetched.id in [op.id for op in client.operations.all()]
    if not fetched.may_cancel:
        with pytest.raises(LXDAPIException):
            client.operations.cancel(operation)

    finished = client.operations.wait_for_operation(operation, timeout=20)
    assert finished.status == "Success" and finished.metadata["return"] == 0


def test_sparse_listing(instance_name, image_alias, client) -> None:
    client.instances.create(
        {"name": instance_name, "source": {"type": "image", "alias": image_alias}}, wait=True
    )
    [sparse] = [i for i in client.instances.all(recursion=0) if i.name == instance_name]
    sparse.sync()
    assert sparse.status == "Stopped" and sparse.config is not None
