# Generated from pylxd/_async/transfer.py by tools/unasync.py: do not edit, edit the source.
"""Streamed transfers, the flavoured half (the rules are ``pylxd/_core/transfer.py``):
bodies sent in chunks (stdin of a command, a file's content, a backup) and downloads
written as they arrive."""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from pylxd._core.response import content_length
from pylxd._core.transfer import CHUNK_SIZE, Progress, body_size, payload_chunks

if TYPE_CHECKING:
    from pylxd._sync.api import APINode

__all__ = ["chunks", "counted_upload", "download"]


def chunks(
    payload: Any,
    encoding: str = "utf-8",
    chunk_size: int = CHUNK_SIZE,
    total: int | None = None,
    progress: Progress | None = None,
) -> Iterator[bytes]:
    """``payload`` (str, bytes, a file object, an iterable or, with ``pylxd``, an async
    iterable of chunks) as bytes chunks, telling ``progress(done, total)`` as they go."""
    done = 0
    if progress is not None:
        progress(0, total)
    if isinstance(payload, AsyncIterable):
        # (The blocking flavour gets here only with an async iterable: a TypeError.)
        for item in payload:  # type: ignore[attr-defined, unused-ignore]
            chunk = item.encode(encoding) if isinstance(item, str) else bytes(item)
            yield chunk
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        return
    for chunk in payload_chunks(payload, encoding, chunk_size):
        yield chunk
        done += len(chunk)
        if progress is not None:
            progress(done, total)


def counted_upload(
    data: Any, progress: Progress | None, chunk_size: int = CHUNK_SIZE
) -> tuple[Any, dict[str, str]]:
    """``data`` (bytes, a file object, chunks) as a request body that tells
    ``progress(done, total)`` as it is sent, with the ``Content-Length`` header when its size
    is known; without ``progress``, ``data`` as it is."""
    if progress is None:
        return data, {}
    size = body_size(data)
    headers = {} if size is None else {"Content-Length": str(size)}
    return chunks(data, chunk_size=chunk_size, total=size, progress=progress), headers


def download(
    node: APINode, target: IO[bytes], chunk_size: int = CHUNK_SIZE, progress: Progress | None = None
) -> int:
    """Write what ``GET node`` answers (a backup's tarball) to ``target`` as it arrives
    (constant memory), telling ``progress``; returns the number of bytes written."""
    written = 0
    with node.stream(bulk=True) as stream:
        total = content_length(stream.headers)
        if progress is not None:
            progress(0, total)
        for chunk in stream.iter_bytes(chunk_size):
            target.write(chunk)
            written += len(chunk)
            if progress is not None:
                progress(written, total)
    return written
