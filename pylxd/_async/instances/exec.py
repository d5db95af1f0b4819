"""Running a command in an instance over LXD's exec websockets.

LXD's framing: data arrives as binary messages and a stream ends with an empty text
message (a barrier) — the reader stops there instead of waiting for a close frame, which
is what made older clients hang for seconds. stdout and stderr are drained concurrently
(a full stderr pipe would otherwise stall the process), stdin is ended with a barrier,
and the exit code comes from the operation.

The operation is waited for alongside the streams: once it ended, streams silent for
:data:`STREAM_GRACE` seconds are cut (LXD 5.0.2 under concurrency, like ``lxc exec``, can
leave a stream unfinished forever). The result stands when every output had its barrier;
otherwise :class:`~pylxd.exceptions.IncompleteOutput` says so.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from pylxd._async.transfer import chunks
from pylxd._core.envelope import malformed, metadata, response_operation, websocket_secrets
from pylxd._core.exec import (
    STDIN_CHUNK,
    ExecuteResult,
    OutputSink,
    RecordedExecuteResult,
    exec_request,
    recorded_metadata,
)
from pylxd._core.operations import websocket_path
from pylxd._core.urls import logs_relative_name
from pylxd._drivers.aio.flavour import Event, gather
from pylxd.exceptions import (
    ClientConnectionFailed,
    IncompleteOutput,
    OperationTimeout,
    TransportTimeout,
)

if TYPE_CHECKING:
    from pylxd._async.client import Client
    from pylxd._async.instances.instance import Instance
    from pylxd._async.operation import Operation
    from pylxd._drivers.aio.websocket import WebSocket

__all__ = ["STREAM_GRACE", "StreamProgress", "Executable", "attach", "watch_operation"]

_SIGKILL = 9
_DATA_FDS = ("0", "1", "2")
#: Once a command's operation ended, how long its streams may stay silent before they are
#: cut (what LXD still had in flight comes well within it).
STREAM_GRACE = 2.0


class Executable:
    """``execute()``: running a command to its end (mixed into
    :class:`~pylxd._async.instances.instance.Instance`)."""

    async def execute(
        self,
        commands: Sequence[str],
        environment: Mapping[str, str] | None = None,
        encoding: str | None = None,
        decode: bool = True,
        stdin_payload: Any = None,
        stdin_encoding: str = "utf-8",
        stdout_handler: Callable[[Any], Any] | None = None,
        stderr_handler: Callable[[Any], Any] | None = None,
        user: int | None = None,
        group: int | None = None,
        cwd: str | None = None,
        timeout: float | None = None,
        record_output: bool = False,
    ) -> ExecuteResult:
        """Run ``commands`` in the instance and wait for it to end.

        Args:
            commands: the command and its arguments, as for ``subprocess`` (not a string).
            environment: extra environment variables.
            encoding: decode output with this codec (UTF-8 by default).
            decode: return ``str`` (default) or ``bytes``.
            stdin_payload: ``str``, ``bytes``, a file object or an iterable of chunks.
            stdin_encoding: how a ``str`` payload is encoded.
            stdout_handler, stderr_handler: called with each chunk instead of collecting it
                (constant memory; the result's field is then empty).
            user, group, cwd: run as this uid/gid, in this directory.
            timeout: seconds; on expiry the process is killed and
                :class:`~pylxd.exceptions.TransportTimeout` is raised.
            record_output: LXD records stdout and stderr in files of ``instance.logs``
                (``container_exec_recording``): the command runs without websockets and
                without stdin; the result (a ``RecordedExecuteResult``) is read back from
                those files and names them (``stdout_log``, ``stderr_log``).

        Returns:
            ``(exit_code, stdout, stderr)``.
        """
        instance = cast("Instance", self)
        client = instance.client
        body = exec_request(commands, environment, user, group, cwd, record_output=record_output)
        if record_output:
            if stdin_payload is not None:
                raise ValueError("a recorded command has no stdin (LXD runs it detached)")
            handlers = (stdout_handler, stderr_handler)
            return await _recorded(instance, body, timeout, decode, encoding, handlers)
        operation, fds = await start_exec(instance, body)
        control, data = await attach(instance, operation, fds, _DATA_FDS)
        sockets = [*data, control]
        try:
            stdin, stdout, stderr = data
            deadline = None if timeout is None else time.monotonic() + timeout
            out = OutputSink(decode, encoding, stdout_handler)
            err = OutputSink(decode, encoding, stderr_handler)
            progress = StreamProgress()
            streams = [
                partial(_drain, stdout, out, deadline, progress),
                partial(_drain, stderr, err, deadline, progress),
            ]
            if stdin_payload is None:
                await stdin.send_barrier()  # nothing to send: no need to feed concurrently
            else:
                streams.append(partial(_feed, stdin, stdin_payload, stdin_encoding))

            async def read_all() -> None:
                try:
                    await gather(*streams)
                finally:
                    progress.done.set()
                # Every stream ended: our side of them is closed now, not after the
                # operation (a server may wait for that before it ends the operation).
                for socket in data:
                    await socket.close()

            watch = partial(watch_operation, client, operation, deadline, data, progress)
            try:
                finished = (await gather(read_all, watch))[1]
            except (TransportTimeout, OperationTimeout) as exc:
                try:
                    await control.send(json.dumps({"command": "signal", "signal": _SIGKILL}))
                except ClientConnectionFailed:
                    pass  # it has ended meanwhile
                if isinstance(exc, TransportTimeout):
                    raise
                raise TransportTimeout(f"the command was still running after {timeout} s") from exc
            assert finished is not None
            exit_code = int((finished.metadata or {}).get("return", -1))
            unfinished = [
                name for name, s in (("stdout", stdout), ("stderr", stderr)) if s.truncated
            ]
            if unfinished:
                raise IncompleteOutput(exit_code, out.result(), err.result(), unfinished)
            return ExecuteResult(exit_code, out.result(), err.result())
        finally:
            for socket in sockets:
                await socket.close()


async def _recorded(
    instance: Instance,
    body: dict[str, Any],
    timeout: float | None,
    decode: bool,
    encoding: str | None,
    handlers: tuple[Callable[[Any], Any] | None, Callable[[Any], Any] | None],
) -> RecordedExecuteResult:
    """Run a command whose output LXD records, wait for it, read the output back."""
    client = instance.client
    client.assert_has_api_extension("container_exec_recording")
    response = await instance.api.exec.post(json=body)
    operation = response_operation(response)
    if operation is None:
        raise malformed(response, "an operation (an async answer)", metadata(response))
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            finished = await client.operations.wait_for_operation(operation, remaining)
            break
        except OperationTimeout as exc:
            if deadline is not None:  # no control socket to kill it with: it runs on
                raise TransportTimeout(
                    f"the recorded command was still running after {timeout} s (not killed)"
                ) from exc
    meta = recorded_metadata(finished.metadata)
    urls = meta.get("output") or {}
    logs = (logs_relative_name(urls.get("1", "")), logs_relative_name(urls.get("2", "")))
    sinks = [OutputSink(decode, encoding, handler) for handler in handlers]
    for name, sink in zip(logs, sinks, strict=True):
        sink.write(await instance.logs.read(name))
    exit_code = meta.get("return", -1)
    return RecordedExecuteResult.recorded(exit_code, sinks[0].result(), sinks[1].result(), logs)


async def start_exec(instance: Instance, body: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """Start a command with its websockets (``execute``, ``interactive``,
    ``raw_interactive_execute``): its operation, and the secrets of its sockets (``fds``)."""
    response = await instance.api.exec.post(json=body)
    names = ("0", "control") if body.get("interactive") else ("0", "1", "2", "control")
    operation = response_operation(response)
    if operation is None:
        raise malformed(response, "an operation (an async answer)", metadata(response))
    return operation, websocket_secrets(response, names)


class StreamProgress:
    """What the readers of a command's streams tell :func:`watch_operation`."""

    def __init__(self) -> None:
        self.received = 0  # bytes read so far, all streams together
        self.done = Event()  # set when every stream ended


async def watch_operation(
    client: Client,
    operation: str,
    deadline: float | None,
    sockets: Sequence[WebSocket],
    progress: StreamProgress,
) -> Operation:
    """Wait for a command's operation (until ``deadline``, else as long as it runs); then
    give its streams :data:`STREAM_GRACE` seconds of silence at most to end, and cut them
    (:attr:`WebSocket.truncated` tells which were unfinished). When the wait fails they are
    cut at once; at ``deadline`` they are left alone (their readers have the same deadline).

    Raises:
        OperationTimeout: it was still running at ``deadline``.
        OperationFailed: it failed.
    """
    try:
        while True:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                finished = await client.operations.wait_for_operation(operation, remaining)
                break
            except OperationTimeout:
                if deadline is not None:
                    raise  # else: a command running for more than the server's longest wait
    except OperationTimeout:
        raise
    except Exception:
        for socket in sockets:
            socket.cut()
        raise
    seen = -1
    while seen != progress.received:  # output still flowing: let it come
        seen = progress.received
        if await progress.done.wait(STREAM_GRACE):
            return finished
    for socket in sockets:
        socket.cut()
    return finished


async def attach(
    instance: Instance, operation: str, fds: Mapping[str, str], data_fds: Sequence[str]
) -> tuple[WebSocket, list[WebSocket]]:
    """Connect an exec's control socket, then its data sockets (``data_fds``, in order).

    LXD 5.0 starts the process once the data sockets are connected, without waiting for
    the control socket: attached last, it could come after the process ended and be
    refused ("Only running operations can be connected"), as seen under concurrent execs.
    So the control socket is attached first (as ``lxc`` does it).
    """
    client = instance.client
    (control,) = await client._websockets(
        [websocket_path(client.version, operation, fds["control"])]
    )
    try:
        data = await client._websockets(
            [websocket_path(client.version, operation, fds[fd]) for fd in data_fds]
        )
    except BaseException:
        await control.close()
        raise
    return control, data


async def _drain(
    socket: WebSocket, sink: OutputSink, deadline: float | None, progress: StreamProgress
) -> None:
    while True:
        remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
        message = await socket.recv(remaining)
        if message is None:
            return
        data = message if isinstance(message, bytes) else message.encode()
        progress.received += len(data)
        sink.write(data)


async def _feed(socket: WebSocket, payload: Any, encoding: str) -> None:
    socket.wait_on_sends()  # a process may read its stdin late: that is not a closed stdin
    try:
        async for chunk in chunks(payload, encoding, STDIN_CHUNK):
            await socket.send(chunk)
    except ClientConnectionFailed:
        return  # the process ended without reading all its input, like EPIPE
    await socket.send_barrier()
