# Generated from pylxd/_async/streams.py by tools/unasync.py: do not edit, edit the source.
"""Bodies sent in chunks: stdin of a command, the content of a file (any flavour of source)."""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterator
from typing import Any

from pylxd._core.exec import CHUNK, stdin_chunks
from pylxd._core.files import Progress, body_size

__all__ = ["chunks", "counted_upload"]


def chunks(
    payload: Any,
    encoding: str = "utf-8",
    chunk_size: int = CHUNK,
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
    for chunk in stdin_chunks(payload, encoding, chunk_size):
        yield chunk
        done += len(chunk)
        if progress is not None:
            progress(done, total)


def counted_upload(
    data: Any, progress: Progress | None, chunk_size: int = CHUNK
) -> tuple[Any, dict[str, str]]:
    """``data`` (bytes, a file object, chunks) as a request body that tells
    ``progress(done, total)`` as it is sent, with the ``Content-Length`` header when its size
    is known; without ``progress``, ``data`` as it is."""
    if progress is None:
        return data, {}
    size = body_size(data)
    headers = {} if size is None else {"Content-Length": str(size)}
    return chunks(data, chunk_size=chunk_size, total=size, progress=progress), headers
