"""Transfer rules (``_core/transfer.py``): upload sources, body sizes, payload chunks, sinks."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from pylxd._core.transfer import (
    CHUNK_SIZE,
    CountedBody,
    Source,
    body_size,
    open_sink,
    payload_chunks,
)


def test_bytes_path_and_file_sources(tmp_path) -> None:
    data = os.urandom(CHUNK_SIZE + 10)
    path = tmp_path / "image.tar"
    path.write_bytes(data)
    for given, name in ((data, None), (str(path), "image.tar"), (path, "image.tar")):
        source = Source(given)
        assert source.size == len(data) and source.name == name
        assert [len(c) for c in source.chunks()] == [CHUNK_SIZE, 10]
        source.close()
    with open(path, "rb") as f:
        f.seek(10)
        source = Source(f)
        assert source.size == len(data) - 10  # from the file's position
        assert b"".join(source.chunks()) == data[10:]
        source.close()
        assert not f.closed  # the caller's file stays open


def test_a_pipe_has_no_size() -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, b"abc")
    os.close(write_end)
    with open(read_end, "rb") as pipe:
        source = Source(pipe)
        assert source.size is None
        assert b"".join(source.chunks()) == b"abc"


def test_text_files_and_other_things_are_refused(tmp_path) -> None:
    with pytest.raises(TypeError, match="bytes, a path or a binary file"):
        Source(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="binary mode"):
        list(Source(io.StringIO("text")).chunks())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="path or a binary file"):
        open_sink(42)  # type: ignore[arg-type]


def test_progress_counts_only_the_sources() -> None:
    seen: list[tuple[int, int | None]] = []
    body = CountedBody([b"head", Source(b"x" * 5), b"tail"], lambda d, t: seen.append((d, t)), 5)
    assert b"".join(body) == b"headxxxxxtail"
    assert seen == [(0, 5), (5, 5)]


def test_body_size_knows_bytes_files_and_seekable_buffers(tmp_path: Path) -> None:
    assert body_size(b"abc") == 3
    assert body_size(memoryview(b"abcd")) == 4
    buffer = io.BytesIO(b"0123456789")
    buffer.seek(4)
    assert body_size(buffer) == 6 and buffer.tell() == 4
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    with open(path, "rb") as f:
        f.read(30)
        assert body_size(f) == 70
    assert body_size(iter([b"a"])) is None
    assert body_size("text") is None


def test_payload_chunks() -> None:
    assert list(payload_chunks(None, "utf-8")) == []
    assert b"".join(payload_chunks("héllo", "utf-8")) == "héllo".encode()
    big = b"x" * 200_000
    chunks = list(payload_chunks(big, "utf-8", 1 << 16))
    assert len(chunks) > 1 and b"".join(chunks) == big
    assert b"".join(payload_chunks(io.BytesIO(b"file"), "utf-8")) == b"file"
    assert b"".join(payload_chunks(io.StringIO("text"), "utf-8")) == b"text"
    assert b"".join(payload_chunks(iter([b"a", "b"]), "utf-8")) == b"ab"
