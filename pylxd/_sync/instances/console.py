# Generated from pylxd/_async/instances/console.py by tools/unasync.py: do not edit, edit the source.
"""An instance's console: its log (read, clear) and a live session over websockets."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pylxd._core.envelope import (
    malformed,
    metadata,
    operation_id,
    response_operation,
    websocket_secrets,
)
from pylxd._core.operations import websocket_path

if TYPE_CHECKING:
    from pylxd._sync.instances.instance import Instance
    from pylxd._drivers.sync.websocket import WebSocket

__all__ = ["Console", "ConsoleSession"]

#: How long detaching waits for LXD to answer the data socket's close (seconds).
_CLOSE_REPLY_WAIT = 5.0


class Console:
    """``instance.console``: ``log()``, ``clear()``, ``open()``."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance

    def log(self) -> str:
        """What the console printed so far (``GET …/console``)."""
        self.instance.client.assert_has_api_extension("console")
        response = self.instance.api.console.get()
        return response.text

    def clear(self) -> None:
        """Empty the console log (``DELETE …/console``)."""
        self.instance.client.assert_has_api_extension("console")
        self.instance.api.console.delete()

    def open(self, width: int = 80, height: int = 25) -> ConsoleSession:
        """Attach to the console of a running container: a session to ``send`` keystrokes
        to and ``recv`` output from; ``close()`` it (or use ``with``).

        The server attaches a moment after this returns: keystrokes sent at once may be
        lost (LXD and Incus give no signal when it is ready). The console log (``log()``)
        is kept while a session is attached.

        Raises:
            LXDAPIException: the instance is not running (LXD's message).
        """
        client = self.instance.client
        client.assert_has_api_extension("console")
        body = {"type": "console", "width": width, "height": height}
        response = self.instance.api.console.post(json=body)
        operation_url = response_operation(response)
        if operation_url is None:
            raise malformed(response, "an operation (an async answer)", metadata(response))
        operation = operation_id(operation_url)
        fds = websocket_secrets(response, ("0", "control"))
        data, control = client._websockets(
            [websocket_path(client.version, operation, fds[fd]) for fd in ("0", "control")]
        )
        return ConsoleSession(data, control, operation)


class ConsoleSession:
    """A live console: raw bytes both ways, and a control socket for resizes."""

    def __init__(self, data: WebSocket, control: WebSocket, operation: str) -> None:
        self._data = data
        self._control = control
        self.operation = operation

    def send(self, data: bytes | str) -> None:
        """Type ``data`` into the console."""
        self._data.send(data.encode() if isinstance(data, str) else data)

    def recv(self, timeout: float | None = None) -> bytes | None:
        """The next output, or ``None`` once the console closed.

        Raises:
            TransportTimeout: nothing arrived within ``timeout`` seconds.
        """
        message = self._data.recv(timeout)
        return message.encode() if isinstance(message, str) else message

    def resize(self, width: int, height: int) -> None:
        """Tell the console its new window size."""
        args = {"width": str(width), "height": str(height)}
        self._control.send(json.dumps({"command": "window-resize", "args": args}))

    def close(self) -> None:
        """Detach from the console (the instance keeps running)."""
        # The data socket's close is answered before the control socket goes: when the
        # control socket ends, LXD 5.0.2 writes its own close on the data socket, and that
        # write racing console output still mirrored there panics the daemon ("concurrent
        # write to websocket connection"). Once it has answered our close, it writes nothing.
        self._data.close_and_wait(_CLOSE_REPLY_WAIT)
        self._control.close()

    def __enter__(self) -> ConsoleSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
