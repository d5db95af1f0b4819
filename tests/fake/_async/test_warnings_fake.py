"""Warnings acknowledged and deleted, against the fake server (the real daemons' warnings
belong to everyone, so the integration tests never delete one)."""

from __future__ import annotations

import json

import pytest

from pylxd.aio import Client
from pylxd.exceptions import NotFound
from tests.fake.conftest import send_json, sync_envelope

UUID = "0b1c2d3e-0000-4000-8000-000000000001"
WARNING = {
    "uuid": UUID,
    "status": "new",
    "type": "Couldn't find the CGroup blkio.weight",
    "severity": "low",
    "count": 1,
    "first_seen_at": "2026-11-27T19:07:24Z",
    "last_seen_at": "2026-11-27T19:07:24Z",
    "last_message": "disk priority will be ignored",
    "location": "none",
    "project": "",
    "entity_url": "",
}


async def test_acknowledge_reset_and_delete(fake_lxd) -> None:
    path = f"/1.0/warnings/{UUID}"
    fake_lxd.routes[("GET", "/1.0/warnings")] = lambda h: send_json(
        h, 200, sync_envelope([WARNING])
    )
    fake_lxd.routes[("GET", path)] = lambda h: send_json(h, 200, sync_envelope(WARNING))
    fake_lxd.routes[("PUT", path)] = lambda h: send_json(h, 200, sync_envelope({}))
    fake_lxd.routes[("DELETE", path)] = lambda h: send_json(h, 200, sync_envelope({}))
    async with Client(endpoint=fake_lxd.socket_path) as client:
        [warning] = await client.warnings.all()
        assert warning.last_message == "disk priority will be ignored"
        await warning.acknowledge()
        assert warning.status == "acknowledged" and not warning.dirty
        await warning.reset()
        await warning.delete()
    sent = [
        (method, url, body)
        for (method, url), body in zip(fake_lxd.requests, fake_lxd.bodies, strict=True)
        if method in ("PUT", "DELETE")
    ]
    assert [(m, u) for m, u, _ in sent] == [("PUT", path), ("PUT", path), ("DELETE", path)]
    assert [json.loads(b) for _, _, b in sent[:2]] == [
        {"status": "acknowledged"},
        {"status": "new"},
    ]
    assert ("GET", "/1.0/warnings?recursion=1") in fake_lxd.requests


async def test_a_missing_warning(fake_lxd) -> None:
    async with Client(endpoint=fake_lxd.socket_path) as client:
        assert not await client.warnings.exists(UUID)
        with pytest.raises(NotFound, match="not found"):
            await client.warnings.get(UUID)
