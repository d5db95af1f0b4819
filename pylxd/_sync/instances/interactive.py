# Generated from pylxd/_async/instances/interactive.py by tools/unasync.py: do not edit, edit the source.
"""Interactive exec: a live session on a command (a shell with a PTY, or a process whose
stdin, stdout and stderr are separate streams).

>>> with instance.interactive(["sh"]) as shell:
...     shell.resize(120, 40)
...     shell.send(b"stty size; exit 3\\n")
...     shell.read_until(b"40 120")
...     code = shell.wait()
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from pylxd._sync.instances.exec import StreamProgress, attach, start_exec, watch_operation
from pylxd._sync.transfer import chunks
from pylxd._core.exec import STDIN_CHUNK, exec_request
from pylxd._core.fields import object_repr
from pylxd._core.operations import websocket_path
from pylxd._drivers.sync.flavour import gather
from pylxd.exceptions import ClientConnectionFailed, OperationTimeout, TransportTimeout

if TYPE_CHECKING:
    from pylxd._sync.instances.instance import Instance
    from pylxd._drivers.sync.websocket import WebSocket

__all__ = ["OutputStream", "Interactive", "Session"]

_SIGHUP = 1
_SIGKILL = 9
#: How long leaving a ``with`` block waits for the command to end once its stdin is closed.
CLOSE_GRACE = 10.0


class OutputStream:
    """One output of a session (the PTY, stdout or stderr), iterated by chunks.

    Iteration ends when the command closed it; ``recv`` gives one chunk (``b""`` at the end).
    """

    def __init__(self, socket: WebSocket) -> None:
        self._socket = socket
        self._pending: list[bytes] = []
        self.closed = False

    def recv(self, timeout: float | None = None) -> bytes:
        """The next chunk of output, ``b""`` once the stream ended.

        Raises:
            TransportTimeout: nothing arrived within ``timeout`` seconds.
        """
        if self._pending:
            return self._pending.pop(0)
        if self.closed:
            return b""
        message = self._socket.recv(timeout)
        if message is None:
            self.closed = True
            return b""
        return message.encode() if isinstance(message, str) else message

    def _drain(self, deadline: float | None, progress: StreamProgress) -> None:
        """Read to the end, keeping the chunks for ``recv`` (the command cannot block on a
        full pipe while we wait for it)."""
        while not self.closed:
            chunk = self._socket.recv(_remaining(deadline))
            if chunk is None:
                self.closed = True
            else:
                data = chunk.encode() if isinstance(chunk, str) else chunk
                progress.received += len(data)
                self._pending.append(data)

    def __iter__(self) -> OutputStream:
        return self

    def __next__(self) -> bytes:
        chunk = self.recv()
        if not chunk:
            raise StopIteration
        return chunk


class Session:
    """A running command: ``send`` to its stdin, ``recv`` its output, ``resize`` its
    terminal, ``signal`` it, ``wait`` for its exit code. Leaving a ``with`` block before
    the command ended hangs its terminal up (``SIGHUP``; without a PTY: closes its stdin) and
    waits for it, killing it after :data:`CLOSE_GRACE` seconds.

    With a PTY, ``recv``/``stdout`` read the terminal (stdout and stderr mixed, as a terminal
    shows them); without, ``stdout`` and ``stderr`` are separate :class:`OutputStream` objects.
    """

    def __init__(
        self, instance: Instance, operation: str, sockets: dict[str, WebSocket], pty: bool
    ) -> None:
        self.instance = instance
        self.operation = operation
        self.pty = pty
        self._sockets = sockets
        self._stdin = sockets["0"]
        self._control = sockets["control"]
        self.stdout = OutputStream(sockets["0"] if pty else sockets["1"])
        self.stderr: OutputStream | None = None if pty else OutputStream(sockets["2"])
        self._stdin_closed = False
        self.exit_code: int | None = None

    # -- input ----------------------------------------------------------------------------

    def send(self, data: bytes | str) -> None:
        """Write ``data`` to the command's stdin (``str`` is sent as UTF-8).

        Raises:
            ClientConnectionFailed: the command has ended.
        """
        self._stdin.send(data.encode() if isinstance(data, str) else bytes(data))

    def feed(self, payload: Any, encoding: str = "utf-8") -> None:
        """Send all of ``payload`` (bytes, a file object, an iterable or, with ``pylxd``,
        an async iterable of chunks) to stdin, then close stdin."""
        try:
            for chunk in chunks(payload, encoding, STDIN_CHUNK):
                self._stdin.send(chunk)
        except ClientConnectionFailed:
            pass  # the command ended without reading all of it, like EPIPE
        self.close_stdin()

    def close_stdin(self) -> None:
        """End the command's input (without a PTY: end of file; with one: ``^D``)."""
        if self._stdin_closed:
            return
        self._stdin_closed = True
        if self.pty:
            try:
                self._stdin.send(b"\x04")
            except ClientConnectionFailed:
                pass
        else:
            self._stdin.send_barrier()

    # -- output ---------------------------------------------------------------------------

    def recv(self, timeout: float | None = None) -> bytes:
        """The next chunk of output (the terminal's, or stdout), ``b""`` once it ended."""
        return self.stdout.recv(timeout)

    def read_until(self, marker: bytes | str, timeout: float | None = None) -> bytes:
        """Output up to and including ``marker`` (the rest stays for the next ``recv``).

        Raises:
            TransportTimeout: ``marker`` did not come within ``timeout`` seconds.
            EOFError: the output ended before ``marker``.
        """
        wanted = marker.encode() if isinstance(marker, str) else marker
        deadline = None if timeout is None else time.monotonic() + timeout
        seen = b""
        while wanted not in seen:
            chunk = self.stdout.recv(_remaining(deadline))
            if not chunk:
                raise EOFError(f"output ended before {marker!r}: {seen[-200:]!r}")
            seen += chunk
        end = seen.index(wanted) + len(wanted)
        if end < len(seen):
            self.stdout._pending.insert(0, seen[end:])
        return seen[:end]

    # -- control --------------------------------------------------------------------------

    def resize(self, cols: int, rows: int) -> None:
        """Set the terminal's size (``stty size`` then shows ``rows cols``)."""
        args = {"width": str(int(cols)), "height": str(int(rows))}
        self._control.send(json.dumps({"command": "window-resize", "args": args}))

    def signal(self, signum: int) -> None:
        """Send the signal ``signum`` to the command."""
        self._control.send(json.dumps({"command": "signal", "signal": int(signum)}))

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the command to end and return its exit code. Output not read yet stays
        readable with ``recv``.

        Raises:
            TransportTimeout: it was still running after ``timeout`` seconds.
        """
        if self.exit_code is not None:
            return self.exit_code
        deadline = None if timeout is None else time.monotonic() + timeout
        outputs = [self.stdout] if self.stderr is None else [self.stdout, self.stderr]
        progress = StreamProgress()

        def read_all() -> None:
            try:
                gather(*(partial(output._drain, deadline, progress) for output in outputs))
            finally:
                progress.done.set()
            if not self._stdin_closed:
                self._stdin_closed = True
                self._stdin.send_barrier()

        if self.pty:
            # LXD ends the operation only once our side of the sockets is closed.
            read_all()
            self.close()
            return self._reap(_remaining(deadline))
        # Without a PTY the operation ends with the command, so it is waited for alongside:
        # outputs LXD leaves unfinished after it ended are cut, not waited for forever. The
        # sockets are closed after it ended (closed before, LXD may fail it on a TLS reset).
        sockets = [output._socket for output in outputs]
        watch = partial(
            watch_operation, self.instance.client, self.operation, deadline, sockets, progress
        )
        finished = (gather(read_all, watch))[1]
        self.close()
        assert finished is not None
        self.exit_code = int((finished.metadata or {}).get("return", -1))
        return self.exit_code

    def _reap(self, timeout: float | None) -> int:
        """The exit code, from the operation (our side of the sockets must be closed)."""
        client = self.instance.client
        finished = client.operations.wait_for_operation(
            self.operation, None if timeout is None else max(1.0, timeout)
        )
        self.exit_code = int((finished.metadata or {}).get("return", -1))
        return self.exit_code

    def hangup(self) -> None:
        """Hang the terminal up (the command gets ``SIGHUP``, as when a terminal closes)."""
        try:  # Incus keeps the command running when only its stdin ends
            self.signal(_SIGHUP)
        except ClientConnectionFailed:
            pass  # it has ended already
        self._stdin_closed = True
        self._stdin.send_barrier()

    def close(self) -> None:
        """Close the websockets (the command gets a hangup if it still runs)."""
        sockets, self._sockets = self._sockets, {}
        for socket in sockets.values():
            socket.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.exit_code is not None or not self._sockets:
            return
        try:
            if self.pty:
                self.hangup()
            else:
                self.close_stdin()
            self.wait(CLOSE_GRACE)
        except (TransportTimeout, OperationTimeout):
            self.signal(_SIGKILL)
            self._stdin.send_barrier()
            self.close()
            self._reap(CLOSE_GRACE)
        finally:
            self.close()

    def __repr__(self) -> str:
        return object_repr(self, [("operation", self.operation), ("exit_code", self.exit_code)])


def _remaining(deadline: float | None) -> float | None:
    return None if deadline is None else max(0.0, deadline - time.monotonic())


class Interactive:
    """``interactive()`` and ``raw_interactive_execute()``: a command to talk to
    (mixed into :class:`~pylxd._sync.instances.instance.Instance`)."""

    def raw_interactive_execute(
        self,
        commands: Sequence[str],
        environment: Mapping[str, str] | None = None,
        user: int | None = None,
        group: int | None = None,
        cwd: str | None = None,
    ) -> dict[str, str]:
        """Start ``commands`` with a PTY and return where to attach: ``{"name", "ws",
        "control"}`` (websocket paths). The command starts once a client connects to ``ws``
        and ``control``; :meth:`interactive` does all of it for you."""
        instance = cast("Instance", self)
        body = exec_request(commands, environment, user, group, cwd, interactive=True)
        operation, fds = start_exec(instance, body)
        return {
            "name": instance.name,
            "ws": websocket_path(instance.client.version, operation, fds["0"]),
            "control": websocket_path(instance.client.version, operation, fds["control"]),
        }

    def interactive(
        self,
        commands: Sequence[str],
        environment: Mapping[str, str] | None = None,
        user: int | None = None,
        group: int | None = None,
        cwd: str | None = None,
        *,
        pty: bool = True,
        width: int = 80,
        height: int = 24,
    ) -> Session:
        """Start ``commands`` and return a live :class:`~pylxd.models.Session`: ``send``,
        ``recv``, ``resize``, ``signal``, ``wait`` (a context manager). With ``pty=False``
        stdin, stdout and stderr are separate streams (``session.stdout`` iterates chunks)."""
        instance = cast("Instance", self)
        body = exec_request(
            commands,
            environment,
            user,
            group,
            cwd,
            interactive=pty,
            width=width if pty else None,
            height=height if pty else None,
        )
        operation, fds = start_exec(instance, body)
        names = ("0",) if pty else ("0", "1", "2")
        control, data = attach(instance, operation, fds, names)
        return Session(
            instance, operation, {"control": control, **dict(zip(names, data, strict=True))}, pty
        )
