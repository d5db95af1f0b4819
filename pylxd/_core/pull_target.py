"""The local side of a pull (``recursive_get``, over HTTP or SFTP): nothing it writes can
land outside the destination, whatever the server lists and whatever an earlier pull left.

The threat is the server (a hostile container, or a hostile LXD), not another local
process racing the pull. The rules:

- A listed name must be a plain name: not empty, not ``.``/``..``, no ``/``, no NUL, and
  not listed twice in one directory; anything else is :class:`UnsafePath` before anything
  of that directory is written (:func:`checked_names`).
- Every entry is made relative to its parent directory's descriptor (``dir_fd``), so only
  its last component is resolved, and that one never through a link: files are created
  ``O_CREAT | O_EXCL | O_NOFOLLOW`` (a file or link already there is unlinked first),
  links are made with ``symlinkat``, a directory already there is used only if ``lstat``
  says it is a real one (a link there is removed and a directory made instead).
- A parent is opened again by its path for each entry, ``O_DIRECTORY | O_NOFOLLOW``, and
  must be the very directory (device and inode) this pull made or checked there: a path
  that resolves anywhere else raises :class:`UnsafePath`.
- Modes: the server's permission bits, less set-user-ID and set-group-ID unless
  ``keep_setid`` (the sticky bit is kept: it only restricts), less the process's umask
  (:func:`local_mode`). Directory modes are applied last, innermost first, once nothing
  more is written into them.
- A symlink is made as a link with the target the caller gives (never followed, whether
  it points inside the tree or out of it).
"""

from __future__ import annotations

import errno
import os
import stat as statmod
from typing import IO, Any

from pylxd.exceptions import UnsafePath

__all__ = ["PullTarget", "checked_names", "current_umask", "local_mode"]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
_DIR_FLAGS = os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC


def checked_names(listing: Any, directory: str) -> list[str]:
    """The names of a directory listing, each a plain name listed once.

    Raises:
        UnsafePath: a name that is not a string, is empty, ``.`` or ``..``, holds ``/`` or
            NUL, or is listed twice.
    """
    if not isinstance(listing, list):
        raise UnsafePath(f"{directory}: the listing is not a list of names", directory)
    seen: set[str] = set()
    for name in listing:
        if not isinstance(name, str) or name in ("", ".", "..") or "/" in name or "\0" in name:
            raise UnsafePath(f"{directory}: refused the listed name {name!r}", directory)
        if name in seen:
            raise UnsafePath(f"{directory}: {name!r} is listed twice", directory)
        seen.add(name)
    return list(listing)


