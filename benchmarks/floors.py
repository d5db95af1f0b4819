"""The raw floors: the least work a client can do, written with the stdlib only.

- ``RawHTTP``: http.client over LXD's unix socket, one kept-alive connection.
- ``raw_exec``: POST exec, four hand-rolled websocket handshakes, read binary frames
  until LXD's empty-text barrier, send our stdin barrier, then ``/wait`` for the exit code.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import socket
import struct
import threading

SOCKET = os.environ.get("PYLXD_BENCH_SOCKET", "/var/lib/lxd/unix.socket")


class _UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path: str) -> None:
        super().__init__("lxd")
        self._path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self._path)


class RawHTTP:
    """One kept-alive http.client connection to the unix socket."""

    def __init__(self, path: str = SOCKET) -> None:
        self.conn = _UnixHTTPConnection(path)

    def request(self, method: str, url: str, body: object = None) -> tuple[int, dict]:
        """Send a request, read and parse the JSON answer."""
        status, content = self.request_bytes(method, url, body)
        return status, json.loads(content)

    def request_bytes(self, method: str, url: str, body: object = None) -> tuple[int, bytes]:
        """Send a request and read the answer (what ``client.api.get()`` does: no parsing)."""
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if data else {}
        self.conn.request(method, url, body=data, headers=headers)
        response = self.conn.getresponse()
        return response.status, response.read()

    def close(self) -> None:
        self.conn.close()


class _RawWebSocket:
    def __init__(self, path: str, url: str) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET {url} HTTP/1.1\r\nHost: lxd\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            self.buf += self.sock.recv(4096)
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        assert head.startswith(b"HTTP/1.1 101"), head

    def _read(self, n: int) -> bytes:
        while len(self.buf) < n:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise EOFError
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def recv(self) -> tuple[int, bytes]:
        b1, b2 = self._read(2)
        length = b2 & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", self._read(2))
        elif length == 127:
            (length,) = struct.unpack("!Q", self._read(8))
        return b1 & 0x0F, self._read(length)

    def send_text(self, payload: bytes, opcode: int = 0x1) -> None:
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + masked)

    def drain(self) -> bytes:
        """Binary frames until the empty text barrier (or a close frame)."""
        out = []
        while True:
            opcode, payload = self.recv()
            if opcode in (0x9, 0xA):  # ping/pong ("keepalive"): not data
                continue
            if opcode == 0x8 or (opcode == 0x1 and not payload):
                return b"".join(out)
            out.append(payload)

    def close(self) -> None:
        self.sock.close()


def _start_exec(
    http: RawHTTP, instance: str, command: list[str]
) -> tuple[str, list[_RawWebSocket]]:
    """POST exec, attach control, stdin, stdout, stderr (in that order): the operation, the sockets."""
    status, body = http.request(
        "POST",
        f"/1.0/instances/{instance}/exec",
        {"command": command, "wait-for-websocket": True, "interactive": False},
    )
    assert status == 202, body
    op = body["operation"]
    fds = body["metadata"]["metadata"]["fds"]
    # Control first: LXD starts the command once 0, 1 and 2 are attached and refuses a
    # control socket that comes after the command ended.
    sockets = [
        _RawWebSocket(SOCKET, f"{op}/websocket?secret={fds[fd]}")
        for fd in ("control", "0", "1", "2")
    ]
    return op, sockets


def raw_exec(http: RawHTTP, instance: str, command: list[str]) -> tuple[int, bytes, bytes]:
    op, sockets = _start_exec(http, instance, command)
    _control, stdin, stdout, stderr = sockets
    try:
        stdin.send_text(b"")
    except (BrokenPipeError, ConnectionResetError):
        pass  # a short command ended and LXD shut stdin first (pylxd ignores it too)
    result: dict[str, bytes] = {}
    reader = threading.Thread(target=lambda: result.__setitem__("err", stderr.drain()))
    reader.start()
    out = stdout.drain()
    reader.join()
    _, waited = http.request("GET", f"{op}/wait?timeout=30")
    for s in sockets:
        s.close()
    return waited["metadata"]["metadata"]["return"], out, result["err"]


def raw_put(http: RawHTTP, instance: str, path: str, data: bytes) -> None:
    """``POST …/files``: the body sent as it is, the answer read."""
    http.conn.request(
        "POST",
        f"/1.0/instances/{instance}/files?path={path}",
        body=data,
        headers={"Content-Type": "application/octet-stream"},
    )
    response = http.conn.getresponse()
    response.read()
    assert response.status == 200, response.status


def raw_get(http: RawHTTP, instance: str, path: str) -> bytes:
    """``GET …/files``: the whole body read in one go."""
    http.conn.request("GET", f"/1.0/instances/{instance}/files?path={path}")
    response = http.conn.getresponse()
    content = response.read()
    assert response.status == 200, response.status
    return content


def raw_exec_bytes(http: RawHTTP, instance: str, command: list[str]) -> bytes:
    """``raw_exec`` keeping only the stdout bytes, in one growing buffer (no chunk list)."""
    import io

    op, sockets = _start_exec(http, instance, command)
    _control, stdin, stdout, stderr = sockets
    try:
        stdin.send_text(b"")
    except (BrokenPipeError, ConnectionResetError):
        pass  # a short command ended and LXD shut stdin first (pylxd ignores it too)
    reader = threading.Thread(target=stderr.drain)
    reader.start()
    out = io.BytesIO()
    while True:
        opcode, payload = stdout.recv()
        if opcode in (0x9, 0xA):
            continue
        if opcode == 0x8 or (opcode == 0x1 and not payload):
            break
        out.write(payload)
    reader.join()
    http.request("GET", f"{op}/wait?timeout=30")
    for s in sockets:
        s.close()
    return out.getvalue()


class RawEvents:
    """A hand-rolled websocket on ``/1.0/events``: the next text message, parsed."""

    def __init__(self, query: str = "type=lifecycle") -> None:
        self.ws = _RawWebSocket(SOCKET, f"/1.0/events?{query}")

    def recv(self) -> dict:
        while True:
            opcode, payload = self.ws.recv()
            if opcode == 0x1 and payload:
                return json.loads(payload)
            if opcode == 0x9:  # LXD drops a listener that does not answer its pings
                self.ws.send_text(payload, opcode=0xA)
            if opcode == 0x8:
                raise EOFError("event stream closed")

    def close(self) -> None:
        self.ws.close()
