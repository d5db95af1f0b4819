# Generated from pylxd/_async/instances/remote_file.py by tools/unasync.py: do not edit, edit the source.
"""A file in an instance read as a stream (``instance.files.open(path)``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from pylxd._core.fields import object_repr
from pylxd._core.files import FileStat, file_stat
from pylxd._core.transfer import CHUNK_SIZE, Progress

if TYPE_CHECKING:
    from pylxd._sync.instances.files import FilesManager
    from pylxd._drivers.sync.http import StreamResponse

__all__ = ["RemoteFile"]


class RemoteFile:
    """A file in an instance, read as a stream (from :meth:`FilesManager.open`).

    Use it as a context manager; iterate it for chunks, or ``read(size)``. ``stat`` holds the
    file's metadata once opened.
    """

    def __init__(
        self, files: FilesManager, path: str, chunk_size: int = CHUNK_SIZE, bulk: bool = False
    ) -> None:
        self._files = files
        self.path = path
        self._chunk_size = chunk_size
        self._bulk = bulk  # read whole into a sink: see pylxd._drivers.sync.bulk
        self._stream: StreamResponse | None = None
        self._chunks: Iterator[bytes] | None = None
        self._buffer = b""
        self._eof = False
        self.stat: FileStat | None = None

    def _open(self) -> StreamResponse:
        if self._stream is None:
            node = self._files._node
            params = self._files._params(self.path)
            self._stream = node.stream(params=params, bulk=self._bulk)
            self.stat = file_stat(self._stream.headers)
            self._chunks = self._stream.iter_bytes(self._chunk_size)
        return self._stream

    def _response(self) -> Any:
        """The whole (remaining) body as a :class:`Response` (directory listings)."""
        return (self._open()).read()

    def _next_chunk(self) -> bytes:
        self._open()
        if self._buffer:
            chunk, self._buffer = self._buffer, b""
            return chunk
        if self._eof or self._chunks is None:
            return b""
        chunk = next(self._chunks, b"")
        if not chunk:
            self._eof = True
        return chunk

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (all that is left if ``size`` < 0); ``b""`` at the end."""
        if size < 0:
            parts = []
            while chunk := self._next_chunk():
                parts.append(chunk)
            return b"".join(parts)
        chunk = self._next_chunk()
        if len(chunk) > size:
            chunk, self._buffer = chunk[:size], chunk[size:]
        return chunk

    def _copy_to(
        self, sink: IO[bytes], progress: Progress | None, done: int = 0, total: Any = ...
    ) -> int:
        """Write the rest of the body into ``sink``; returns ``done`` plus the bytes written."""
        self._open()
        if total is ...:
            total = self.stat.size if self.stat is not None else None
        if progress is not None and done == 0:
            progress(0, total)
        for chunk in self:
            sink.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        return done

    def __iter__(self) -> RemoteFile:
        return self

    def __next__(self) -> bytes:
        chunk = self._next_chunk()
        if not chunk:
            self.close()  # read to the end: the connection goes back to the pool
            raise StopIteration
        return chunk

    def close(self) -> None:
        """Release the connection (dropped if the body was not read to the end)."""
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.close()

    def __enter__(self) -> RemoteFile:
        self._open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return object_repr(self, [("path", self.path)])
