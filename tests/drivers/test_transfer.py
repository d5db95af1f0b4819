"""Upload sources: their sizes and chunks, whatever they are given as."""

from __future__ import annotations

import io
import os

import pytest

from pylxd._drivers.transfer import CHUNK_SIZE, Source, counted, open_sink


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
    body = counted([b"head", Source(b"x" * 5), b"tail"], lambda d, t: seen.append((d, t)), 5)
    assert b"".join(body) == b"headxxxxxtail"
    assert seen == [(5, 5)]
