# Generated from tests/fake/_async/test_head_answers.py by tools/unasync.py: do not edit, edit the source.
"""A ``HEAD`` answer has no body: its ``Content-Length`` is the size of what a ``GET`` would
send (Incus says so for ``files.stat()`` of a 64 MiB file), never a reason to refuse it as
larger than ``max_response_size``."""

from __future__ import annotations

from pylxd import Client


def head_of_a_big_file(handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", str(64 << 20))
    handler.send_header("X-LXD-type", "file")
    handler.send_header("X-LXD-mode", "0644")
    handler.send_header("X-LXD-uid", "0")
    handler.send_header("X-LXD-gid", "0")
    handler.end_headers()


def test_a_head_with_a_large_length_is_read_as_empty(fake_lxd) -> None:
    fake_lxd.routes[("HEAD", "/1.0/x")] = head_of_a_big_file
    with Client(fake_lxd.socket_path, max_response_size=1 << 20) as client:
        response = client._request("HEAD", "/1.0/x")
    assert response.status_code == 200 and response.content == b""
    assert response.headers["Content-Length"] == str(64 << 20)