def current_umask() -> int:
    """The process's umask, read without changing it where Linux tells it."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and put back (not atomic, as every reader is)
    os.umask(mask)
    return mask


def local_mode(mode: int, umask: int, keep_setid: bool = False) -> int:
    """The mode a pulled entry gets: the server's permission bits, set-ID bits dropped
    unless ``keep_setid``, less ``umask``."""
    bits = statmod.S_IMODE(mode)
    if not keep_setid:
        bits &= ~(statmod.S_ISUID | statmod.S_ISGID)
    return bits & ~umask


class PullTarget:
    """The destination of one pull: make directories, files and links under ``root``.

    Use it as a context manager (it keeps one parent directory open between calls); call
    :meth:`finish` once everything was written, to apply the directory modes. Paths given
    to its methods are local paths: ``root`` or below it, joined with ``os.path.join``
    from names :func:`checked_names` accepted.
    """

    def __init__(self, root: str | os.PathLike[str], keep_setid: bool = False) -> None:
        self.root = os.path.abspath(os.fspath(root))
        self.keep_setid = keep_setid
        self.umask = current_umask()
        self._known: dict[str, tuple[int, int]] = {}  # directory → (st_dev, st_ino)
        self._dir_modes: list[tuple[str, int]] = []
        self._open: tuple[str, int] | None = None  # the parent opened last: (path, fd)

    def __enter__(self) -> PullTarget:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._open is not None:
            os.close(self._open[1])
            self._open = None

    # -- directories ------------------------------------------------------------------

    def _parent(self, path: str) -> tuple[int, str]:
        """The descriptor of ``path``'s parent (checked) and ``path``'s last component."""
        parent, name = os.path.split(path)
        if self._open is not None and self._open[0] == parent:
            return self._open[1], name
        if parent in self._known:
            fd = self._open_known(parent)
        elif path == self.root:  # the destination's own parent: the caller's to choose
            os.makedirs(parent or ".", exist_ok=True)
            fd = os.open(parent or ".", os.O_RDONLY | _DIRECTORY | _CLOEXEC)
        else:
            raise UnsafePath(f"{path}: not inside the destination {self.root}", path)
        self.close()
        self._open = (parent, fd)
        return fd, name

    def _open_known(self, path: str) -> int:
        try:
            fd = os.open(path, _DIR_FLAGS)
        except OSError as exc:
            if exc.errno not in (errno.ELOOP, errno.ENOTDIR):
                raise
            raise UnsafePath(f"{path}: no longer the directory this pull made", path) from exc
        info = os.fstat(fd)
        if (info.st_dev, info.st_ino) != self._known[path]:
            os.close(fd)
            raise UnsafePath(f"{path}: no longer the directory this pull made", path)
        return fd

    def make_dir(self, path: str, mode: int) -> None:
        """Make (or keep) the directory ``path``; a file or link in its place is replaced.
        ``mode`` is applied by :meth:`finish`."""
        if path == self.root and not os.path.basename(path):  # "/": nothing to make
            info = os.stat(path)
        else:
            fd, name = self._parent(path)
            try:
                info = os.stat(name, dir_fd=fd, follow_symlinks=False)
                is_dir = statmod.S_ISDIR(info.st_mode)
            except FileNotFoundError:
                is_dir = False
            if not is_dir:
                self._clear(fd, name, path)  # a file or a link (never followed): replaced
                os.mkdir(name, 0o700, dir_fd=fd)
                info = os.stat(name, dir_fd=fd, follow_symlinks=False)
        self._known[path] = (info.st_dev, info.st_ino)
        self._dir_modes.append((path, mode))

    # -- files and links ----------------------------------------------------------------

    def _clear(self, fd: int, name: str, path: str) -> None:
        """Unlink what is at ``name`` (a file or a link); a directory there is refused."""
        try:
            info = os.stat(name, dir_fd=fd, follow_symlinks=False)
        except FileNotFoundError:
            return
        if statmod.S_ISDIR(info.st_mode):
            raise UnsafePath(f"{path}: a local directory is in the way (not removed)", path)
        os.unlink(name, dir_fd=fd)

    def open_file(self, path: str, mode: int) -> _PulledFile:
        """A new file at ``path`` to write (a file or link there is replaced, never
        written through); it gets ``mode`` (see :func:`local_mode`) when closed."""
        fd, name = self._parent(path)
        try:
            file_fd = os.open(name, _FILE_FLAGS, 0o600, dir_fd=fd)
        except FileExistsError:
            self._clear(fd, name, path)
            file_fd = os.open(name, _FILE_FLAGS, 0o600, dir_fd=fd)
        return _PulledFile(os.fdopen(file_fd, "wb"), local_mode(mode, self.umask, self.keep_setid))

    def symlink(self, path: str, target: str) -> None:
        """The link ``path`` → ``target`` (a file or link there is replaced)."""
        fd, name = self._parent(path)
        self._clear(fd, name, path)
        os.symlink(target, name, dir_fd=fd)

    def finish(self) -> None:
        """Apply the directory modes, innermost first (each directory checked again)."""
        self.close()
        for path, mode in reversed(self._dir_modes):
            fd = self._open_known(path)
            try:
                os.fchmod(fd, local_mode(mode, self.umask, self.keep_setid))
            finally:
                os.close(fd)
        self._dir_modes.clear()


class _PulledFile:
    """A pulled file being written: gets its mode when closed (through its descriptor)."""

    def __init__(self, sink: IO[bytes], mode: int) -> None:
        self.sink = sink
        self.mode = mode

    def __enter__(self) -> IO[bytes]:
        return self.sink

    def __exit__(self, *exc_info: object) -> None:
        with self.sink:
            os.fchmod(self.sink.fileno(), self.mode)
