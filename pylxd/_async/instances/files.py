"""``instance.files``: files in an instance, streamed both ways (never read whole unless asked).

>>> instance.files.put("/etc/motd", b"hello\\n", mode=0o644)
>>> instance.files.get("/etc/motd")
b'hello\\n'
>>> instance.files.get("/var/log/big.log", to="big.log")    # streamed to a local file
>>> with instance.files.open("/var/log/big.log") as f:      # a readable stream
...     for chunk in f: ...
"""

from __future__ import annotations

import io
import os
import posixpath
from typing import IO, TYPE_CHECKING, Any

from pylxd._async.instances.remote_file import RemoteFile
from pylxd._async.instances.sftp import sftp_listdir, sftp_pull, sftp_push
from pylxd._async.transfer import chunks
from pylxd._core.envelope import metadata
from pylxd._core.files import (
    BYTES_LIKE,
    FileStat,
    LocalPath,
    file_headers,
    file_stat,
    local_entries,
    open_local_file,
    put_data,
    tree_link_target,
)
from pylxd._core.pull_target import PullTarget, checked_names
from pylxd._core.transfer import CHUNK_SIZE, CountedBody, Progress, Source, body_size
from pylxd._drivers.aio.flavour import async_chunks
from pylxd.exceptions import NotFound

if TYPE_CHECKING:
    from pylxd._async.api import APINode
    from pylxd._async.instances.instance import Instance
    from pylxd._drivers.sftp_tree import Pull

__all__ = ["FilesManager", "RemoteFile"]

#: What ``put`` sends: text, bytes, a local path, a binary file object, an iterable of chunks.
Data = Any


