"""Fixtures for tests against the real LXD that scripts/lxd-daemon brings up.

These tests fail (never skip) when the daemon is not there: CI must have started it.
"""

from __future__ import annotations

import os
import ssl
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from pylxd import Client
from pylxd.exceptions import NotFound
from tests.certs import make_cert
from tests.integration.image_server import ImageServer, serve_images

IMAGE_ALIAS = os.environ.get("PYLXD_IMAGE_ALIAS", "busybox")
HTTPS_ADDRESS = os.environ.get("PYLXD_HTTPS_ADDRESS", "127.0.0.1:8443")


def unique_name(prefix: str = "it") -> str:
    """A name no other test (or run) uses."""
    return f"pylxd-{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="session")
def admin() -> Iterator[Client]:
    """A blocking client on the local socket, for setup and cleanup."""
    with Client() as client:
        yield client


@pytest.fixture
def image_alias() -> str:
    return IMAGE_ALIAS


@pytest.fixture
def https_url() -> str:
    return f"https://{HTTPS_ADDRESS}"


@pytest.fixture
def https_host_url() -> str:
    """The HTTPS endpoint by a name the server certificate does not carry (its names are
    the host name, 127.0.0.1 and ::1)."""
    host, port = HTTPS_ADDRESS.rsplit(":", 1)
    return f"https://{'localhost' if host == '127.0.0.1' else host}:{port}"


@pytest.fixture
def server_cert_file(tmp_path: Path) -> str:
    """The server's own certificate, to pin."""
    host, port = HTTPS_ADDRESS.rsplit(":", 1)
    path = tmp_path / "server.crt"
    path.write_text(ssl.get_server_certificate((host, int(port))))
    return str(path)


def fingerprint(cert_path: str) -> str:
    import hashlib

    with open(cert_path) as f:
        return hashlib.sha256(ssl.PEM_cert_to_DER_cert(f.read())).hexdigest()


@pytest.fixture
def client_cert(tmp_path: Path, admin: Client) -> Iterator[tuple[str, str]]:
    """A new client certificate; removed from the trust store afterwards."""
    pair = make_cert(tmp_path, unique_name("cert"))
    yield pair
    try:
        admin.api.certificates[fingerprint(pair[0])].delete()
    except NotFound:
        pass


@pytest.fixture
def trust_password(admin: Client) -> Iterator[str]:
    """A trust password set on the server for this test only."""
    if admin.is_incus:
        pytest.skip("Incus has no trust passwords (core.trust_password), only tokens")
    password = uuid.uuid4().hex
    admin.api.patch(json={"config": {"core.trust_password": password}})
    yield password
    admin.api.patch(json={"config": {"core.trust_password": ""}})


@pytest.fixture
def trust_token(admin: Client) -> Iterator[str]:
    """A one-time trust token, as ``lxc config trust add`` makes; revoked if unused."""
    from pylxd._core.tokens import encode_trust_token

    name = unique_name("token")
    response = admin.api.certificates.post(json={"type": "client", "token": True, "name": name})
    meta = response.json()["metadata"]["metadata"]
    yield encode_trust_token(name, meta["fingerprint"], meta["addresses"], meta["secret"])
    try:
        operation = admin.operations.get(response.json()["operation"])
    except NotFound:
        return  # used, and already forgotten by LXD
    if operation.status == "Running":  # not used by the test
        admin.operations.cancel(operation.id)


def delete_instance(admin: Client, name: str) -> None:
    """Stop and delete an instance if it still exists (test cleanup)."""
    try:
        instance = admin.instances.get(name)
    except NotFound:
        return
    if instance.status != "Stopped":
        instance.stop(force=True, wait=True)
    instance.delete(wait=True)


@pytest.fixture
def instance_name(admin: Client) -> Iterator[str]:
    """A unique instance name; whatever instance carries it is deleted afterwards."""
    name = unique_name()
    yield name
    delete_instance(admin, name)


SECOND_SOCKET = os.environ.get("PYLXD_SECOND_SOCKET", "/var/tmp/pylxd-second/lxd/unix.socket")
SECOND_HTTPS_ADDRESS = os.environ.get("PYLXD_SECOND_HTTPS_ADDRESS", "127.0.0.2:8443")


@pytest.fixture(scope="session")
def second_admin() -> Iterator[Client]:
    """A blocking client on the second LXD (scripts/lxd-second), for cross-server tests."""
    with Client(endpoint=SECOND_SOCKET) as client:
        yield client


@pytest.fixture(scope="session")
def image_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ImageServer]:
    """An image server on loopback (simplestreams over HTTPS, a direct URL over HTTP)."""
    server = serve_images(tmp_path_factory.mktemp("image-server"))
    yield server
    server.close()


def delete_image(client: Client, fingerprint: str) -> None:
    """Delete an image if it still exists (test cleanup; only images the test made)."""
    try:
        client.api.images[fingerprint].get()
    except NotFound:
        return
    client.images.get(fingerprint).delete(wait=True)


@pytest.fixture
def made_images(admin: Client) -> Iterator[list[str]]:
    """Fingerprints of images a test makes on the main server; deleted afterwards."""
    fingerprints: list[str] = []
    yield fingerprints
    for fingerprint in fingerprints:
        delete_image(admin, fingerprint)
