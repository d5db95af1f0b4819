# Generated from tests/fake/_async/test_network_operations.py by tools/unasync.py: do not edit, edit the source.
"""A newer LXD (``storage_and_network_operations``) answers network writes with background
operations: every write is waited on, even with ``wait=False``, so the change is made
when the call returns. Neither daemon here has the extension: a fake LXD plays one."""

from __future__ import annotations

from pylxd import Client
from tests.fake.conftest import HOST_INFO, send_json, sync_envelope

NETWORK = {
    "name": "br1",
    "description": "",
    "type": "bridge",
    "config": {"ipv4.address": "none"},
    "managed": True,
    "used_by": [],
    "status": "Created",
    "locations": ["none"],
}
DONE = {"id": "op", "status": "Success", "status_code": 200, "err": "", "metadata": None}


def async_envelope(op: str) -> dict[str, object]:
    return {
        "type": "async",
        "status": "Operation created",
        "status_code": 100,
        "operation": f"/1.0/operations/{op}",
        "metadata": {**DONE, "id": op, "status": "Running", "status_code": 103},
    }


def serve_operations(fake_lxd, *writes: tuple[str, str, str]) -> None:
    fake_lxd.routes[("GET", "/1.0")] = lambda h: send_json(
        h,
        200,
        sync_envelope(
            {
                **HOST_INFO,
                "api_extensions": ["network", "network_acl", "storage_and_network_operations"],
            }
        ),
    )
    fake_lxd.routes[("GET", "/1.0/networks/br1")] = lambda h: send_json(
        h, 200, sync_envelope(NETWORK)
    )
    for method, path, op in writes:
        fake_lxd.routes[(method, path)] = lambda h, op=op: send_json(h, 202, async_envelope(op))
        fake_lxd.routes[("GET", f"/1.0/operations/{op}/wait")] = lambda h, op=op: send_json(
            h, 200, sync_envelope({**DONE, "id": op})
        )


def waited(fake_lxd) -> list[str]:
    return [path.split("?")[0] for method, path in fake_lxd.requests if path.count("/wait")]


def test_network_writes_are_waited_on_under_the_extension(fake_lxd) -> None:
    serve_operations(
        fake_lxd,
        ("POST", "/1.0/networks", "create"),
        ("PUT", "/1.0/networks/br1", "save"),
        ("POST", "/1.0/networks/br1", "rename"),
        ("DELETE", "/1.0/networks/br1", "delete"),
    )
    with Client(endpoint=fake_lxd.socket_path) as client:
        network = client.networks.create("br1", wait=False)
        assert network.config == {"ipv4.address": "none"}  # complete: the create was waited
        network.description = "edited"
        network.save()
        network.rename("br1")
        network.delete()
    assert waited(fake_lxd) == [
        "/1.0/operations/create/wait",
        "/1.0/operations/save/wait",
        "/1.0/operations/rename/wait",
        "/1.0/operations/delete/wait",
    ]


def test_without_the_extension_wait_false_returns_at_once(fake_lxd) -> None:
    serve_operations(fake_lxd, ("DELETE", "/1.0/networks/br1", "delete"))
    fake_lxd.routes[("GET", "/1.0")] = lambda h: send_json(
        h, 200, sync_envelope({**HOST_INFO, "api_extensions": ["network"]})
    )
    with Client(endpoint=fake_lxd.socket_path) as client:
        network = client.networks.get("br1")
        network.delete()
        assert waited(fake_lxd) == []
        network.delete(wait=True)
        assert waited(fake_lxd) == ["/1.0/operations/delete/wait"]
