"""``instance.sftp()``, and recursive transfers over one SFTP session.

LXD (5.0 and later) and Incus switch ``GET /1.0/instances/<name>/sftp`` to the SFTP
protocol: a whole tree goes over one connection instead of an HTTP request per file and
per directory. No API extension announces it, so a refused upgrade (an older server) or a
missing paramiko (the ``sftp`` extra) makes the transfer use the HTTP files API instead.
The walk itself is blocking (:mod:`pylxd._drivers.sftp_tree`); ``pylxd.aio`` runs it in
one worker thread.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from pylxd._core.files import LocalEntry, LocalPath
from pylxd._core.transfer import Progress
from pylxd.exceptions import LXDAPIException

if TYPE_CHECKING:
    from pylxd._async.instances.files import FilesManager
    from pylxd._async.instances.instance import Instance
    from pylxd._core.pull_target import PullTarget
    from pylxd._drivers.aio.sftp import SFTP

__all__ = ["open_instance_sftp", "sftp_listdir", "sftp_pull", "sftp_push"]


async def open_instance_sftp(instance: Instance) -> SFTP:
    """See :meth:`Instance.sftp`."""
    # Imported on first use: ``import pylxd`` loads no network library.
    from pylxd._drivers.aio.sftp import open_sftp

    client = instance.client
    node = instance.api.sftp
    # The client's query (project) and headers (a JWT client's Authorization).
    url, _body, headers = client._prepare(node.path, node._params(None), None, None, None)
    sftp = await open_sftp(client.endpoint, url, client._ssl_context, client.timeout, headers)
    client._upgraded.add(sftp)
    return sftp


async def _session(instance: Instance) -> SFTP | None:
    """An SFTP session for a tree transfer, or ``None`` when there can be none."""
    from pylxd._drivers.sftp import sftp_available

    if not sftp_available():
        return None
    try:
        return await open_instance_sftp(instance)
    except LXDAPIException:
        return None  # no /sftp on this server (or not for us): the HTTP walk says why


async def sftp_push(
    files: FilesManager,
    entries: list[LocalEntry],
    mode: int | str | None,
    uid: int | None,
    gid: int | None,
    progress: Progress | None,
) -> bool:
    """Push ``entries`` over SFTP (files of ``LARGE_FILE`` bytes and more over HTTP);
    ``False`` if the server offers no SFTP (nothing was done)."""
    sftp = await _session(files.instance)
    if sftp is None:
        return False
    from pylxd._drivers.aio.sftp import run_sftp
    from pylxd._drivers.sftp_tree import Push, chmod_all, push_tree

    try:
        total = sum(os.lstat(e.local).st_size for e in entries if e.kind == "file")
        file_mode = int(mode, 8) if isinstance(mode, str) else mode
        state = await run_sftp(sftp, push_tree, entries, Push(total, progress), file_mode, uid, gid)
        modes: list[tuple[str, int]] = []
        for entry in state.large:

            def step(sent: int, _total: int | None) -> None:
                if progress is not None:
                    progress(state.done + sent, total)

            chosen = entry.mode if file_mode is None else file_mode
            await files.put(entry.remote, LocalPath(entry.local), chosen, uid, gid, progress=step)
            state.done += os.lstat(entry.local).st_size
            modes.append((entry.remote, chosen))
        if modes:  # LXD's files API keeps an existing file's mode
            await run_sftp(sftp, chmod_all, modes)
    finally:
        await sftp.aclose()
    return True


async def sftp_listdir(files: FilesManager, path: str) -> list[str] | None:
    """The names in ``path`` read over SFTP, as bytes (``os.fsdecode``); ``None`` if the
    server offers no SFTP."""
    sftp = await _session(files.instance)
    if sftp is None:
        return None
    from pylxd._drivers.aio.sftp import run_sftp
    from pylxd._drivers.sftp_tree import list_names

    try:
        return await run_sftp(sftp, list_names, path)
    finally:
        await sftp.aclose()


async def sftp_pull(
    files: FilesManager, remote: str, target: PullTarget, progress: Progress | None
) -> bool:
    """Pull ``remote`` into ``target`` over SFTP (large files over HTTP); ``False`` if the
    server offers no SFTP (nothing was done). The caller applies the directory modes."""
    sftp = await _session(files.instance)
    if sftp is None:
        return False
    from pylxd._drivers.aio.sftp import run_sftp
    from pylxd._drivers.sftp_tree import Pull, pull_tree

    try:
        state = await run_sftp(sftp, pull_tree, remote, target, Pull(progress))
    finally:
        await sftp.aclose()
    for remote_file, local_file, file_mode in state.large:
        await files._pull_file(remote_file, local_file, file_mode, target, state)
    return True
