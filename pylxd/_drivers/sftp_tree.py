"""Recursive transfers over one SFTP session (blocking: ``pylxd.aio`` runs a whole
transfer in one worker thread).

A tree is one connection instead of an HTTP request per file and per directory: small
files go in pipelined batches (:mod:`~pylxd._drivers.sftp_batch`), directories and links
one request each, medium files stream alone. Files of :data:`LARGE_FILE` bytes or more are
handed back to the caller, which sends them over the HTTP files API: LXD serves one large
file faster there than paramiko's 32 KiB SFTP packets (64 MiB pulled: ~1.5-2.5x the HTTP
time, measured).

The local side of a pull is the HTTP walk's (:class:`pylxd._core.pull_target.PullTarget`):
a listed name that is not a plain name is refused, nothing is written through a local
link, modes lose their set-ID bits and the umask. Both walks keep their own stack (any
depth). Paths go to the server as their own bytes (:func:`wire`), and names come back so
(``os.fsdecode``), UTF-8 or not.
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat as statmod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from pylxd._core.files import LocalEntry, tree_link_target
from pylxd._core.pull_target import PullTarget, checked_names
from pylxd._core.transfer import CHUNK_SIZE, Progress
from pylxd._drivers.sftp_batch import (
    BATCH_FILE,
    BatchFile,
    batches,
    get_files,
    listdir_bytes,
    put_files,
    readlink_bytes,
    wire,
)
from pylxd.exceptions import Forbidden, LXDAPIException, NotFound

if TYPE_CHECKING:
    from paramiko import SFTPAttributes, SFTPClient

__all__ = [
    "LARGE_FILE",
    "Pull",
    "Push",
    "chmod_all",
    "list_names",
    "pull_tree",
    "push_tree",
    "remote_errors",
]

#: Files this large go over HTTP (see the module's docstring).
LARGE_FILE = 4 << 20
#: Files larger than this are read with requests in flight together (paramiko's prefetch,
#: bounded: unbounded, it hung a 64 MiB pull once, the socket's buffers full both ways).
_PREFETCH_FROM = 256 << 10
_PREFETCH_REQUESTS = 64


@dataclass
class Push:
    """A push's state: bytes sent (for progress) and the large files left to the caller."""

    total: int
    progress: Progress | None = None
    done: int = 0
    large: list[LocalEntry] = field(default_factory=list)

    def step(self, sent: int) -> None:
        self.done += sent
        if self.progress is not None:
            self.progress(self.done, self.total)


@dataclass
class Pull:
    """A pull's state: bytes received, large files ``(remote, local, mode)`` left to the
    caller."""

    progress: Progress | None = None
    done: int = 0
    large: list[tuple[str, str, int]] = field(default_factory=list)
    small: list[tuple[BatchFile, str, int]] = field(default_factory=list)

    def step(self, received: int) -> None:
        self.done += received
        if self.progress is not None:
            self.progress(self.done, None)


@contextmanager
def remote_errors(path: str) -> Iterator[None]:
    """The SFTP server's refusals as the files API's errors (``NotFound``, ``Forbidden``…)."""
    try:
        yield
    except OSError as exc:
        name = exc.filename or path
        text = f"{os.fsdecode(name) if isinstance(name, bytes) else name}: {exc.strerror or exc}"
        if exc.errno == errno.ENOENT:
            raise NotFound(None, text, status_code=404) from exc
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise Forbidden(None, text, status_code=403) from exc
        raise LXDAPIException(None, text, status_code=500) from exc


# -- push ----------------------------------------------------------------------------


def push_tree(
    sftp: SFTPClient,
    entries: Sequence[LocalEntry],
    state: Push,
    mode: int | None,
    uid: int | None,
    gid: int | None,
) -> Push:
    """Create ``entries`` (top-down) in the instance; large files are left in ``state.large``.

    ``mode`` overrides the files' own; ``uid``/``gid`` own what is created (but links:
    SFTP's chown follows them). An existing directory is kept; a file or link is replaced.
    """
    small: list[tuple[LocalEntry, int]] = []
    for entry in entries:
        size = os.lstat(entry.local).st_size if entry.kind == "file" else 0
        if entry.kind == "file" and size >= LARGE_FILE:
            state.large.append(entry)
            continue
        if entry.kind == "file" and size <= BATCH_FILE:
            small.append((entry, size))  # sent in batches, once every directory exists
            continue
        target = os.readlink(entry.local) if entry.kind == "symlink" else ""
        source = open(entry.local, "rb") if entry.kind == "file" else None  # noqa: SIM115
        with remote_errors(entry.remote):
            if entry.kind == "directory":
                if _mkdir(sftp, entry.remote, entry.mode):
                    _chown(sftp, entry.remote, uid, gid)
            elif entry.kind == "symlink":
                try:
                    sftp.symlink(wire(target), wire(entry.remote))
                except OSError:
                    sftp.remove(wire(entry.remote))  # a file or link
                    sftp.symlink(wire(target), wire(entry.remote))
            elif source is not None:
                with source:
                    _put_file(sftp, source, entry.remote, state)
                sftp.chmod(wire(entry.remote), entry.mode if mode is None else mode)
                _chown(sftp, entry.remote, uid, gid)
    for batch in batches(small, lambda item: item[1]):
        files = []
        for entry, _size in batch:
            with open(entry.local, "rb") as source:
                data = source.read()
            chosen = entry.mode if mode is None else mode
            files.append(BatchFile(entry.remote, chosen, uid, gid, data=data))
        with remote_errors(files[0].remote):
            put_files(sftp, files)
        state.step(sum(len(f.data) for f in files))
    return state


