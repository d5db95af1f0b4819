"""Fixtures for tests against the real LXD that scripts/lxd-daemon brings up.

These tests fail (never skip) when the daemon is not there: CI must have started it.
"""

from __future__ import annotations

import os
import shutil
import ssl
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pylxd import Client
from pylxd._core.tls import certificate_base64
from pylxd.exceptions import LXDAPIException, NotFound
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


def shared_container(admin: Client, prefix: str, start: bool = True) -> Iterator[str]:
    """A container from the test image for a whole module (``yield from`` it in a
    module-scoped fixture): started unless ``start`` is false, deleted afterwards."""
    name = unique_name(prefix)
    instance = admin.instances.create(
        {"name": name, "source": {"type": "image", "alias": IMAGE_ALIAS}}, wait=True
    )
    try:
        if start:
            instance.start(wait=True)
        yield name
    finally:
        delete_instance(admin, name)


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


@pytest.fixture
def trusted_on_both(client_cert, second_admin: Client) -> Iterator[tuple[str, str]]:
    """A client certificate the main server (``client_cert``) and the second one trust."""
    with Client() as admin:
        with open(client_cert[0]) as f:
            body = {"type": "client", "certificate": certificate_base64(f.read())}
        admin.api.certificates.post(json={**body, "name": "pylxd-test-source"})
        second_admin.api.certificates.post(json={**body, "name": "pylxd-test-destination"})
    yield client_cert
    try:
        second_admin.api.certificates[fingerprint(client_cert[0])].delete()
    except NotFound:
        pass


# -- storage: pools and projects made for one test, removed whatever happens ----------------


def _wait(admin: Client, response: Any) -> None:
    body = response.json()
    if body.get("type") == "async":
        admin.operations.wait_for_operation(body["operation"])


def delete_custom_volumes(admin: Client, pool: str, project: str | None = None) -> None:
    """Delete the custom volumes (their snapshots and backups first) of ``pool``, in every
    project or in ``project`` only (test cleanup: only pools and projects a test made)."""
    volumes = admin.api.storage_pools[pool].volumes
    params = {"recursion": 1, "all-projects": True} if project is None else {"recursion": 1}
    node = volumes if project is None else volumes.in_project(project)
    try:
        listing = node.get(params=params).json()["metadata"] or []
    except NotFound:
        return
    for data in listing:
        if data.get("type") != "custom" or "/" in data["name"]:
            continue
        volume = volumes.in_project(data.get("project") or "default").custom[data["name"]]
        for child in ("backups", "snapshots"):
            for url in getattr(volume, child).get().json()["metadata"] or []:
                _wait(admin, getattr(volume, child)[url.rsplit("/", 1)[-1]].delete())
        _wait(admin, volume.delete())


def volume_dir(pool: Any, name: str, project: str = "default") -> Path:
    """Where a ``dir`` pool (``pool``, either flavour's model) keeps a custom volume's files
    on the host."""
    return Path(pool.config["source"]) / "custom" / f"{project}_{name}"


def delete_pool(admin: Client, name: str) -> None:
    """Delete a pool a test made, with whatever volumes are left in it."""
    delete_custom_volumes(admin, name)
    try:
        admin.api.storage_pools[name].delete()
    except NotFound:
        pass


def _dir_pool(admin: Client, tmp_path: Path, prefix: str) -> Iterator[str]:
    name = unique_name(prefix)
    source = tmp_path / name
    source.mkdir()
    admin.api.storage_pools.post(
        json={"name": name, "driver": "dir", "config": {"source": str(source)}}
    )
    try:
        yield name
    finally:
        delete_pool(admin, name)


@pytest.fixture
def pool_name(admin: Client, tmp_path: Path) -> Iterator[str]:
    """A new ``dir`` pool (its source a temporary directory); deleted afterwards."""
    yield from _dir_pool(admin, tmp_path, "pool")


