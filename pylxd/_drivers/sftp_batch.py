"""Many small files in flight at once over one paramiko SFTP session.

paramiko's public calls wait for each answer, so a small file costs its open, write, close
and chmod one after another: four round trips, each a context switch to LXD's SFTP server
and back (~0.6 ms a file here). A batch instead sends every open, waits once for the
handles, then sends every write (or read), close and chmod, and waits once more.

This uses paramiko's request plumbing (``_async_request``, ``_read_response``, the answers
routed to an object's ``_async_response``): what its own pipelined writes and prefetch
are built on, unchanged since paramiko 1.x.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from paramiko.sftp import (
    CMD_CLOSE,
    CMD_DATA,
    CMD_HANDLE,
    CMD_NAME,
    CMD_OPEN,
    CMD_OPENDIR,
    CMD_READ,
    CMD_READDIR,
    CMD_READLINK,
    CMD_SETSTAT,
    CMD_STATUS,
    CMD_WRITE,
    SFTP_EOF,
    SFTP_FLAG_CREATE,
    SFTP_FLAG_READ,
    SFTP_FLAG_TRUNC,
    SFTP_FLAG_WRITE,
    SFTPError,
    int64,
)
from paramiko.sftp_attr import SFTPAttributes

if TYPE_CHECKING:
    from paramiko import SFTPClient
    from paramiko.message import Message

__all__ = [
    "BATCH_FILE",
    "BatchFile",
    "batches",
    "get_files",
    "listdir_bytes",
    "put_files",
    "readlink_bytes",
    "wire",
]

#: Files up to this size go in batches (larger ones stream on their own).
BATCH_FILE = 256 << 10
#: At most this many bytes of file data in flight per batch.
BATCH_BYTES = 4 << 20
_BATCH_COUNT = 256
_PACKET = 32 << 10  # paramiko's (and OpenSSH's) largest read or write request

T = TypeVar("T")


@dataclass
class BatchFile:
    """One small file of a batch: its remote path, its mode (and owner) to set, and its
    content (given for a put, filled by a get)."""

    remote: str
    mode: int | None = None
    uid: int | None = None
    gid: int | None = None
    data: bytes = b""
    size: int = 0  # for a get: the size the listing gave


def wire(path: str) -> bytes:
    """A path as SFTP sends it: its own bytes (a name from ``os.fsdecode`` that is not
    UTF-8 keeps them; paramiko would refuse it as text)."""
    return path.encode("utf-8", "surrogateescape")


def listdir_bytes(sftp: SFTPClient, path: str) -> list[tuple[str, SFTPAttributes]]:
    """The entries of a directory as ``(name, attributes)``, ``.`` and ``..`` left out,
    every other name as the server sent it (``os.fsdecode``: paramiko's ``listdir_attr``
    refuses a name that is not UTF-8)."""
    kind, msg = sftp._request(CMD_OPENDIR, wire(path))  # type: ignore[attr-defined]
    if kind != CMD_HANDLE:
        raise SFTPError("Expected handle")
    handle = msg.get_binary()
    entries: list[tuple[str, SFTPAttributes]] = []
    try:
        while True:
            try:
                kind, msg = sftp._request(CMD_READDIR, handle)  # type: ignore[attr-defined]
            except EOFError:  # paramiko's answer to SFTP_EOF: the listing's end
                break
            if kind != CMD_NAME:
                raise SFTPError("Expected name response")
            for _ in range(msg.get_int()):
                name, long_name = msg.get_string(), msg.get_string()
                attributes = SFTPAttributes._from_msg(msg, name, long_name)  # type: ignore[attr-defined]
                if name not in (b".", b".."):
                    entries.append((name.decode("utf-8", "surrogateescape"), attributes))
    finally:
        sftp._request(CMD_CLOSE, handle)  # type: ignore[attr-defined]
    return entries


def readlink_bytes(sftp: SFTPClient, path: str) -> str:
    """A symlink's target, its bytes kept (``surrogateescape``)."""
    kind, msg = sftp._request(CMD_READLINK, wire(path))  # type: ignore[attr-defined]
    if kind != CMD_NAME:
        raise SFTPError("Expected name response")
    if msg.get_int() == 0:
        return ""
    return str(msg.get_string().decode("utf-8", "surrogateescape"))


class _Answers:
    """Collects the answers to requests sent with ``_async_request(self, ...)``."""

    def __init__(self) -> None:
        self.got: dict[int, tuple[int, Message]] = {}

    def _async_response(self, kind: int, msg: Message, num: int) -> None:
        self.got[num] = (kind, msg)

    def wait(self, sftp: SFTPClient, nums: Sequence[int]) -> list[tuple[int, Message]]:
        for num in nums:  # answers come in any order: read until each one is in
            while num not in self.got:
                sftp._read_response()  # type: ignore[attr-defined]  # one, to its collector
        return [self.got.pop(num) for num in nums]


def _request(sftp: SFTPClient, answers: _Answers, kind: int, *args: Any) -> int:
    return int(sftp._async_request(answers, kind, *args))  # type: ignore[attr-defined]


def _check(sftp: SFTPClient, answer: tuple[int, Message], path: str) -> Message:
    """The answer's message; a failure status raised as paramiko raises it (OSError)."""
    kind, msg = answer
    if kind == CMD_STATUS:
        try:
            sftp._convert_status(msg)  # type: ignore[attr-defined]
        except OSError as exc:
            exc.filename = path
            raise
    return msg


