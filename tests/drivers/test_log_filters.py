"""What the ``websockets`` library logs at DEBUG never shows a websocket's secret."""

from __future__ import annotations

import logging

import pytest

from pylxd._drivers.log_filters import LOGGERS, MaskSecrets, mask_secrets
from pylxd._drivers.websocket_rules import WebSocketCore

SECRET = "9f3c1e0b7a4d2c6e8f1a3b5d7c9e0f2a4b6c8d0e1f3a5b7c9d1e3f5a7b9c0d2e"


@pytest.mark.parametrize(
    "text",
    [
        f"> GET /1.0/operations/op/websocket?secret={SECRET} HTTP/1.1",
        f'< TEXT \'{{"secret": "{SECRET}"}}\' [80 bytes]',
        f'< TEXT \'{{"metadata": {{"fds": {{"0": "{SECRET}", "control": "{SECRET}"}}}}}}\'',
        f'< TEXT \'{{"fds": {{"control": "{SECRET[:20]}',  # cut short by the logger
        f"token={SECRET}&project=p",
    ],
)
def test_masked(text: str) -> None:
    masked = mask_secrets(text)
    assert SECRET[:20] not in masked
    assert "***" in masked


def test_the_rest_is_untouched() -> None:
    text = "> GET /1.0/events?project=default&type=operation HTTP/1.1"
    assert mask_secrets(text) == text


def test_installed_on_the_librarys_loggers(caplog) -> None:
    # Importing the websocket rules (pylxd's first websocket) installs the filter.
    for name in LOGGERS:
        assert any(isinstance(f, MaskSecrets) for f in logging.getLogger(name).filters)
    caplog.set_level(logging.DEBUG, logger="websockets")
    WebSocketCore(f"ws://lxd/1.0/operations/op/websocket?secret={SECRET}").handshake_request()
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "websocket?secret=***" in text
    assert SECRET not in text


def test_a_bearer_token_in_a_handshake_header_is_masked() -> None:
    from pylxd._drivers.log_filters import mask_secrets

    assert mask_secrets("> Authorization: Bearer eyJhbGc.eyJzdWI.c2ln") == (
        "> Authorization: Bearer ***"
    )
    assert mask_secrets("> Host: lxd") == "> Host: lxd"
