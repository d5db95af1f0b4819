"""Streamed transfers, without the network: what to upload (bytes, a path, a binary file,
chunks), its size when it is known, its chunks, where a download goes.

Nothing here holds a whole transfer in memory: sources are read in chunks as the driver
sends them, sinks are written as the body arrives, and a progress callback sees
``(done, total)`` after each chunk (``total`` is ``None`` when the size is unknown). The
flavoured halves (async iteration, the download loop) are in ``pylxd/_async/transfer.py``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, TypeAlias

__all__ = [
    "CHUNK_SIZE",
    "CountedBody",
    "DataSource",
    "Progress",
    "Sink",
    "Source",
    "body_size",
    "open_sink",
    "payload_chunks",
]

#: Bytes read or written at a time: big enough that per-chunk costs vanish, small enough
#: that memory stays flat.
CHUNK_SIZE = 1 << 20

#: Something to upload: the bytes themselves, a file path, or a binary file object.
DataSource: TypeAlias = "bytes | bytearray | memoryview | str | os.PathLike[str] | IO[bytes]"

#: A download target: a file path or a binary file object.
Sink: TypeAlias = "str | os.PathLike[str] | IO[bytes]"

#: Called with ``(done, total)`` bytes after each chunk; ``total`` is ``None`` if unknown.
Progress: TypeAlias = "Callable[[int, int | None], object]"


def body_size(data: Any) -> int | None:
    """The length of a body when it is known without reading it: bytes, a regular file
    (from its position), a seekable buffer; ``None`` for a pipe, an iterable, text."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return memoryview(data).nbytes
    if isinstance(data, str) or not hasattr(data, "read"):
        return None
    try:
        fileno = data.fileno()
    except (AttributeError, OSError, ValueError):
        fileno = None
    try:
        if fileno is not None:  # a regular file: its size, without moving it
            info = os.fstat(fileno)
            return max(0, info.st_size - data.tell()) if stat.S_ISREG(info.st_mode) else None
        if data.seekable():  # io.BytesIO and the like
            here = data.tell()
            end = data.seek(0, os.SEEK_END)
            data.seek(here)
            return max(0, int(end) - int(here))
    except (AttributeError, OSError, ValueError):
        return None
    return None


def payload_chunks(payload: Any, encoding: str, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """A payload (str, bytes, a file object or an iterable of chunks; ``None``: nothing)
    as bytes chunks of at most ``chunk_size`` (an iterable's items are passed as they
    are; text is encoded with ``encoding``)."""
    if payload is None:
        return
    if isinstance(payload, str):
        payload = payload.encode(encoding)
    if isinstance(payload, (bytes, bytearray, memoryview)):
        view = memoryview(payload)
        for start in range(0, len(view), chunk_size):
            yield bytes(view[start : start + chunk_size])
        return
    if hasattr(payload, "read"):
        while chunk := payload.read(chunk_size):
            yield chunk.encode(encoding) if isinstance(chunk, str) else bytes(chunk)
        return
    for item in payload:
        yield item.encode(encoding) if isinstance(item, str) else bytes(item)


class Source:
    """One upload source, read in chunks; ``size`` is ``None`` when it cannot be known.

    A path is opened here and closed by :meth:`close`; a file object given by the caller
    is read from its current position and left open.
    """

    def __init__(self, data: DataSource) -> None:
        self._bytes: memoryview | None = None
        self._file: IO[bytes] | None = None
        self._owned = False
        self.name: str | None = None
        if isinstance(data, (bytes, bytearray, memoryview)):
            self._bytes = memoryview(data).cast("B")
        elif isinstance(data, (str, os.PathLike)):
            self._file = open(data, "rb")  # noqa: SIM115 - closed by close()
            self._owned = True
            self.name = os.path.basename(os.fspath(data))
        elif hasattr(data, "read"):
            self._file = data
            name = getattr(data, "name", None)
            self.name = os.path.basename(name) if isinstance(name, str) else None
        else:
            raise TypeError(
                f"image data must be bytes, a path or a binary file, not {type(data).__name__}"
            )
        self.size = body_size(self._bytes if self._bytes is not None else self._file)

    def chunks(self) -> Iterator[bytes]:
        """The contents, ``CHUNK_SIZE`` bytes at a time."""
        if self._bytes is not None:
            for start in range(0, len(self._bytes), CHUNK_SIZE):
                yield bytes(self._bytes[start : start + CHUNK_SIZE])
            return
        assert self._file is not None
        while chunk := self._file.read(CHUNK_SIZE):
            if not isinstance(chunk, bytes):
                raise TypeError("the file must be opened in binary mode ('rb')")
            yield chunk

    def close(self) -> None:
        """Close the file if this source opened it."""
        if self._owned and self._file is not None:
            self._file.close()


class CountedBody:
    """A request body: literal framing bytes and sources' chunks in order; ``progress``
    counts only the sources' bytes. A class, not a generator, so that a driver may send it
    from another thread and have ``progress`` told where it belongs (:meth:`reporting`)."""

    def __init__(
        self, pieces: Iterable[bytes | Source], progress: Progress | None, total: int | None
    ) -> None:
        self.pieces = pieces
        self.progress = progress
        self.total = total

    def reporting(self, progress: Progress) -> CountedBody:
        """The same body, telling ``progress`` instead."""
        return CountedBody(self.pieces, progress, self.total)

    def __iter__(self) -> Iterator[bytes]:
        done = 0
        if self.progress is not None:
            self.progress(0, self.total)
        for piece in self.pieces:
            if isinstance(piece, bytes):
                yield piece
                continue
            for chunk in piece.chunks():
                yield chunk
                done += len(chunk)
                if self.progress is not None:
                    self.progress(done, self.total)


def open_sink(to: Sink) -> tuple[IO[bytes], bool]:
    """``(file, owned)``: a path is opened for writing (and must be closed by the caller)."""
    if isinstance(to, (str, os.PathLike)):
        return open(to, "wb"), True  # noqa: SIM115 - the caller closes it
    if not hasattr(to, "write"):
        raise TypeError(f"to= must be a path or a binary file, not {type(to).__name__}")
    return to, False
