# Generated from pylxd/_async/images/transfer.py by tools/unasync.py: do not edit, edit the source.
"""Image files on the wire: the streamed upload of ``images.create()`` and the streamed
download of ``image.export()``.

Neither holds an image whole in memory (see :mod:`pylxd._core.transfer`). A split
image (metadata and rootfs tarballs) travels as multipart form data both ways
(:mod:`pylxd._core.multipart`): built around the files going up, parsed on the fly
coming down.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlencode

from pylxd._core import multipart
from pylxd._core.response import Response, content_length
from pylxd._core.transfer import (
    CHUNK_SIZE,
    CountedBody,
    DataSource,
    Progress,
    Sink,
    Source,
    open_sink,
)

if TYPE_CHECKING:
    from pylxd._sync.api import APINode
    from pylxd._sync.client import Client

__all__ = ["download_image", "push_request", "upload_image"]


def upload_image(
    client: Client,
    node: APINode,
    image_data: DataSource,
    metadata: DataSource | None,
    *,
    public: bool,
    vm: bool,
    filename: str | None,
    properties: dict[str, str] | None,
    progress: Progress | None,
    aliases: Sequence[str] = (),
    secret: tuple[str, str] | None = None,
) -> Response:
    """``POST`` an image's files to ``node`` (``/1.0/images``), streamed; LXD's answer.

    One file goes up as it is; a split image (``metadata`` given) as multipart.
    """
    sources = [Source(image_data)] if metadata is None else [Source(metadata)]
    try:
        headers: dict[str, str] = {}
        if public:
            headers[client.lxd_header("public")] = "1"
        if properties:
            headers[client.lxd_header("properties")] = urlencode(properties)
        if secret is not None:  # an untrusted upload: (one-time secret, fingerprint)
            headers[client.lxd_header("secret")] = secret[0]
            headers[client.lxd_header("fingerprint")] = secret[1]
        if aliases:  # Incus' image_import_alias: the caller checked the server has it
            headers[client.lxd_header("aliases")] = urlencode([("alias", a) for a in aliases])
        if metadata is None:
            pieces: list[bytes | Source] = [sources[0]]
            headers["Content-Type"] = "application/octet-stream"
            name = filename or sources[0].name
            if name:
                headers[client.lxd_header("filename")] = name
        else:
            sources.append(Source(image_data))
            boundary = multipart.new_boundary()
            rootfs_name = filename or sources[1].name or "rootfs"
            pieces = [
                multipart.part_head(boundary, "metadata", sources[0].name or "metadata", True),
                sources[0],
                multipart.part_head(boundary, "rootfs.img" if vm else "rootfs", rootfs_name, False),
                sources[1],
                multipart.part_tail(boundary),
            ]
            headers["Content-Type"] = multipart.content_type(boundary)
        sizes = [s.size for s in sources]
        total = None if None in sizes else sum(s or 0 for s in sizes)
        if total is not None:
            framing = sum(len(p) for p in pieces if isinstance(p, bytes))
            headers["Content-Length"] = str(total + framing)
        return node.post(data=CountedBody(pieces, progress, total), headers=headers)
    finally:
        for source in sources:
            source.close()


def download_image(
    node: APINode, to: Sink | None, rootfs: Sink | None, progress: Progress | None
) -> IO[bytes] | None:
    """``GET`` an image's files from ``node`` (``…/export``), written as they arrive.

    Without ``to``, the body comes back as a rewound temporary file; a split image needs
    ``rootfs`` too (``ValueError`` otherwise), its metadata going to ``to``.
    """
    stream = node.stream()
    try:
        total = content_length(stream.headers)
        boundary = multipart.boundary_of(stream.headers.get("Content-Type", ""))
        if to is None:
            sink: IO[bytes] = tempfile.TemporaryFile()
            for chunk in stream.iter_bytes(CHUNK_SIZE):
                sink.write(chunk)
                _report(progress, sink.tell(), total)
            sink.seek(0)
            return sink
        if boundary is not None and rootfs is None:
            raise ValueError("this image is split (metadata and rootfs): pass rootfs= too")
        sinks = _ExportSinks(to, rootfs, boundary)
        try:
            done = 0
            for chunk in stream.iter_bytes(CHUNK_SIZE):
                sinks.write(chunk)
                done += len(chunk)
                _report(progress, done, total)
            sinks.finish()
        finally:
            sinks.close()
        return None
    finally:
        stream.close()


class _ExportSinks:
    """Where an export's bytes go: one file, or (split image) metadata and rootfs files."""

    def __init__(self, to: Sink, rootfs: Sink | None, boundary: str | None) -> None:
        self._targets = {"metadata": to, "rootfs": rootfs}
        self._opened: list[IO[bytes]] = []
        self._reader = multipart.MultipartReader(boundary) if boundary else None
        self._current: IO[bytes] | None = None
        if self._reader is None:
            self._current = self._open(to)

    def _open(self, target: Sink | None) -> IO[bytes]:
        if target is None:
            raise ValueError("no target for this part of the image")
        file, owned = open_sink(target)
        if owned:
            self._opened.append(file)
        return file

    def write(self, chunk: bytes) -> None:
        if self._reader is None:
            assert self._current is not None
            self._current.write(chunk)
            return
        for event in self._reader.feed(chunk):
            if isinstance(event, multipart.PartStart):
                key = "metadata" if event.name == "metadata" else "rootfs"
                self._current = self._open(self._targets[key])
            elif self._current is not None:
                self._current.write(event)

    def finish(self) -> None:
        if self._reader is not None:
            self._reader.close()

    def close(self) -> None:
        for file in self._opened:
            file.close()


def _report(progress: Progress | None, done: int, total: int | None) -> None:
    if progress is not None:
        progress(done, total)


def push_request(
    fingerprint: str, public: bool, properties: dict[str, str] | None
) -> dict[str, Any]:
    """The body that makes a server hand out a one-time secret for receiving an image."""
    return {
        "source": {"mode": "push", "fingerprint": fingerprint},
        "public": public,
        "properties": properties or {},
    }
