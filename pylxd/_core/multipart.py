"""multipart/form-data, as LXD sends and takes split images: framing, and a streaming reader.

A split image travels as two parts, ``metadata`` then ``rootfs`` (``rootfs.img`` for a
virtual machine), both on upload (``POST /1.0/images``) and on export. The framing is
built here as bytes, so the drivers stream the parts' contents between them; the reader
takes the body in chunks of any size and hands back the parts' data as it goes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message

__all__ = [
    "MultipartReader",
    "PartStart",
    "boundary_of",
    "content_type",
    "filename_of",
    "new_boundary",
    "part_head",
    "part_tail",
]


def new_boundary() -> str:
    """A boundary no image data contains by chance."""
    return f"pylxd-{uuid.uuid4().hex}"


def content_type(boundary: str) -> str:
    """The ``Content-Type`` header of a body framed with ``boundary``."""
    return f"multipart/form-data; boundary={boundary}"


def part_head(boundary: str, name: str, filename: str, first: bool) -> bytes:
    """What goes before a part's contents (the previous part's end included)."""
    lead = "" if first else "\r\n"
    return (
        f"{lead}--{boundary}\r\n"
        f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()


def part_tail(boundary: str) -> bytes:
    """What ends the last part and the body."""
    return f"\r\n--{boundary}--\r\n".encode()


def _header_params(value: str, header: str) -> Message:
    message = Message()
    message[header] = value
    return message


def boundary_of(content_type_header: str) -> str | None:
    """The boundary of a ``multipart/*`` content type, ``None`` for anything else."""
    message = _header_params(content_type_header, "Content-Type")
    if message.get_content_maintype() != "multipart":
        return None
    boundary = message.get_param("boundary")
    return boundary if isinstance(boundary, str) else None


def filename_of(content_disposition: str | None) -> str | None:
    """The ``filename`` of a ``Content-Disposition`` header (``None`` if it has none)."""
    if not content_disposition:
        return None
    name = _header_params(content_disposition, "Content-Disposition").get_filename()
    return name if isinstance(name, str) else None


@dataclass
class PartStart:
    """A part begins: its form ``name``, ``filename`` and headers."""

    name: str
    filename: str | None
    headers: dict[str, str] = field(default_factory=dict)


class MultipartReader:
    """Splits a multipart body fed in chunks into :class:`PartStart` events and data.

    ``feed(chunk)`` yields ``PartStart`` when a part begins and ``bytes`` for its contents
    (as soon as they cannot be the start of a boundary); ``close()`` checks the body ended.
    Memory stays at one chunk plus a boundary's length.
    """

    def __init__(self, boundary: str) -> None:
        self._delimiter = b"\r\n--" + boundary.encode()
        # The body starts with the first delimiter without its CRLF: pretend it had one.
        self._buffer = bytearray(b"\r\n")
        self._in_part = False
        self._done = False

    def feed(self, chunk: bytes) -> Iterator[PartStart | bytes]:
        """Take the next chunk of the body; yield what it completes."""
        if self._done:
            return
        self._buffer += chunk
        while True:
            if self._in_part:
                at = self._buffer.find(self._delimiter)
                if at < 0:
                    # Keep what could be the start of a delimiter split across chunks.
                    keep = len(self._delimiter) - 1
                    if len(self._buffer) > keep:
                        yield bytes(self._buffer[: len(self._buffer) - keep])
                        del self._buffer[: len(self._buffer) - keep]
                    return
                if at:
                    yield bytes(self._buffer[:at])
                del self._buffer[:at]
                self._in_part = False
            start = self._read_head()
            if start is None:
                return
            yield start

    def _read_head(self) -> PartStart | None:
        """At a delimiter: parse the next part's headers, or the closing delimiter."""
        after = len(self._delimiter)
        if len(self._buffer) < after + 2:
            return None
        if not self._buffer.startswith(self._delimiter):
            raise ValueError("malformed multipart body: expected a boundary")
        if self._buffer[after : after + 2] == b"--":
            self._done = True
            self._buffer.clear()
            return None
        end = self._buffer.find(b"\r\n\r\n", after)
        if end < 0:
            if len(self._buffer) > 64 * 1024:
                raise ValueError("malformed multipart body: part headers never end")
            return None
        lines = bytes(self._buffer[after:end]).decode("latin-1").split("\r\n")
        del self._buffer[: end + 4]
        headers: dict[str, str] = {}
        for line in lines:
            if ":" in line:
                key, value = line.split(":", 1)
                headers[key.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        name = _header_params(disposition, "Content-Disposition").get_param(
            "name", header="Content-Disposition"
        )
        self._in_part = True
        return PartStart(
            name=name if isinstance(name, str) else "",
            filename=filename_of(disposition),
            headers=headers,
        )

    def close(self) -> None:
        """Raise ``ValueError`` unless the body ended with its closing boundary."""
        if not self._done:
            raise ValueError("multipart body ended early (no closing boundary)")
