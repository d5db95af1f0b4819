# Generated from tests/fake/_async/test_cross_server_pull.py by tools/unasync.py: do not edit, edit the source.
"""Another server pulls from this one (instance, volume and image copies): when the
destination refuses, the source's offer is cancelled, so nothing waits on a pull that will
not come. Two fake servers play the source and the destination."""

from __future__ import annotations

from pathlib import Path

import pytest

from pylxd import Client
from pylxd.exceptions import BadRequest
from tests.fake.conftest import HOST_INFO, FakeLXD, send_json, sync_envelope

SOURCE_INFO = {
    **HOST_INFO,
    "environment": {
        **HOST_INFO["environment"],  # type: ignore[dict-item]
        "addresses": ["127.0.0.1:8443"],
        "certificate": "CERT",
    },
    "api_extensions": ["projects", "storage"],
}
DEST_INFO = {**SOURCE_INFO, "environment": {**SOURCE_INFO["environment"], "certificate": "OTHER"}}
INSTANCE = {
    "name": "c1",
    "type": "container",
    "status": "Stopped",
    "status_code": 102,
    "config": {"volatile.base_image": "abc"},
    "devices": {},
    "profiles": ["default"],
    "ephemeral": False,
    "architecture": "x86_64",
    "description": "",
}
VOLUME = {"name": "v1", "type": "custom", "content_type": "filesystem", "config": {}, "pool": "p"}
IMAGE = {"fingerprint": "f" * 64, "public": False, "auto_update": False, "aliases": []}


def offering(op: str) -> dict[str, object]:
    return {
        "type": "async",
        "status": "Operation created",
        "status_code": 100,
        "operation": f"/1.0/operations/{op}",
        "metadata": {
            "id": op,
            "status": "Running",
            "status_code": 103,
            "metadata": {"control": "s1", "fs": "s2", "secret": "s3"},
        },
    }


def refuse(handler) -> None:
    send_json(handler, 400, {"type": "error", "error_code": 400, "error": "refused here"})


@pytest.fixture
def servers(tmp_path: Path):
    with FakeLXD(tmp_path / "src.socket") as source, FakeLXD(tmp_path / "dst.socket") as dest:
        source.routes[("GET", "/1.0")] = lambda h: send_json(h, 200, sync_envelope(SOURCE_INFO))
        dest.routes[("GET", "/1.0")] = lambda h: send_json(h, 200, sync_envelope(DEST_INFO))
        source.routes[("DELETE", "/1.0/operations/offer")] = lambda h: send_json(
            h, 200, sync_envelope({})
        )
        for path in ("/1.0/instances", "/1.0/storage-pools/p/volumes", "/1.0/images"):
            dest.routes[("POST", path)] = refuse
        yield source, dest


def cancelled(source: FakeLXD) -> bool:
    return ("DELETE", "/1.0/operations/offer") in source.requests


def test_an_instance_copy_the_destination_refuses_cancels_the_source(servers) -> None:
    source, dest = servers
    source.routes[("GET", "/1.0/instances/c1")] = lambda h: send_json(
        h, 200, sync_envelope(INSTANCE)
    )
    source.routes[("POST", "/1.0/instances/c1")] = lambda h: send_json(h, 202, offering("offer"))
    with Client(source.socket_path) as here, Client(dest.socket_path) as there:
        instance = here.instances.get("c1")
        with pytest.raises(BadRequest, match="refused here"):
            instance.copy(client=there)
    assert cancelled(source)
    assert b"https://127.0.0.1:8443/1.0/operations/offer" in dest.bodies[-1]


def test_a_volume_copy_the_destination_refuses_cancels_the_source(servers) -> None:
    source, dest = servers
    source.routes[("GET", "/1.0/storage-pools/p")] = lambda h: send_json(
        h, 200, sync_envelope({"name": "p", "driver": "dir", "config": {}})
    )
    source.routes[("GET", "/1.0/storage-pools/p/volumes/custom/v1")] = lambda h: send_json(
        h, 200, sync_envelope(VOLUME)
    )
    source.routes[("POST", "/1.0/storage-pools/p/volumes/custom/v1")] = lambda h: send_json(
        h, 202, offering("offer")
    )
    with Client(source.socket_path) as here, Client(dest.socket_path) as there:
        pool = here.storage_pools.get("p")
        volume = pool.volumes.get("custom", "v1")
        with pytest.raises(BadRequest, match="refused here"):
            volume.copy(client=there)
    assert cancelled(source)
    assert b"https://127.0.0.1:8443/1.0/operations/offer" in dest.bodies[-1]


def test_a_private_image_copy_the_destination_refuses_cancels_the_secret(servers) -> None:
    source, dest = servers
    fingerprint = IMAGE["fingerprint"]
    source.routes[("GET", f"/1.0/images/{fingerprint}")] = lambda h: send_json(
        h, 200, sync_envelope(IMAGE)
    )
    source.routes[("POST", f"/1.0/images/{fingerprint}/secret")] = lambda h: send_json(
        h, 202, offering("offer")
    )
    with Client(source.socket_path) as here, Client(dest.socket_path) as there:
        image = here.images.get(fingerprint)
        with pytest.raises(BadRequest, match="refused here"):
            image.copy(there, wait=True)
    assert cancelled(source)
    assert b'"secret": "s3"' in dest.bodies[-1]


def test_a_source_on_no_network_address_starts_nothing(servers) -> None:
    source, dest = servers
    source.routes[("GET", "/1.0")] = lambda h: send_json(h, 200, sync_envelope(HOST_INFO))
    source.routes[("GET", "/1.0/instances/c1")] = lambda h: send_json(
        h, 200, sync_envelope(INSTANCE)
    )
    with Client(source.socket_path) as here, Client(dest.socket_path) as there:
        instance = here.instances.get("c1")
        with pytest.raises(ValueError, match="local client connection"):
            instance.copy(client=there)
    assert not [r for r in source.requests if r[0] == "POST"]
