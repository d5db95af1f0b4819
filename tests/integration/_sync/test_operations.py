# Generated from tests/integration/_async/test_operations.py by tools/unasync.py: do not edit, edit the source.
"""Operations: the documented get / wait_for_operation / wait, listing, cancelling, timeouts."""

from __future__ import annotations

import pytest

from pylxd import Client
from pylxd.models import Operation
from pylxd.exceptions import NotFound, OperationFailed, OperationTimeout
from tests.integration.conftest import unique_name

pytestmark = pytest.mark.integration


def start_token_operation(client: Client) -> str:
    """A harmless operation that runs until cancelled: a trust token's."""
    response = client.api.certificates.post(
        json={"type": "client", "token": True, "name": unique_name("optoken")}
    )
    return str(response.json()["operation"])


def test_documented_get_and_wait_for_operation(instance_name, image_alias, client) -> None:
    response = client.api.instances.post(
        json={"name": instance_name, "source": {"type": "image", "alias": image_alias}}
    )
    url = response.json()["operation"]
    operation = client.operations.get(url)  # a URL or an id
    assert isinstance(operation, Operation) and url.endswith(operation.id)
    assert operation.class_ == "task" and operation.description

    done = client.operations.wait_for_operation(operation.id)
    assert done.status == "Success" and done.status_code == 200
    assert operation.wait() is True and operation.status == "Success"
    assert (Operation.wait_for_operation(client, url)).status == "Success"
    assert (Operation.get(client, operation.id)).status == "Success"
    assert client.instances.exists(instance_name)


def test_all_list_wait_timeout_and_cancel(client) -> None:
    url = start_token_operation(client)
    try:
        operation = client.operations.get(url)
        assert operation.status == "Running" and operation.may_cancel
        assert operation.id in [op.id for op in client.operations.all()]
        assert operation.id in [op.id for op in client.operations.list()]
        assert operation.id in [op.id for op in Operation.all(client)]
        with pytest.raises(OperationTimeout, match="still running"):
            operation.wait(timeout=1)
    finally:
        client.operations.cancel(url)
    try:
        cancelled = client.operations.get(url)
    except NotFound:
        return  # already forgotten
    assert cancelled.status == "Cancelled"
    with pytest.raises(OperationFailed):
        cancelled.wait(timeout=5)


def test_cancel_through_the_object(client) -> None:
    operation = client.operations.get(start_token_operation(client))
    operation.cancel()
    with pytest.raises(OperationFailed):
        client.operations.wait_for_operation(operation.id, timeout=5)


def test_missing_operation_is_not_found(client) -> None:
    with pytest.raises(NotFound):
        client.operations.get("00000000-0000-0000-0000-000000000000")
    with pytest.raises(NotFound):
        client.operations.wait_for_operation("00000000-0000-0000-0000-000000000000")
    with pytest.raises(NotFound):
        client.operations.cancel("00000000-0000-0000-0000-000000000000")
