"""Fixtures of the ``_async`` integration tests (generated into ``_sync`` like them)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from pylxd.aio import Client


@pytest.fixture
async def client() -> AsyncIterator[Client]:
    """A client on the local daemon's socket, closed after the test."""
    async with Client() as client:
        yield client