def batches(files: Sequence[T], size_of: Callable[[T], int]) -> list[Sequence[T]]:
    """``files`` cut into batches of at most ``BATCH_BYTES`` (and 256 files) each."""
    out: list[Sequence[T]] = []
    start, total = 0, 0
    for index, item in enumerate(files):
        if index > start and (total + size_of(item) > BATCH_BYTES or index - start >= _BATCH_COUNT):
            out.append(files[start:index])
            start, total = index, 0
        total += size_of(item)
    if start < len(files):
        out.append(files[start:])
    return out


def _open_all(
    sftp: SFTPClient, files: Sequence[BatchFile], flags: int
) -> tuple[list[bytes], OSError | None]:
    """Each file's handle (``b""`` for one the server refused) and the first refusal."""
    answers = _Answers()
    nums = [
        _request(sftp, answers, CMD_OPEN, wire(f.remote), flags, SFTPAttributes()) for f in files
    ]
    handles = []
    failure: OSError | None = None
    for item, answer in zip(files, answers.wait(sftp, nums), strict=True):
        try:
            msg = _check(sftp, answer, item.remote)
        except OSError as exc:
            failure = failure or exc
            handles.append(b"")
            continue
        handles.append(msg.get_binary() if answer[0] == CMD_HANDLE else b"")
    return handles, failure


def _close_all(sftp: SFTPClient, handles: Sequence[bytes]) -> None:
    answers = _Answers()
    answers.wait(sftp, [_request(sftp, answers, CMD_CLOSE, h) for h in handles])


def put_files(sftp: SFTPClient, batch: Sequence[BatchFile]) -> None:
    """Write each file of one batch (created or truncated), then set its mode and owner.

    Raises:
        OSError: the server refused one (the first refusal; the rest of the batch was done).
    """
    flags = SFTP_FLAG_WRITE | SFTP_FLAG_CREATE | SFTP_FLAG_TRUNC
    handles, failure = _open_all(sftp, batch, flags)
    answers = _Answers()
    sent: list[tuple[int, str]] = []
    for item, handle in zip(batch, handles, strict=True):
        if not handle:
            continue
        view = memoryview(item.data)
        for offset in range(0, len(view), _PACKET):
            chunk = bytes(view[offset : offset + _PACKET])
            num = _request(sftp, answers, CMD_WRITE, handle, int64(offset), chunk)
            sent.append((num, item.remote))
        sent.append((_request(sftp, answers, CMD_CLOSE, handle), item.remote))
        # Mode and owner in two requests: LXD 5.0.2's SFTP server reads a SETSTAT carrying
        # both in the wrong order (the mode landed as the uid, the gid as the mode).
        for attributes in _setstats(item):
            num = _request(sftp, answers, CMD_SETSTAT, wire(item.remote), attributes)
            sent.append((num, item.remote))
    _raise_first(sftp, answers.wait(sftp, [num for num, _ in sent]), [p for _, p in sent])
    if failure is not None:
        raise failure


def _setstats(item: BatchFile) -> list[SFTPAttributes]:
    out = []
    if item.mode is not None:
        mode = SFTPAttributes()
        mode.st_mode = item.mode
        out.append(mode)
    if item.uid is not None or item.gid is not None:
        owner = SFTPAttributes()  # both ids at once; the one not given is root's (as LXD's API)
        owner.st_uid, owner.st_gid = item.uid or 0, item.gid or 0
        out.append(owner)
    return out


def get_files(sftp: SFTPClient, batch: Sequence[BatchFile]) -> None:
    """Read each file of one batch into its ``data`` (the ``size`` its listing gave; one
    whose size changed since, or that came in short pieces, is read again on its own).

    Raises:
        OSError: the server refused one.
    """
    handles, failure = _open_all(sftp, batch, SFTP_FLAG_READ)
    if failure is not None:  # a pull stops at the first file it cannot read
        _close_all(sftp, [h for h in handles if h])
        raise failure
    answers = _Answers()
    reads: list[list[int]] = []
    for item, handle in zip(batch, handles, strict=True):
        offsets = range(0, item.size, _PACKET)
        reads.append(
            [_request(sftp, answers, CMD_READ, handle, int64(o), _PACKET) for o in offsets]
        )
    closes = [_request(sftp, answers, CMD_CLOSE, h) for h in handles]
    for item, nums in zip(batch, reads, strict=True):
        parts = []
        for kind, msg in answers.wait(sftp, nums):
            if kind == CMD_DATA:
                parts.append(msg.get_string())
            elif _eof(sftp, kind, msg, item.remote):
                break
        item.data = b"".join(parts)
    _raise_first(sftp, answers.wait(sftp, closes), [item.remote for item in batch])
    for item in batch:
        if len(item.data) != item.size:
            with sftp.open(wire(item.remote), "rb") as source:
                item.data = source.read()


def _eof(sftp: SFTPClient, kind: int, msg: Message, path: str) -> bool:
    """Whether a read's answer is the end of the file (a failure is raised)."""
    if kind == CMD_STATUS:
        code = msg.get_int()
        if code == SFTP_EOF:
            return True
        msg.rewind()
        msg.get_int()  # the request number, read before the answer was routed to us
        _check(sftp, (kind, msg), path)
    return False


def _raise_first(
    sftp: SFTPClient, answers: Sequence[tuple[int, Message]], paths: Sequence[str]
) -> None:
    for answer, path in zip(answers, paths, strict=True):
        _check(sftp, answer, path)
