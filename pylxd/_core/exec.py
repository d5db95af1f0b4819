"""Exec rules: the request body, output decoding, the result."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from pylxd._core.envelope import malformed

__all__ = [
    "STDIN_CHUNK",
    "ExecuteResult",
    "OutputSink",
    "RecordedExecuteResult",
    "exec_request",
    "recorded_metadata",
]

#: Bytes per stdin message of a command.
STDIN_CHUNK = 1 << 16
#: Output is decoded this many bytes at a time (the text grows by pieces of this size).
DECODE_SLICE = 1 << 16


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


class OutputSink:
    """Collects one stream (stdout or stderr), or hands each chunk to a handler.

    With a handler nothing is kept (constant memory) and the result field is empty.
    Without, bytes go into one growing buffer whose own bytes object is the result (no
    chunk list joined into a second copy), and text is decoded as it arrives into one
    string that grows in place: 10 MB of output holds 10 MB either way.
    """

    def __init__(
        self, decode: bool, encoding: str | None, handler: Callable[[Any], Any] | None
    ) -> None:
        self._decode = decode
        self._encoding = encoding or "utf-8"
        self._handler = handler
        self._buffer = io.BytesIO()
        self._text = ""
        self._decoder = codecs.getincrementaldecoder(self._encoding)(errors="replace")

    def write(self, data: bytes) -> None:
        if self._handler is None:
            if self._decode:
                self._append_text(data)
            else:
                self._buffer.write(data)
        elif self._decode:
            text = self._decoder.decode(data)
            if text:
                self._handler(text)
        else:
            self._handler(data)

    def _append_text(self, data: bytes, final: bool = False) -> None:
        # CPython resizes a str held by one local only (``text += piece``) instead of
        # copying it: the text grows in place, and no bytes are kept to decode at the end
        # (that held both: 2x the output). Pieces of DECODE_SLICE keep each step small.
        text, self._text = self._text, ""
        for start in range(0, len(data), DECODE_SLICE):
            text += self._decoder.decode(data[start : start + DECODE_SLICE])
        if final:
            text += self._decoder.decode(b"", final=True)
        self._text = text

    def result(self) -> str | bytes:
        if self._handler is not None:
            tail = self._decoder.decode(b"", final=True) if self._decode else ""
            if tail:
                self._handler(tail)
            return "" if self._decode else b""
        if self._decode:
            self._append_text(b"", final=True)
            text, self._text = self._text, ""
            return text
        data = self._buffer.getvalue()  # the buffer itself, trimmed: not a copy
        self._buffer = io.BytesIO()
        return data


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
