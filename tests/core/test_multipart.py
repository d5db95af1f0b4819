"""multipart framing and the streaming reader: any chunking gives back the same parts."""

from __future__ import annotations

import os
import random

import pytest

from pylxd._core import multipart


def framed(parts: list[tuple[str, str, bytes]], boundary: str) -> bytes:
    body = b""
    for index, (name, filename, data) in enumerate(parts):
        body += multipart.part_head(boundary, name, filename, index == 0) + data
    return body + multipart.part_tail(boundary)


def read(body: bytes, boundary: str, sizes: list[int]) -> list[tuple[str, str | None, bytes]]:
    reader = multipart.MultipartReader(boundary)
    out: list[tuple[str, str | None, bytes]] = []
    position = 0
    for size in sizes:
        for event in reader.feed(body[position : position + size]):
            if isinstance(event, multipart.PartStart):
                out.append((event.name, event.filename, b""))
            else:
                name, filename, data = out[-1]
                out[-1] = (name, filename, data + event)
        position += size
    assert position >= len(body)
    reader.close()
    return out


@pytest.mark.parametrize("seed", range(30))
def test_any_chunking_gives_the_parts_back(seed: int) -> None:
    rng = random.Random(seed)
    boundary = multipart.new_boundary()
    # Data that nearly contains the delimiter, to catch a boundary split across chunks.
    tricky = b"\r\n--" + boundary.encode()[:-1] + b"X\r\n-"
    parts = [
        ("metadata", "meta.tar.gz", os.urandom(rng.randrange(0, 300)) + tricky),
        ("rootfs", "rootfs.tar.gz", tricky + os.urandom(rng.randrange(0, 5000))),
    ]
    body = framed(parts, boundary)
    sizes = [rng.randrange(1, 200) for _ in range(len(body))]
    assert read(body, boundary, sizes) == [(n, f, d) for n, f, d in parts]


def test_what_go_writes_is_read() -> None:
    # The shape of Go's multipart.Writer (LXD's export of a split image).
    body = (
        b'--abc\r\nContent-Disposition: form-data; name="metadata"; filename="meta-x.tar.gz"'
        b"\r\nContent-Type: application/octet-stream\r\n\r\nMETA\r\n--abc\r\n"
        b'Content-Disposition: form-data; name="rootfs"; filename="x.tar.gz"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\nROOT\r\n--abc--\r\n"
    )
    assert read(body, "abc", [len(body)]) == [
        ("metadata", "meta-x.tar.gz", b"META"),
        ("rootfs", "x.tar.gz", b"ROOT"),
    ]


def test_a_body_cut_short_is_an_error() -> None:
    body = framed([("metadata", "m", b"data")], "b")
    reader = multipart.MultipartReader("b")
    list(reader.feed(body[:-10]))
    with pytest.raises(ValueError, match="ended early"):
        reader.close()


def test_garbage_is_refused() -> None:
    with pytest.raises(ValueError, match="expected a boundary"):
        list(multipart.MultipartReader("b").feed(b"not multipart at all"))


def test_headers() -> None:
    assert multipart.boundary_of('multipart/form-data; boundary="x y"') == "x y"
    assert multipart.boundary_of("application/octet-stream") is None
    assert multipart.filename_of('attachment; filename="a b.tar.gz"') == "a b.tar.gz"
    assert multipart.filename_of(None) is None
    assert multipart.content_type("q") == "multipart/form-data; boundary=q"
