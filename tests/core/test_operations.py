"""Operation states and names (``_core/operations.py``)."""

from __future__ import annotations

from pylxd._core.envelope import operation_id, response_operation
from pylxd._core.operations import is_final, is_success, resource_name, server_wait_seconds
from pylxd._core.response import Response


def response(status: int, body: bytes) -> Response:
    return Response(status, {}, body, "/1.0/x")


def test_operations_helpers() -> None:
    assert operation_id("/1.0/operations/abc-1") == "abc-1"
    assert operation_id("/1.0/operations/abc-1?project=p") == "abc-1"
    assert operation_id("abc-1") == "abc-1"
    async_body = b'{"type":"async","operation":"/1.0/operations/x","metadata":{}}'
    assert response_operation(response(202, async_body)) == "/1.0/operations/x"
    assert response_operation(response(200, b'{"type":"sync"}')) is None
    assert is_final(200) and is_final(400) and not is_final(103) and not is_final(None)
    assert is_success(200) and not is_success(401)
    assert server_wait_seconds(0.2) == 1 and server_wait_seconds(2.5) == 3
    assert resource_name({"resources": {"instances": ["/1.0/instances/c1"]}}, "instances") == "c1"
    assert resource_name({}, "instances") is None
