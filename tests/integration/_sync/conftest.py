# Generated from tests/integration/_async/conftest.py by tools/unasync.py: do not edit, edit the source.
"""Fixtures of the ``_async`` integration tests (generated into ``_sync`` like them)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pylxd import Client


@pytest.fixture
def client() -> Iterator[Client]:
    """A client on the local daemon's socket, closed after the test."""
    with Client() as client:
        yield client