class FilesManager:
    """The files of one instance (``instance.files``).

    Every transfer streams in chunks: ``put`` of a path or a file object, ``get(path,
    to=...)`` and ``open()`` hold a chunk at a time, never the whole file.
    """

    def __init__(self, instance: Instance) -> None:
        self.instance = instance

    @property
    def _node(self) -> APINode:
        return self.instance.api.files

    def _params(self, path: str) -> dict[str, str]:
        return {"path": path}

    # -- writing ------------------------------------------------------------------------

    async def put(
        self,
        filepath: str,
        data: Data,
        mode: int | str | bool | None = None,
        uid: int | None = None,
        gid: int | None = None,
        *,
        progress: Progress | None = None,
        append: bool = False,
    ) -> None:
        """Write ``data`` to ``filepath`` in the instance (created or replaced).

        Args:
            filepath: the path in the instance; a name that is not UTF-8 is a ``str`` as
                ``os.fsdecode`` makes it (``surrogateescape``), sent as its own bytes.
            data: ``str`` (UTF-8), ``bytes``, a local path (``os.PathLike``), a binary file
                object or an iterable of ``bytes`` chunks (``pylxd.aio``: an async iterable
                too); everything but ``bytes``/``str`` is streamed.
            mode: the permission bits (``0o755`` or ``"0755"``); ``True`` copies the local
                file's (``data``'s when it is a path, else ``filepath``'s, as upstream).
            uid, gid: the owner in the instance (LXD's default: root).
                ``mode``, ``uid`` and ``gid`` apply to a new file; an existing file keeps its
                own unless the server has ``instances_files_modify_permissions``.
            progress: called with ``(bytes_sent, bytes_total or None)`` as chunks go.
            append: append instead of replacing (``file_append`` extension).

        Raises:
            TypeError: ``data`` is none of those (checked before any request; an iterable's
                later chunks as they are sent).
            LXDAPIException: LXD refused (its message); ``NotFound`` if the directory is missing.
        """
        if mode is True:
            source = data if isinstance(data, os.PathLike) else filepath
            mode = os.stat(source).st_mode
        elif mode is False:
            mode = None
        data = put_data(await async_chunks(data))  # a TypeError before any request
        if append:
            self.instance.client.assert_has_api_extension("file_append")
        opened: IO[bytes] | None = None
        if isinstance(data, os.PathLike):
            opened = data = open(data, "rb")  # noqa: SIM115 - closed below
        try:
            size = body_size(data)
            body: Any = data
            if hasattr(data, "read") or (progress is not None and isinstance(data, BYTES_LIKE)):
                # Read in CHUNK_SIZE pieces as it is sent (pylxd.aio: on the bulk lane)
                body = CountedBody([Source(data)], progress, size)
            elif not isinstance(data, BYTES_LIKE):
                body = chunks(data, chunk_size=CHUNK_SIZE, total=size, progress=progress)
            headers = file_headers(mode, uid, gid, append=append, size=size)
            if self.instance.client.has_api_extension("instances_files_modify_permissions"):
                changed = [
                    k for k, v in (("mode", mode), ("uid", uid), ("gid", gid)) if v is not None
                ]
                if changed:
                    headers["X-LXD-modify-perm"] = ",".join(changed)
            await self._node.post(params=self._params(filepath), data=body, headers=headers)
        finally:
            if opened is not None:
                opened.close()

    async def mk_dir(
        self,
        path: str,
        mode: int | str | None = None,
        uid: int | None = None,
        gid: int | None = None,
    ) -> None:
        """Create the directory ``path`` (its parent must exist; an existing one is kept)."""
        headers = file_headers(mode, uid, gid, kind="directory")
        await self._node.post(params=self._params(path), headers=headers)

    async def symlink(
        self, path: str, target: str, uid: int | None = None, gid: int | None = None
    ) -> None:
        """Create the symbolic link ``path`` → ``target`` (``file_symlinks`` extension)."""
        self.instance.client.assert_has_api_extension("file_symlinks")
        headers = file_headers(None, uid, gid, kind="symlink")
        body = target.encode("utf-8", "surrogateescape")  # a non-UTF-8 target: its own bytes
        await self._node.post(params=self._params(path), data=body, headers=headers)

    def delete_available(self) -> bool:
        """Whether the server can delete files (the ``file_delete`` extension)."""
        return self.instance.client.has_api_extension("file_delete")

    async def delete(self, filepath: str) -> None:
        """Delete a file, a symlink or an empty directory.

        Raises:
            LXDAPIExtensionNotAvailable: the server cannot delete files.
            NotFound: no such path.
        """
        self.instance.client.assert_has_api_extension("file_delete")
        await self._node.delete(params=self._params(filepath))

    # -- reading ------------------------------------------------------------------------

    async def get(
        self,
        filepath: str,
        to: str | os.PathLike[str] | IO[bytes] | None = None,
        *,
        progress: Progress | None = None,
    ) -> bytes:
        """The content of ``filepath`` (a directory: its JSON listing, as upstream).

        Args:
            to: a local path or a binary file object: the content is streamed into it
                (never held whole) and ``b""`` is returned. A symlink at that path is
                replaced by the file, never written through.
            progress: called with ``(bytes_received, bytes_total or None)``.

        Raises:
            NotFound: no such path (LXD's message).
        """
        if to is None and progress is None:
            response = await self._node.get(params=self._params(filepath), limit=False)
            return response.content
        async with RemoteFile(self, filepath, bulk=True) as remote:
            if to is None:
                buffer = io.BytesIO()
                await remote._copy_to(buffer, progress)
                return buffer.getvalue()  # the buffer's own bytes, not a copy
            if isinstance(to, (str, os.PathLike)):
                with open_local_file(to) as sink:
                    await remote._copy_to(sink, progress)
            else:
                await remote._copy_to(to, progress)
        return b""

    def open(self, filepath: str, chunk_size: int = CHUNK_SIZE) -> RemoteFile:
        """A readable binary stream of ``filepath``: a context manager, iterable by chunks,
        with ``read(size)`` and the file's ``stat``."""
        return RemoteFile(self, filepath, chunk_size)

    async def stat(self, path: str) -> FileStat:
        """The type, mode, owner and size of ``path`` (one ``HEAD`` when the server can).

        Raises:
            NotFound: no such path.
        """
        client = self.instance.client
        if client.has_api_extension("instance_file_head"):
            try:
                response = await client._request("HEAD", self._node.path, params=self._params(path))
                return file_stat(response.headers)
            except NotFound:
                pass  # a HEAD answer has no body: LXD's message comes with the GET below
        async with self.open(path) as remote:
            assert remote.stat is not None
            return remote.stat

    async def exists(self, path: str) -> bool:
        """Whether ``path`` exists in the instance."""
        try:
            await self.stat(path)
        except NotFound:
            return False
        return True

    async def listdir(self, path: str) -> list[str]:
        """The names in the directory ``path``.

        A name that is not UTF-8 comes as ``os.fsdecode`` makes it. LXD's JSON listing
        cannot carry one (U+FFFD stands for each bad byte): when it shows U+FFFD, the
        directory is listed again over SFTP, which has the bytes; without SFTP (no
        paramiko, an older server) the listing stays as LXD sent it.

        Raises:
            NotADirectoryError: ``path`` is not a directory.
        """
        async with self.open(path) as remote:
            if remote.stat is None or not remote.stat.is_dir:
                raise NotADirectoryError(path)
            names = [str(name) for name in metadata(await remote._response()) or []]
        if any("\ufffd" in name for name in names):
            exact = await sftp_listdir(self, path)
            if exact is not None:
                return exact
        return names

    async def readlink(self, path: str) -> str:
        """The target of the symbolic link ``path`` (LXD resolves it to an absolute path).

        Raises:
            OSError: ``path`` is not a symlink.
        """
        async with self.open(path) as remote:
            if remote.stat is None or not remote.stat.is_symlink:
                raise OSError(f"not a symbolic link: {path}")
            return (await remote.read()).decode("utf-8", "surrogateescape")

    # -- trees --------------------------------------------------------------------------

    async def recursive_put(
        self,
        src: str | os.PathLike[str],
        dst: str,
        mode: int | str | bool | None = None,
        uid: int | None = None,
        gid: int | None = None,
        *,
        progress: Progress | None = None,
    ) -> None:
        """Copy the local directory ``src`` to ``dst`` in the instance, like
        ``lxc file push -r``: modes kept (``mode`` overrides the files'), empty directories
        and symlinks (as links) kept, files streamed.

        Raises:
            NotADirectoryError: ``src`` is not a directory.
        """
        entries = list(local_entries(os.fspath(src), dst))
        chosen = None if isinstance(mode, bool) else mode
        if await sftp_push(self, entries, chosen, uid, gid, progress):
            return
        total = sum(os.lstat(e.local).st_size for e in entries if e.kind == "file")
        done = 0

        def step(sent: int, _total: int | None) -> None:
            if progress is not None:
                progress(done + sent, total)

        for entry in entries:
            if entry.kind == "directory":
                await self.mk_dir(entry.remote, entry.mode, uid, gid)
            elif entry.kind == "symlink":
                await self.symlink(entry.remote, os.readlink(entry.local), uid, gid)
            else:
                file_mode = entry.mode if mode is None or mode is True else mode
                await self.put(
                    entry.remote, LocalPath(entry.local), file_mode, uid, gid, progress=step
                )
                done += os.lstat(entry.local).st_size

    async def recursive_get(
        self,
        remote_path: str,
        local_path: str | os.PathLike[str],
        *,
        progress: Progress | None = None,
        keep_setid: bool = False,
    ) -> None:
        """Copy ``remote_path`` (a directory, a file or a symlink) to ``local_path``, like
        ``lxc file pull -r``: empty directories and symlinks kept, files streamed, any depth.

        Nothing is written outside ``local_path``, whatever the server lists or an earlier
        pull left there: a link is never followed (one in the way is replaced), a listed
        name that is not a plain name or is listed twice raises :class:`UnsafePath`.
        A symlink is copied as a link: one that points inside the tree is made relative
        (the copy points into itself), one that points out of it keeps its target.
        Modes are the server's less set-user/group-ID bits (unless ``keep_setid``) and
        less the umask. A name that is not UTF-8 comes as ``os.fsdecode`` makes it; over
        HTTP, LXD's listing cannot carry one (it sends U+FFFD), so such a file is
        ``NotFound``; over SFTP it is copied exactly.

        Raises:
            UnsafePath: a refused name, or a local directory where the server has a file.
        """
        with PullTarget(local_path, keep_setid) as target:
            if not await sftp_pull(self, remote_path, target, progress):
                await self._pull(remote_path, target, progress)
            target.finish()

    async def _pull(self, remote_root: str, target: PullTarget, progress: Progress | None) -> None:
        """The HTTP walk: a request per entry, its own stack (no recursion)."""
        done = [0]
        stack = [(remote_root, target.root)]
        while stack:
            remote, local = stack.pop()
            try:
                stack += await self._pull_entry(remote, local, remote_root, target, done, progress)
            except NotFound as exc:
                if "\ufffd" not in remote:
                    raise
                text = f"{exc.error}: {remote!r} (LXD lists a name that is not UTF-8 with U+FFFD"
                raise NotFound(exc.response, text + ": a pull over SFTP copies it)") from exc

    async def _pull_entry(
        self,
        remote: str,
        local: str,
        remote_root: str,
        target: PullTarget,
        done: list[int],
        progress: Progress | None,
    ) -> list[tuple[str, str]]:
        """Copy one entry; a directory's children, reversed (for the walk's stack)."""
        async with self.open(remote) as source:
            info = source.stat
            assert info is not None
            if info.is_dir:
                names = checked_names(metadata(await source._response()) or [], remote)
                target.make_dir(local, info.mode)
                return [
                    (posixpath.join(remote, name), os.path.join(local, name))
                    for name in reversed(names)
                ]
            if info.is_symlink:
                link = (await source.read()).decode("utf-8", "surrogateescape")
                target.symlink(local, tree_link_target(remote, link, remote_root))
            else:
                with target.open_file(local, info.mode) as sink:
                    done[0] = await source._copy_to(sink, progress, done[0], None)
        return []

    async def _pull_file(
        self, remote: str, local: str, mode: int, target: PullTarget, state: Pull
    ) -> None:
        """One file of an SFTP pull that goes over HTTP (a large one)."""
        async with RemoteFile(self, remote, bulk=True) as source:
            with target.open_file(local, mode) as sink:
                state.done = await source._copy_to(sink, state.progress, state.done, None)
