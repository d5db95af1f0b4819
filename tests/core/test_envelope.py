"""LXD's envelope: errors mapped to exceptions, metadata (``_core/envelope.py``)."""

from __future__ import annotations

import re

import pytest

from pylxd._core.envelope import (
    check_response,
    metadata,
    metadata_field,
    metadata_list,
    metadata_object,
    response_operation,
    server_info,
    websocket_secrets,
)
from pylxd._core.exec import recorded_metadata
from pylxd._core.operations import resource_name
from pylxd._core.response import Response
from pylxd.exceptions import (
    BadRequest,
    Conflict,
    Forbidden,
    InUse,
    LXDAPIException,
    MalformedResponse,
    NotFound,
)


def response(status: int, body: bytes) -> Response:
    return Response(status, {}, body, "/1.0/x")


def test_errors_map_to_exceptions_with_lxds_text() -> None:
    body = b'{"type":"error","error_code":404,"error":"Instance not found"}'
    with pytest.raises(NotFound, match="Instance not found") as caught:
        check_response(response(404, body))
    assert caught.value.status_code == 404 and caught.value.error == "Instance not found"
    with pytest.raises(Conflict):
        check_response(response(409, b'{"error":"exists"}'))
    with pytest.raises(Forbidden):
        check_response(response(403, b'{"error":"not authorized"}'))
    with pytest.raises(LXDAPIException, match="plain text failure"):
        check_response(response(500, b"plain text failure"))
    ok = response(200, b'{"type":"sync","metadata":{"a":1}}')
    assert check_response(ok) is ok and metadata(ok) == {"a": 1}


def test_duplicates_refused_with_a_500_are_conflicts() -> None:
    profile = b'{"type":"error","error_code":500,"error":"Error inserting \\"p\\" into database: The profile already exists"}'
    with pytest.raises(Conflict, match="The profile already exists") as caught:
        check_response(response(500, profile))
    assert caught.value.status_code == 500  # what LXD said, not a made-up 409
    project = b'{"type":"error","error_code":500,"error":"UNIQUE constraint failed: projects.name"}'
    with pytest.raises(Conflict, match="UNIQUE constraint"):
        check_response(response(500, project))
    with pytest.raises(Conflict, match="already exists"):  # error envelope sent with HTTP 200
        metadata(response(200, b'{"type":"error","error_code":500,"error":"x already exists"}'))
    with pytest.raises(LXDAPIException) as other:
        check_response(response(500, b'{"type":"error","error":"Unknown configuration key: x"}'))
    assert type(other.value) is LXDAPIException
    with pytest.raises(NotFound):  # the status wins over the text
        check_response(response(404, b'{"error":"already exists somewhere, not found"}'))


def test_bad_requests_and_objects_in_use() -> None:
    in_use = b'{"type":"error","error_code":400,"error":"The storage pool is currently in use"}'
    with pytest.raises(InUse, match="currently in use") as caught:
        check_response(response(400, in_use))
    assert isinstance(caught.value, BadRequest) and caught.value.status_code == 400
    with pytest.raises(InUse, match="still in use"):
        metadata(response(200, b'{"type":"error","error_code":400,"error":"Volume still in use"}'))
    with pytest.raises(BadRequest) as plain:
        check_response(response(400, b'{"error":"Invalid value for size"}'))
    assert type(plain.value) is BadRequest
    # "in use" elsewhere than LXD's error text, or with another status, is not InUse.
    with pytest.raises(BadRequest) as other:
        check_response(response(400, b'{"error":"bad","metadata":{"x":"in use"}}'))
    assert type(other.value) is BadRequest
    with pytest.raises(LXDAPIException) as server:
        check_response(response(500, b'{"error":"Disk in use by another process"}'))
    assert type(server.value) is LXDAPIException


def test_operation_errors_prefer_err() -> None:
    body = b'{"type":"sync","metadata":{"status":"Failure","err":"boom"}}'
    assert str(LXDAPIException(response(200, body))) == "boom"


def test_metadata_of_a_non_lxd_body() -> None:
    with pytest.raises(LXDAPIException, match="not an LXD response"):
        metadata(response(200, b"<html>"))


# -- answer shapes (MalformedResponse) -----------------------------------------------------


def sync(metadata_json: str) -> Response:
    return Response(200, {}, b'{"type":"sync","metadata":%s}' % metadata_json.encode(), "/1.0/x")


def test_shapes_are_checked_and_the_message_says_what_and_where() -> None:
    assert metadata_object(sync('{"a": 1}')) == {"a": 1}
    assert metadata_list(sync("null")) == []
    assert metadata_list(sync('["/1.0/x/a"]'), str) == ["/1.0/x/a"]
    cases = [
        (lambda: metadata_object(sync("[]")), "/1.0/x: expected an object, got a list"),
        (lambda: metadata_object(sync("null")), "expected an object, got null"),
        (lambda: metadata_list(sync('["a"]')), "expected a list of objects, got a string"),
        (lambda: metadata_list(sync('{"a": 1}'), str), "expected a list of strings, got an object"),
        (lambda: metadata_field(sync('{"target": 5}'), "target", str), "got a number"),
        (
            lambda: websocket_secrets(sync('{"metadata": {"fds": {"0": "s"}}}'), ("0", "control")),
            "expected websocket secrets for 0, control (strings), got null",
        ),
        (lambda: server_info(sync('{"api_extensions": "projects"}')), "got a string"),
        (lambda: metadata(Response(200, {}, b"[1]", "/1.0/x")), "not an LXD response"),
    ]
    for call, message in cases:
        with pytest.raises(MalformedResponse, match=re.escape(message)):
            call()


def test_an_async_answer_names_its_operation_by_url() -> None:
    def answer(operation: str) -> Response:
        return Response(
            202, {}, b'{"type":"async","operation":%s,"metadata":{}}' % operation.encode()
        )

    assert response_operation(answer('"/1.0/operations/op1"')) == "/1.0/operations/op1"
    for bad in ("5", "null", '""', '"/1.0/operations/.."'):
        with pytest.raises(MalformedResponse, match="an operation URL"):
            response_operation(answer(bad))


def test_recorded_exec_metadata_and_operation_resources() -> None:
    good = {"output": {"1": "/1.0/x/logs/a", "2": "/1.0/x/logs/b"}, "return": 0}
    assert recorded_metadata(good) == good
    for bad in ("x", {"output": [1]}, {"output": {"1": 5}}, {"return": "0"}, {"return": True}):
        with pytest.raises(MalformedResponse, match="recorded command"):
            recorded_metadata(bad)
    assert resource_name({"resources": {"instances": ["/1.0/instances/c1"]}}, "instances") == "c1"
    assert resource_name({}, "instances") is None
    for bad in (
        {"resources": ["x"]},
        {"resources": {"instances": "c1"}},
        {"resources": {"instances": [5]}},
    ):
        with pytest.raises(MalformedResponse, match="resources"):
            resource_name(bad, "instances")
