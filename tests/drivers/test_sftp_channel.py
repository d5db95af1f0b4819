"""The SFTP channel over TLS, as paramiko's prefetch uses it: one thread sending requests
while another reads the answers (no daemon: a TLS echo server on loopback).

One OpenSSL connection used by two threads at once corrupts its records (the server fails
with "bad record mac") or reports an EOF that never happened: paramiko's "Server connection
dropped" over HTTPS. These tests pin the channel that serialises them.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pylxd._drivers.raw import upgrade_request
from pylxd._drivers.sftp import TLSChannel
from tests.certs import make_cert

MESSAGES, SIZE = 2000, 40  # paramiko's read requests are ~40 bytes each


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[int, threading.Event]]:
    """A TLS server that echoes what it reads until ``stop`` is set: ``(port, stop)``."""
    crt, key = make_cert(tmp_path, "server", ca=False)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(crt, key)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)  # a close from another thread does not wake accept()
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(5)
            with context.wrap_socket(conn, server_side=True) as tls:
                tls.settimeout(0.2)
                while not stop.is_set():
                    try:
                        data = tls.recv(65536)
                    except TimeoutError:
                        continue
                    except (ssl.SSLError, OSError):
                        break
                    if not data:
                        break
                    tls.sendall(data)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1], stop
    stop.set()
    listener.close()
    thread.join(5)


def tls_channel(port: int, timeout: float | None) -> TLSChannel:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    sock = context.wrap_socket(socket.create_connection(("127.0.0.1", port)))
    return TLSChannel(sock, "test", timeout)


def send_all(channel: TLSChannel) -> None:
    for i in range(MESSAGES):
        channel.sendall(bytes([i % 251]) * SIZE)


def test_requests_sent_from_one_thread_and_answers_read_in_another_arrive_intact(
    tls_server: tuple[int, threading.Event],
) -> None:
    port, _stop = tls_server
    expected = b"".join(bytes([i % 251]) * SIZE for i in range(MESSAGES))
    for _round in range(5):  # unserialised, 4 runs of 5 failed (bad record mac, EOF)
        channel = tls_channel(port, 10)
        sender = threading.Thread(target=send_all, args=(channel,))
        sender.start()
        received = bytearray()
        try:
            while len(received) < len(expected):
                chunk = channel.recv(65536)
                assert chunk, f"EOF after {len(received)} bytes"
                received += chunk
        finally:
            sender.join(10)
            channel.close()
        assert bytes(received) == expected


def test_a_silent_server_fails_a_read_in_time_and_close_wakes_a_reader(
    tls_server: tuple[int, threading.Event],
) -> None:
    port, _stop = tls_server
    channel = tls_channel(port, 0.3)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        channel.recv(10)
    assert time.monotonic() - started < 2
    assert not channel.recv_ready()
    channel.sendall(b"ping")
    assert channel.recv(10) == b"ping"

    channel.settimeout(None)  # a reader that would wait forever
    outcome: list[object] = []

    def read() -> None:
        try:
            outcome.append(channel.recv(10))
        except OSError as exc:  # the socket closed under it: an error, or b""
            outcome.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    time.sleep(0.2)
    channel.close()
    reader.join(5)
    assert not reader.is_alive()
    assert outcome == [b""] or isinstance(outcome[0], OSError)


def test_the_upgrade_request_carries_the_client_headers_and_no_line_break() -> None:
    request = upgrade_request("lxd", "/1.0/instances/c1/sftp", "sftp", {"Authorization": "B x"})
    assert request == (
        b"GET /1.0/instances/c1/sftp HTTP/1.1\r\nHost: lxd\r\nUpgrade: sftp\r\n"
        b"Connection: Upgrade\r\nAuthorization: B x\r\n\r\n"
    )
    with pytest.raises(ValueError, match="line break"):
        upgrade_request("lxd", "/1.0/x", "sftp", {"X-A": "1\r\nX-B: 2"})
