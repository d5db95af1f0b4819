"""Streamed transfers: what to upload (bytes, a path, a binary file), where a download goes.

Nothing here holds a whole transfer in memory: sources are read in chunks as the driver
sends them, sinks are written as the body arrives, and a progress callback sees
``(done, total)`` after each chunk (``total`` is ``None`` when the size is unknown).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TypeAlias

__all__ = ["CHUNK_SIZE", "DataSource", "Progress", "Sink", "Source", "counted", "open_sink"]

#: Bytes read or written at a time: big enough that per-chunk costs vanish, small enough
#: that memory stays flat.
CHUNK_SIZE = 1 << 20

#: Something to upload: the bytes themselves, a file path, or a binary file object.
DataSource: TypeAlias = "bytes | bytearray | memoryview | str | os.PathLike[str] | IO[bytes]"

#: A download target: a file path or a binary file object.
Sink: TypeAlias = "str | os.PathLike[str] | IO[bytes]"

#: Called with ``(done, total)`` bytes after each chunk; ``total`` is ``None`` if unknown.
Progress: TypeAlias = "Callable[[int, int | None], object]"


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
        self.size: int | None = None
        if isinstance(data, (bytes, bytearray, memoryview)):
            self._bytes = memoryview(data).cast("B")
            self.size = len(self._bytes)
        elif isinstance(data, (str, os.PathLike)):
            self._file = open(data, "rb")  # noqa: SIM115 - closed by close()
            self._owned = True
            self.name = os.path.basename(os.fspath(data))
            self.size = os.fstat(self._file.fileno()).st_size
        elif hasattr(data, "read"):
            self._file = data
            name = getattr(data, "name", None)
            self.name = os.path.basename(name) if isinstance(name, str) else None
            self.size = _remaining(data)
        else:
            raise TypeError(
                f"image data must be bytes, a path or a binary file, not {type(data).__name__}"
            )

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


def _remaining(file: IO[bytes]) -> int | None:
    """Bytes left from the file's position, if it can tell (a pipe cannot)."""
    try:
        if not file.seekable():
            return None
        position = file.tell()
        end = file.seek(0, os.SEEK_END)
        file.seek(position)
        return end - position
    except (OSError, AttributeError, ValueError):
        return None


def counted(
    pieces: Iterable[bytes | Source], progress: Progress | None, total: int | None
) -> Iterator[bytes]:
    """The body: literal framing bytes and sources' chunks in order; ``progress`` counts
    only the sources' bytes."""
    done = 0
    for piece in pieces:
        if isinstance(piece, bytes):
            yield piece
            continue
        for chunk in piece.chunks():
            yield chunk
            done += len(chunk)
            if progress is not None:
                progress(done, total)


def open_sink(to: Sink) -> tuple[IO[bytes], bool]:
    """``(file, owned)``: a path is opened for writing (and must be closed by the caller)."""
    if isinstance(to, (str, os.PathLike)):
        return open(to, "wb"), True  # noqa: SIM115 - the caller closes it
    if not hasattr(to, "write"):
        raise TypeError(f"to= must be a path or a binary file, not {type(to).__name__}")
    return to, False
