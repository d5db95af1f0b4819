"""What only the blocking client has (upstream's properties that fetch on access)."""

from __future__ import annotations

import pytest

from pylxd import Client

pytestmark = pytest.mark.integration


def test_resources_property_is_fetched_once() -> None:
    with Client() as client:
        resources = client.resources
        assert resources["cpu"]["total"] >= 1 and "memory" in resources
        assert client.resources is resources
        assert client.server.resources() is resources