def _chown(sftp: SFTPClient, path: str, uid: int | None, gid: int | None) -> None:
    if uid is not None or gid is not None:
        # SFTP sets both ids at once; the one not given is root's, as LXD's files API does.
        sftp.chown(wire(path), uid or 0, gid or 0)


def _mkdir(sftp: SFTPClient, path: str, mode: int) -> bool:
    """Make a directory; ``False`` if one was already there (kept as it is)."""
    try:
        sftp.mkdir(wire(path), mode)
    except OSError:
        if not statmod.S_ISDIR(sftp.lstat(wire(path)).st_mode or 0):
            raise
        return False
    sftp.chmod(wire(path), mode)  # mkdir's mode: the server's umask
    return True


def _put_file(sftp: SFTPClient, source: IO[bytes], remote: str, state: Push) -> None:
    with sftp.open(wire(remote), "wb") as sink:
        sink.set_pipelined(True)  # writes are answered in bulk at close, not one by one
        while chunk := source.read(CHUNK_SIZE):
            sink.write(chunk)
            state.step(len(chunk))


def chmod_all(sftp: SFTPClient, modes: Sequence[tuple[str, int]]) -> None:
    """Set each ``(remote path, mode)`` (files the caller sent over HTTP: LXD's files API
    keeps an existing file's mode)."""
    for path, mode in modes:
        with remote_errors(path):
            sftp.chmod(wire(path), mode)


# -- pull ----------------------------------------------------------------------------


def list_names(sftp: SFTPClient, path: str) -> list[str]:
    """The names in the directory ``path`` (``files.listdir`` when LXD's listing lost bytes)."""
    with remote_errors(path):
        return [name for name, _attributes in listdir_bytes(sftp, path)]


def pull_tree(sftp: SFTPClient, remote: str, target: PullTarget, state: Pull) -> Pull:
    """Copy ``remote`` (a directory, file or symlink) to ``target``'s root, with a stack
    of its own. Large files are left in ``state.large`` (the caller pulls them over HTTP,
    then applies the directory modes)."""
    with remote_errors(remote):
        info = sftp.lstat(wire(remote))
    stack = [(remote, target.root, info)]
    while stack:
        path, local, info = stack.pop()
        _pull_entry(sftp, path, local, info, (remote, target), stack, state)
    for batch in batches(state.small, lambda item: item[0].size):
        with remote_errors(batch[0][0].remote):
            get_files(sftp, [item for item, _local, _mode in batch])
        for item, local_file, mode in batch:
            with target.open_file(local_file, mode) as sink:
                sink.write(item.data)
            state.step(len(item.data))
            item.data = b""
    state.small.clear()
    return state


def _pull_entry(
    sftp: SFTPClient,
    remote: str,
    local: str,
    info: SFTPAttributes,
    roots: tuple[str, PullTarget],
    stack: list[tuple[str, str, SFTPAttributes]],
    state: Pull,
) -> None:
    """One entry of a pull: a directory's children go on ``stack``."""
    kind = info.st_mode or 0
    mode = statmod.S_IMODE(kind)
    remote_root, target = roots
    if statmod.S_ISLNK(kind):
        with remote_errors(remote):
            link = readlink_bytes(sftp, remote)
        target.symlink(local, tree_link_target(remote, link, remote_root))
    elif statmod.S_ISDIR(kind):
        with remote_errors(remote):
            children = listdir_bytes(sftp, remote)
        checked_names([name for name, _attributes in children], remote)
        target.make_dir(local, mode)
        stack.extend(
            (posixpath.join(remote, name), os.path.join(local, name), attributes)
            for name, attributes in reversed(children)
        )
    elif statmod.S_ISREG(kind):
        size = info.st_size or 0
        if size >= LARGE_FILE:
            state.large.append((remote, local, mode))
            return
        if size <= BATCH_FILE:
            state.small.append((BatchFile(remote, size=size), local, mode))
            return
        with remote_errors(remote):
            source = sftp.open(wire(remote), "rb")
        with source, target.open_file(local, mode) as sink, remote_errors(remote):
            if size > _PREFETCH_FROM:  # reads in flight together (paramiko: a thread)
                source.prefetch(size, _PREFETCH_REQUESTS)
            # The listing's size, not a read to the end: that would cost one more round trip.
            while size > 0 and (chunk := source.read(min(size, CHUNK_SIZE))):
                sink.write(chunk)
                size -= len(chunk)
                state.step(len(chunk))
    # sockets, fifos, devices: the HTTP files API cannot make them either
