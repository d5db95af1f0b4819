"""Exec rules: the request body, stdin chunks, output decoding, the result."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from pylxd._core.envelope import malformed

__all__ = [
    "ExecuteResult",
    "OutputSink",
    "RecordedExecuteResult",
    "exec_request",
    "recorded_metadata",
    "stdin_chunks",
]

CHUNK = 1 << 16


class ExecuteResult(NamedTuple):
    """What ``execute`` returns: the exit code and the collected output."""

    exit_code: int
    stdout: str | bytes
    stderr: str | bytes


class RecordedExecuteResult(ExecuteResult):
    """What ``execute(..., record_output=True)`` returns: the same ``(exit_code, stdout,
    stderr)``, read back from the files LXD recorded, and those files' names in
    ``instance.logs`` (``exec_<id>.stdout`` on LXD, ``exec-output/exec_<id>.stdout`` on
    Incus): they stay there until ``instance.logs.delete(name)``."""

    stdout_log: str
    stderr_log: str

    @classmethod
    def recorded(
        cls, exit_code: int, stdout: str | bytes, stderr: str | bytes, logs: tuple[str, str]
    ) -> RecordedExecuteResult:
        result = cls(exit_code, stdout, stderr)
        result.stdout_log, result.stderr_log = logs
        return result


def exec_request(
    commands: Sequence[str],
    environment: Mapping[str, str] | None,
    user: int | None,
    group: int | None,
    cwd: str | None,
    *,
    interactive: bool = False,
    width: int | None = None,
    height: int | None = None,
    record_output: bool = False,
) -> dict[str, Any]:
    """The body of ``POST /1.0/instances/<name>/exec``.

    Raises:
        TypeError: ``commands`` is a string (it must be a list, as for ``subprocess``).
    """
    if isinstance(commands, (str, bytes)):
        raise TypeError("execute: commands must be a list of strings, not a string")
    body: dict[str, Any] = {
        "command": list(commands),
        "environment": dict(environment or {}),
        "wait-for-websocket": not record_output,
        "interactive": interactive,
    }
    if record_output:  # LXD writes stdout/stderr to log files; no websockets, no stdin
        body["record-output"] = True
    # LXD's defaults (root, /root) apply to what is not given.
    for key, value in (("user", user), ("group", group), ("cwd", cwd)):
        if value is not None:
            body[key] = value
    if width is not None:
        body["width"] = width
    if height is not None:
        body["height"] = height
    return body


def stdin_chunks(payload: Any, encoding: str, chunk_size: int = CHUNK) -> Iterator[bytes]:
    """``stdin_payload`` (str, bytes, file object or iterable) → bytes chunks of at most
    ``chunk_size`` (an iterable's items are passed as they are)."""
    if payload is None:
        return
    if isinstance(payload, str):
        payload = payload.encode(encoding)
    if isinstance(payload, (bytes, bytearray, memoryview)):
        view = memoryview(payload)
        for start in range(0, len(view), chunk_size):
            yield bytes(view[start : start + chunk_size])
        return
    if hasattr(payload, "read"):
        while chunk := payload.read(chunk_size):
            yield chunk.encode(encoding) if isinstance(chunk, str) else bytes(chunk)
        return
    for item in payload:
        yield item.encode(encoding) if isinstance(item, str) else bytes(item)


class OutputSink:
    """Collects one stream (stdout or stderr), or hands each chunk to a handler.

    With a handler nothing is kept (constant memory) and the result field is empty.
    Without, the bytes go into one growing buffer whose own bytes object is the result
    (no chunk list joined into a second copy): 10 MB of output holds 10 MB, plus the text
    when it is decoded.
    """

    def __init__(
        self, decode: bool, encoding: str | None, handler: Callable[[Any], Any] | None
    ) -> None:
        self._decode = decode
        self._encoding = encoding or "utf-8"
        self._handler = handler
        self._buffer = io.BytesIO()
        self._decoder = codecs.getincrementaldecoder(self._encoding)(errors="replace")

    def write(self, data: bytes) -> None:
        if self._handler is None:
            self._buffer.write(data)
        elif self._decode:
            text = self._decoder.decode(data)
            if text:
                self._handler(text)
        else:
            self._handler(data)

    def result(self) -> str | bytes:
        if self._handler is not None:
            tail = self._decoder.decode(b"", final=True) if self._decode else ""
            if tail:
                self._handler(tail)
            return "" if self._decode else b""
        data = self._buffer.getvalue()  # the buffer itself, trimmed: not a copy
        self._buffer = io.BytesIO()
        return data.decode(self._encoding, errors="replace") if self._decode else data


def recorded_metadata(metadata: Any) -> dict[str, Any]:
    """A recorded command's finished operation metadata, checked: ``output`` an object of
    log URLs (``"1"``, ``"2"``), ``return`` the exit code (a number).

    Raises:
        MalformedResponse: another shape.
    """
    expected = 'a recorded command\'s metadata ({"output": {"1": URL, "2": URL}, "return": N})'
    meta = metadata or {}
    output = meta.get("output") or {} if isinstance(meta, dict) else None
    code = meta.get("return", -1) if isinstance(meta, dict) else None
    if not isinstance(output, dict) or not all(isinstance(u, str) for u in output.values()):
        raise malformed(None, expected, metadata)
    if not isinstance(code, int) or isinstance(code, bool):
        raise malformed(None, expected, metadata)
    return {"output": output, "return": code}