@pytest.fixture
def other_pool_name(admin: Client, tmp_path: Path) -> Iterator[str]:
    """A second new ``dir`` pool, for copies and moves between pools."""
    yield from _dir_pool(admin, tmp_path, "pool2")


@pytest.fixture
def second_pool_name(admin: Client, second_admin: Client, tmp_path: Path) -> Iterator[str]:
    """A new ``dir`` pool on the second LXD, for volumes migrated between servers."""
    if admin.is_incus:
        pytest.skip("the second server is an LXD: there is no second Incus to migrate to")
    yield from _dir_pool(second_admin, tmp_path, "pool-second")


@pytest.fixture
def btrfs_pool_name(admin: Client) -> Iterator[str]:
    """A new ``btrfs`` pool on a 1 GiB loop file; skipped where the server cannot make one."""
    if not shutil.which("mkfs.btrfs"):
        pytest.skip("no btrfs-progs on this machine: the daemons cannot make a btrfs pool")
    name = unique_name("btrfs")
    try:
        admin.api.storage_pools.post(
            json={"name": name, "driver": "btrfs", "config": {"size": "1GiB"}}
        )
    except LXDAPIException as exc:  # no btrfs in the kernel, no loop devices, …
        pytest.skip(f"the daemon cannot make a loop-file btrfs pool here: {exc}")
    try:
        yield name
    finally:
        delete_pool(admin, name)


def delete_project(admin: Client, name: str) -> None:
    """Delete a test project and the instances and custom volumes made in it, if it exists
    (a test that makes profiles in its own project deletes them itself)."""
    if not admin.projects.exists(name):
        return
    for instance in admin.instances.all(project=name):
        if instance.status != "Stopped":
            instance.stop(force=True, wait=True)
        instance.delete(wait=True)
    for url in admin.api.storage_pools.get().json()["metadata"] or []:
        delete_custom_volumes(admin, url.rsplit("/", 1)[-1], project=name)
    admin.projects.get(name).delete()


@pytest.fixture
def project_name(admin: Client) -> Iterator[str]:
    """A new project sharing the default project's images and profiles (so busybox
    instances start in it); deleted afterwards with everything in it."""
    name = unique_name("proj")
    admin.projects.create(name, config={"features.images": "false", "features.profiles": "false"})
    yield name
    delete_project(admin, name)


# -- networks (every bridge made by a test is unaddressed, and removed) --------------------

UNADDRESSED = {"ipv4.address": "none", "ipv6.address": "none"}


def short_name() -> str:
    """A unique name that fits an interface name (15 characters at most)."""
    return f"pyl{uuid.uuid4().hex[:8]}"


@pytest.fixture
def doomed(admin: Client) -> Iterator[list[tuple[str, str]]]:
    """``(collection, name)`` pairs the test may create; each is deleted afterwards (last
    first), whatever happened."""
    items: list[tuple[str, str]] = []
    yield items
    for collection, name in reversed(items):
        try:
            admin.api[collection][name].delete()
        except NotFound:
            pass


@pytest.fixture
def net_name(doomed: list[tuple[str, str]]) -> str:
    """A unique network name; whatever network carries it is deleted afterwards."""
    name = short_name()
    doomed.append(("networks", name))
    return name


@pytest.fixture
def bridge(admin: Client, net_name: str) -> str:
    """An unaddressed bridge of our own, removed afterwards."""
    admin.api.networks.post(json={"name": net_name, "type": "bridge", "config": UNADDRESSED})
    return net_name


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


# -- instances: images they publish, copies on the second server --------------------------


@pytest.fixture
def published(made_images: list[str]) -> list[str]:
    """Fingerprints of images a test published; deleted afterwards (see ``made_images``)."""
    return made_images


@pytest.fixture
def second_instance_name(second_admin: Client) -> Iterator[str]:
    """A unique instance name; deleted afterwards from the main and the second server."""
    name = unique_name("mig")
    yield name
    delete_instance(second_admin, name)
    with Client() as client:
        delete_instance(client, name)
