# Generated from tests/integration/_async/test_instances_interactive.py by tools/unasync.py: do not edit, edit the source.
"""Interactive exec on a real container: raw_interactive_execute as documented, sessions with
and without a PTY (send, recv, resize, signal, wait, with-blocks), stdin from iterables."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest

from pylxd import Client
from pylxd.exceptions import TransportTimeout
from tests.integration.conftest import shared_container

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def container(admin) -> Iterator[str]:
    yield from shared_container(admin, "shell")


def test_raw_interactive_execute_returns_the_documented_urls(container, client) -> None:
    instance = client.instances.get(container)
    res = instance.raw_interactive_execute(["sh", "-c", "read x; exit $x"])
    assert set(res) == {"name", "ws", "control"}
    assert res["name"] == container
    for key in ("ws", "control"):
        assert res[key].startswith("/1.0/operations/") and "/websocket?secret=" in res[key]
    # the URLs work: attach (control first), answer the command, read it to the end
    (control,) = client._websockets([res["control"]])
    (ws,) = client._websockets([res["ws"]])
    try:
        ws.send(b"5\n")
        while ws.recv(10) is not None:
            pass
    finally:
        ws.close()
        control.close()
    operation = res["ws"].split("/websocket")[0]
    finished = client.operations.wait_for_operation(operation, 10)
    assert finished.metadata["return"] == 5


def test_a_shell_session_runs_a_command_is_resized_and_exits_with_its_code(
    container,
    client,
) -> None:
    instance = client.instances.get(container)
    with instance.interactive(["sh"], width=80, height=24) as shell:
        shell.send(b"stty size; echo DONE$((40+2))\n")
        assert b"24 80" in shell.read_until(b"DONE42", timeout=10)
        shell.resize(132, 43)
        shell.send("stty size; echo DONE$((50+1))\n")
        assert b"43 132" in shell.read_until(b"DONE51", timeout=10)
        shell.send(b"exit 7\n")
        assert shell.wait(10) == 7
    assert shell.exit_code == 7


def test_signals_hangups_and_end_of_input(container, client) -> None:
    instance = client.instances.get(container)
    session = instance.interactive(["sleep", "100"])
    session.signal(15)
    assert session.wait(10) == 128 + 15

    with instance.interactive(["sh"]) as shell:
        shell.send(b"echo ready\n")
        shell.read_until(b"ready\r\n", timeout=10)
    assert shell.exit_code == 128 + 1  # leaving the block hung the terminal up (SIGHUP)

    with instance.interactive(["cat"], pty=False) as cat:
        cat.send(b"echoed")
        assert cat.stdout.recv(10) == b"echoed"
    assert cat.exit_code == 0  # without a PTY, leaving the block ends stdin

    with instance.interactive(["sh"]) as shell:
        with pytest.raises(TransportTimeout):
            shell.read_until(b"never printed", timeout=0.5)
        shell.send(b"exit 0\n")
        with pytest.raises(EOFError):
            shell.read_until(b"never printed", timeout=10)


def test_without_a_pty_the_streams_are_separate(container) -> None:
    def stdin():
        yield b"first "
        yield "second"

    with Client() as client:
        instance = client.instances.get(container)
        session = instance.interactive(
            ["sh", "-c", 'cat; echo " $FOO $(pwd) $(id -u)"; echo oops >&2; exit 4'],
            environment={"FOO": "bar"},
            cwd="/tmp",
            user=1000,
            pty=False,
        )
        session.feed(stdin())
        out = b"".join([chunk for chunk in session.stdout])
        assert out == b"first second bar /tmp 1000\n"
        assert session.wait(10) == 4
        assert session.stderr.recv() == b"oops\n"  # unread output survives wait()
        assert session.stderr.recv() == b""


def test_execute_takes_stdin_from_an_async_iterable(container) -> None:
    def chunks():
        for i in range(100):
            yield bytes([65 + i % 26]) * 1000

    with Client() as client:
        instance = client.instances.get(container)
        result = instance.execute(["wc", "-c"], stdin_payload=chunks())
        assert result.exit_code == 0 and result.stdout.strip() == "100000"


def test_stdin_read_late_is_delivered_whole(container) -> None:
    # The process reads its stdin only after longer than the client's connect timeout: the
    # input must wait for it, not be dropped when a send times out.
    payload = os.urandom(4 << 20)
    with Client(timeout=(1, 60)) as client:
        instance = client.instances.get(container)
        result = instance.execute(["sh", "-c", "sleep 2.5; wc -c"], stdin_payload=payload)
        assert result.exit_code == 0 and result.stdout.strip() == str(len(payload))


def test_sessions_over_https_with_a_client_certificate(
    container, https_url, client_cert, trust_token
) -> None:
    with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        client.authenticate(trust_token)
        instance = client.instances.get(container)
        with instance.interactive(["sh"]) as shell:
            shell.resize(100, 30)
            # Output written just before a PTY's last process exits can be lost with the
            # PTY: read it before asking the shell to exit.
            shell.send(b"stty size\n")
            assert b"30 100" in shell.read_until(b"30 100", timeout=10)
            shell.send(b"exit 3\n")
            assert shell.wait(10) == 3
        session = instance.interactive(["sh", "-c", "cat >&2"], pty=False)
        session.feed([json.dumps({"over": "tls"}).encode()])
        assert session.wait(10) == 0
        assert json.loads(session.stderr.recv()) == {"over": "tls"}
