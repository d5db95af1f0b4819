"""The blocking websocket used from two threads at once, as a relay uses it: one reads
while another sends. Every frame must arrive, in order, intact."""

from __future__ import annotations

import threading
from pathlib import Path

from websockets.sync.server import ServerConnection, unix_serve

from pylxd._core.endpoint import resolve_endpoints
from pylxd._drivers.sync.websocket import open_websockets

COUNT = 20_000


def test_sending_while_another_thread_reads_loses_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "ws.socket")

    def echo(connection: ServerConnection) -> None:
        for number, message in enumerate(connection):
            if number % 50 == 0:
                connection.ping()  # the reader thread answers: a write of its own
            connection.send(message)

    with unix_serve(echo, path) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        [websocket] = open_websockets(resolve_endpoints(path)[0], ["/echo"], None, 5)
        try:
            received: list[bytes | str | None] = []

            def read() -> None:
                while len(received) < COUNT:
                    message = websocket.recv()  # no timeout: it would apply to sends too
                    if message is None:
                        return
                    received.append(message)

            reader = threading.Thread(target=read)
            reader.start()
            # A deadlock (the reader waiting on the sender, the sender on the server, the
            # server on the reader) is ended here, and fails the test.
            watchdog = threading.Timer(60, websocket.cut)
            watchdog.start()
            sent = [f"{number:06d}".encode() * 8 for number in range(COUNT)]
            try:
                for message in sent:
                    websocket.send(message)
                reader.join(60)
            finally:
                watchdog.cancel()
            assert received == sent
        finally:
            websocket.close()
            server.shutdown()
