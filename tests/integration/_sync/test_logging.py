# Generated from tests/integration/_async/test_logging.py by tools/unasync.py: do not edit, edit the source.
"""Logging at DEBUG on a real daemon: one line per request, websockets opened and closed,
operations waited on at INFO, and never a secret — every secret the server handed out
(websocket secrets, trust tokens) or the client sent (tokens, passwords, its key) is looked
for in everything pylxd logged, through trust over HTTPS, exec, console and events."""

from __future__ import annotations

import base64
import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest

from pylxd import Client

from .instance_helpers import make_instance


def secrets_in(value: Any, key: str = "") -> set[str]:
    """Every string in a response body held under a secret-sounding key (``secret``,
    ``fds`` of an exec or console operation, ``token``, ``password``)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            found |= secrets_in(v, f"{key}.{k}")  # under "fds": "fds.control"
    elif isinstance(value, list):
        for v in value:
            found |= secrets_in(v, key)
    elif isinstance(value, str) and value and re.search("secret|fds|token|password", key):
        found.add(value)
    return found


def spy_on_bodies(client: Client) -> list[bytes]:
    """Keep the body of every response the client receives (where the secrets come from)."""
    bodies: list[bytes] = []
    original = client._transport.request

    def request(method: str, url: str, **options: Any) -> Any:
        response = original(method, url, **options)
        bodies.append(response.content)
        return response

    client._transport.request = request  # type: ignore[method-assign]
    return bodies


def handed_out(bodies: list[bytes]) -> set[str]:
    found: set[str] = set()
    for body in bodies:
        try:
            found |= secrets_in(json.loads(body))
        except ValueError:
            continue
    return found


def assert_no_secret(text: str, secrets: set[str]) -> None:
    assert secrets, "the test saw no secret at all: it would prove nothing"
    leaked = {secret for secret in secrets if secret in text}
    assert not leaked, f"logged secrets: {leaked}"
    # A websocket's secret is in its URL: only ever shown masked.
    assert not re.search(r"secret=(?!\*\*\*)", text), text


def captured(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{r.name} {r.levelname} {r.getMessage()}" for r in caplog.records)


def test_https_trust_with_a_token_logs_no_secret(
    caplog, https_url, client_cert, trust_token
) -> None:
    caplog.set_level(logging.DEBUG, logger="pylxd")
    with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        bodies = spy_on_bodies(client)
        client.authenticate(trust_token)
        assert client.trusted
        client.api.instances.get()
    text = captured(caplog)
    assert re.search(
        r"pylxd\.http DEBUG POST /1\.0/certificates -> 201 in [\d.]+ ms, \d+ bytes", text
    )
    assert re.search(r"GET /1\.0 -> 200 in [\d.]+ ms, \d+ bytes", text)
    key = Path(client_cert[1]).read_text()
    cert_body = "".join(Path(client_cert[0]).read_text().splitlines()[1:-1])
    token = json.loads(base64.b64decode(trust_token))
    secrets = {trust_token, token["secret"], *handed_out(bodies), *key.splitlines()[1:-1]}
    assert_no_secret(text, {*secrets, cert_body[:64]})


def test_trust_password_is_never_logged(
    caplog, https_url, client_cert, trust_password
) -> None:
    caplog.set_level(logging.DEBUG, logger="pylxd")
    with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        client.authenticate(trust_password)
        assert client.trusted
    text = captured(caplog)
    assert "POST /1.0/certificates" in text
    assert_no_secret(text, {trust_password})


def test_exec_console_and_events_log_websockets_without_secrets(
    caplog, instance_name, image_alias
) -> None:
    caplog.set_level(logging.DEBUG, logger="pylxd")
    with Client() as client:
        bodies = spy_on_bodies(client)
        container = make_instance(client, instance_name, image_alias, start=True)
        result = container.execute(["cat"], stdin_payload="logged-stdin")
        assert result.stdout == "logged-stdin"
        with container.console.open() as session:
            session.send("\r")
        with client.events():
            pass  # opened on entry, closed on exit
        container.stop(wait=True)
    text = captured(caplog)
    websocket = r"/1\.0/operations/[\w-]+/websocket\?secret=\*\*\*"
    assert len(re.findall(rf"pylxd\.websocket DEBUG opened {websocket}", text)) >= 6  # 4 + 2
    assert re.search(rf"pylxd\.websocket DEBUG closed {websocket}: ", text)
    assert re.search(r"pylxd\.websocket DEBUG opened /1\.0/events", text)
    assert re.search(
        r"pylxd\.operations INFO waited [\d.]+ s on operation \S+ \(Executing command\): Success",
        text,
    )
    assert re.search(r"pylxd\.operations INFO waited .*Stopping instance", text)
    assert_no_secret(text, handed_out(bodies))
    # The output and the input of the command are the program's business, not the log's.
    assert "logged-stdin" not in text


def test_silent_by_default(caplog) -> None:
    # No level set: the pylxd logger inherits WARNING, and nothing is said below it.
    caplog.set_level(logging.WARNING)
    with Client() as client:
        client.api.get()
    assert [r for r in caplog.records if r.name.startswith("pylxd")] == []
    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("pylxd").handlers)
