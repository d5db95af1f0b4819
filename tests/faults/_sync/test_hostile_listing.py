# Generated from tests/faults/_async/test_hostile_listing.py by tools/unasync.py: do not edit, edit the source.
"""A hostile server's directory listings (a fake LXD: a real LXD never sends these): a
name listed twice, ``..``, ``.``, ``/``, NUL, an empty name, a listing that is not a list
of names. Each pull raises ``UnsafePath`` before it writes anything of that directory, and
nothing lands outside the destination."""

from __future__ import annotations

import json
import os
import stat
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest

from pylxd import Client
from pylxd.exceptions import UnsafePath
from tests.fake.conftest import send_json, sync_envelope
from tests.fake.exec_server import INSTANCE
from tests.faults.hostile_server import hostile

__all__ = ["hostile"]  # the fixture


def tree_route(tree: dict[bytes, tuple[str, object]]):
    """A files route serving ``tree``: path → ("directory", listing) / ("file", bytes) /
    ("symlink", target)."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        query = handler.path.split("?", 1)[1]
        raw = next(v for k, _, v in (p.partition("=") for p in query.split("&")) if k == "path")
        kind, value = tree.get(unquote_to_bytes(raw), ("missing", None))
        if kind == "missing":
            send_json(handler, 404, {"type": "error", "error_code": 404, "error": "not found"})
            return
        body = (
            json.dumps(sync_envelope(value)).encode()
            if kind == "directory"
            else value
            if isinstance(value, bytes)
            else str(value).encode()
        )
        handler.send_response(200)
        mode = "6777" if kind == "file" else "3777"  # set-ID bits LXD itself never reports
        for name, header in (("Type", kind), ("Mode", mode), ("Uid", "0"), ("Gid", "0")):
            handler.send_header(f"X-LXD-{name}", header)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


def serve(hostile, tree) -> None:
    hostile.routes[("GET", "/1.0/instances/c1")] = lambda h: send_json(
        h, 200, sync_envelope(INSTANCE)
    )
    hostile.routes[("GET", "/1.0/instances/c1/files")] = tree_route(tree)


@pytest.mark.parametrize(
    "listing",
    [
        ["a", "a"],  # the same name twice (first a link, then a directory)
        [".."],
        ["."],
        ["../escape"],
        ["/etc"],
        ["a\0b"],
        [""],
        [3],
        {"a": "b"},
    ],
    ids=["twice", "dotdot", "dot", "dotdot-slash", "absolute", "nul", "empty", "int", "object"],
)
def test_a_hostile_listing_is_refused(hostile, tmp_path: Path, listing) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim").write_bytes(b"host")
    tree: dict[bytes, tuple[str, object]] = {
        b"/srv": ("directory", listing),
        b"/srv/a": ("symlink", str(outside)),
        b"/srv/..": ("directory", ["victim"]),
        b"/srv/../escape": ("file", b"evil"),
        b"/etc": ("file", b"evil"),
        b"/srv//etc": ("file", b"evil"),
    }
    serve(hostile, tree)
    dest = tmp_path / "dest"
    with Client(endpoint=hostile.socket_path, timeout=5) as client:
        files = (client.instances.get("c1")).files
        started = time.monotonic()
        with pytest.raises(UnsafePath) as caught:
            files.recursive_get("/srv", dest)
        took = time.monotonic() - started
    print(f"\nSCENARIO hostile listing {listing!r}: UnsafePath in {took:.3f} s ({caught.value})")
    assert caught.value.path == "/srv"
    assert os.listdir(outside) == ["victim"] and (outside / "victim").read_bytes() == b"host"
    assert not dest.exists() or os.listdir(dest) == []
    assert not (tmp_path / "escape").exists() and took < 2


def test_a_duplicate_deep_in_the_tree_stops_before_that_directory(
    hostile, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    tree: dict[bytes, tuple[str, object]] = {
        b"/srv": ("directory", ["ok", "sub"]),
        b"/srv/ok": ("file", b"fine"),
        b"/srv/sub": ("directory", ["l", "l"]),
        b"/srv/sub/l": ("symlink", str(outside)),
    }
    serve(hostile, tree)
    with Client(endpoint=hostile.socket_path, timeout=5) as client:
        files = (client.instances.get("c1")).files
        with pytest.raises(UnsafePath, match="listed twice"):
            files.recursive_get("/srv", tmp_path / "dest")
    assert (tmp_path / "dest" / "ok").read_bytes() == b"fine"
    assert not (tmp_path / "dest" / "sub").exists() and os.listdir(outside) == []


def test_set_id_bits_from_a_server_are_dropped(hostile, tmp_path: Path) -> None:
    tree: dict[bytes, tuple[str, object]] = {
        b"/srv": ("directory", ["suid"]),
        b"/srv/suid": ("file", b"#!/bin/sh\n"),
    }
    serve(hostile, tree)
    mask = os.umask(0o022)
    try:
        with Client(endpoint=hostile.socket_path, timeout=5) as client:
            files = (client.instances.get("c1")).files
            files.recursive_get("/srv", tmp_path / "dropped")
            files.recursive_get("/srv", tmp_path / "kept", keep_setid=True)
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "dropped" / "suid").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "dropped").stat().st_mode) == 0o1755  # sticky kept
    assert stat.S_IMODE((tmp_path / "kept" / "suid").stat().st_mode) == 0o6755
    assert stat.S_IMODE((tmp_path / "kept").stat().st_mode) == 0o3755
