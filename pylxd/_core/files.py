"""Instance file rules: request headers, metadata from response headers, bodies, tree walks.

LXD (``X-LXD-*``) and Incus (``X-Incus-*``) describe a file in headers; both accept the
``X-LXD-*`` spelling on requests.
"""

from __future__ import annotations

import io
import os
import posixpath
import stat as statmod
from collections.abc import AsyncIterable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

__all__ = [
    "BYTES_LIKE",
    "FileStat",
    "LocalEntry",
    "LocalPath",
    "checked_chunk",
    "file_headers",
    "file_stat",
    "local_entries",
    "mode_string",
    "open_local_file",
    "put_data",
    "tree_link_target",
]

_PREFIXES = ("X-LXD-", "X-Incus-")


@dataclass(frozen=True)
class FileStat:
    """What LXD says about a path in an instance (from the response headers).

    Attributes:
        type: ``"file"``, ``"directory"`` or ``"symlink"``.
        mode: the permission bits (``0o644``).
        uid, gid: the owner in the instance.
        size: the length of a file's content (a symlink's: its target's length), or ``None``.
        modified: the modification time as LXD formats it, or ``None``.
    """

    type: str
    mode: int
    uid: int
    gid: int
    size: int | None = None
    modified: str | None = None

    @property
    def is_dir(self) -> bool:
        """Whether the path is a directory."""
        return self.type == "directory"

    @property
    def is_file(self) -> bool:
        """Whether the path is a regular file."""
        return self.type == "file"

    @property
    def is_symlink(self) -> bool:
        """Whether the path is a symbolic link."""
        return self.type == "symlink"


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for prefix in _PREFIXES:
        value = headers.get(prefix + name)
        if value is not None:
            return value
    return None


def file_stat(headers: Mapping[str, str]) -> FileStat:
    """Read a path's metadata from a files response's headers."""
    kind = _header(headers, "Type") or "file"
    length = headers.get("Content-Length")
    return FileStat(
        type=kind,
        mode=int(_header(headers, "Mode") or "0", 8),
        uid=int(_header(headers, "Uid") or "0"),
        gid=int(_header(headers, "Gid") or "0"),
        size=int(length) if length is not None and kind != "directory" else None,
        modified=_header(headers, "Modified"),
    )


def mode_string(mode: int | str) -> str:
    """``0o755`` / ``"755"`` / ``"0755"`` → ``"0755"`` (LXD wants octal digits).

    Raises:
        ValueError: neither an int nor a string of octal digits.
    """
    if isinstance(mode, bool) or not isinstance(mode, (int, str)):
        raise ValueError(f"mode must be an int or an octal string, not {mode!r}")
    if isinstance(mode, int):
        return f"0{statmod.S_IMODE(mode):o}"
    int(mode, 8)  # raises ValueError for anything but octal digits
    return mode if mode.startswith("0") else "0" + mode


def file_headers(
    mode: int | str | None = None,
    uid: int | None = None,
    gid: int | None = None,
    kind: str | None = None,
    append: bool = False,
    size: int | None = None,
) -> dict[str, str]:
    """The headers of a files ``POST``."""
    headers: dict[str, str] = {}
    if mode is not None:
        headers["X-LXD-mode"] = mode_string(mode)
    if uid is not None:
        headers["X-LXD-uid"] = str(int(uid))
    if gid is not None:
        headers["X-LXD-gid"] = str(int(gid))
    if kind is not None:
        headers["X-LXD-type"] = kind
    if append:
        headers["X-LXD-write"] = "append"
    if size is not None:
        headers["Content-Length"] = str(size)
    return headers


def tree_link_target(link_path: str, target: str, remote_root: str) -> str:
    """The target to give a pulled symlink.

    LXD reports a link's target resolved to an absolute path; one that points inside the
    pulled tree is made relative again, so the copy points into itself, not to the host.
    """
    if not posixpath.isabs(target):
        return target
    root = posixpath.normpath(remote_root)
    normal = posixpath.normpath(target)
    if normal == root or normal.startswith(root.rstrip("/") + "/"):
        return posixpath.relpath(normal, posixpath.dirname(posixpath.normpath(link_path)))
    return target


@dataclass(frozen=True)
class LocalEntry:
    """One entry of a local tree to push: its path there and its remote path."""

    kind: str  # "directory", "file" or "symlink"
    local: str
    remote: str
    mode: int


def local_entries(src: str, dst: str) -> Iterator[LocalEntry]:
    """Walk a local tree top-down (directories before what they hold; links not followed).

    The walk keeps its own stack (no recursion: any depth), and an unreadable directory
    raises (``os.walk`` would skip it in silence).

    Raises:
        NotADirectoryError: ``src`` is not a directory.
    """
    if not os.path.isdir(src):
        raise NotADirectoryError(src)
    dst = posixpath.normpath(dst)
    yield LocalEntry("directory", src, dst, statmod.S_IMODE(os.stat(src).st_mode))
    stack = [(src, dst)]
    while stack:
        local_dir, remote_dir = stack.pop()
        with os.scandir(local_dir) as scan:
            found = sorted((entry.name, entry.stat(follow_symlinks=False)) for entry in scan)
        found.sort(key=lambda item: not statmod.S_ISDIR(item[1].st_mode))  # directories first
        below = []
        for name, info in found:
            if statmod.S_ISLNK(info.st_mode):
                kind = "symlink"
            elif statmod.S_ISDIR(info.st_mode):
                kind = "directory"
            elif statmod.S_ISREG(info.st_mode):
                kind = "file"
            else:
                continue  # sockets, fifos, devices: LXD's files API cannot make them
            local, remote = os.path.join(local_dir, name), posixpath.join(remote_dir, name)
            yield LocalEntry(kind, local, remote, statmod.S_IMODE(info.st_mode))
            if kind == "directory":
                below.append((local, remote))
        stack.extend(reversed(below))


class LocalPath(os.PathLike[str]):
    """A local path to ``put`` (so a ``str`` path is not taken for the file's text)."""

    def __init__(self, path: str) -> None:
        self._path = path

    def __fspath__(self) -> str:
        return self._path


def open_local_file(path: str | os.PathLike[str]) -> IO[bytes]:
    """``path`` opened for writing (``files.get(to=path)``), never through a symlink: a
    link there is replaced by the file, an existing file is truncated. A new file gets
    ``0o666`` less the umask, as ``open()`` gives."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError:
        if not os.path.islink(path):
            raise
        os.unlink(path)
        fd = os.open(path, flags | os.O_EXCL, 0o666)
    return os.fdopen(fd, "wb")


#: What ``files.put`` sends as it is (and checks chunks against).
BYTES_LIKE = (bytes, bytearray, memoryview)
_PUT_TAKES = "str, bytes, a path-like, a binary file or an iterable of bytes chunks"


def checked_chunk(item: Any) -> bytes | bytearray | memoryview:
    """One chunk of ``put``'s iterable: bytes-like, or a ``TypeError`` (an int must not
    become NUL bytes)."""
    if not isinstance(item, BYTES_LIKE):
        raise TypeError(f"files.put(): a chunk must be bytes, not {type(item).__name__}")
    return item


def _checked_chunks(first: Any, rest: Iterator[Any]) -> Iterator[bytes | bytearray | memoryview]:
    yield first
    for item in rest:
        yield checked_chunk(item)


def put_data(data: Any) -> Any:
    """``data`` as ``files.put`` sends it, checked before any request is made: ``str`` →
    UTF-8 bytes; bytes, a path-like and a binary file as they are; an iterable's first
    chunk is read and checked now (a list's every item), the others as they are sent.

    Raises:
        TypeError: anything else (``None``, an int, a text file, a list of ints, …).
    """
    if isinstance(data, str):
        return data.encode()
    if isinstance(data, (*BYTES_LIKE, os.PathLike, AsyncIterable)):
        return data  # an async iterable: pylxd.aio checked its first chunk (async_chunks)
    if hasattr(data, "read"):
        try:
            text = isinstance(data, io.TextIOBase) or isinstance(data.read(0), str)
        except (OSError, ValueError, TypeError):
            text = False  # read(0) refused: what it reads is checked as it is sent
        if text:
            raise TypeError(f"files.put() takes {_PUT_TAKES}, not a text file")
        return data
    if isinstance(data, (list, tuple)):
        for item in data:
            checked_chunk(item)
        return data
    if isinstance(data, Iterable) and not isinstance(data, (dict, set, frozenset)):
        iterator = iter(data)
        first = next(iterator, None)
        if first is None:
            return b""
        return _checked_chunks(checked_chunk(first), iterator)
    raise TypeError(f"files.put() takes {_PUT_TAKES}, not {type(data).__name__}")
