"""The docs' introductory examples, run as written with the blocking client.

Sections "Getting started/Client", "Querying LXD", "pylxd Objects" (the lifecycle:
sync/save/delete/rollback, dirty), "A note about asynchronous operations",
"UserWarning … PYLXD_WARNINGS" and "Client Authentication" of
``/work/shared/reference/pylxd-docs.txt``. Only names are made unique, the image is the
local ``busybox`` alias, and host addresses are the test daemon's. Runs on LXD and on Incus
(scripts/test runs tests/integration twice).
"""

from __future__ import annotations

import subprocess
import time
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from pylxd import Client
from pylxd.exceptions import ClientConnectionFailed, LXDAPIException, NotFound
from tests.integration.conftest import (
    HTTPS_ADDRESS,
    IMAGE_ALIAS,
    delete_instance,
    fingerprint,
    unique_name,
)

pytestmark = pytest.mark.integration

HTTP_ENDPOINT = f"http://{HTTPS_ADDRESS}"  # the docs write http://10.0.0.1:8443


@pytest.fixture
def container_name(admin: Client) -> Iterator[str]:
    """A container made from busybox with the docs' config, deleted afterwards."""
    name = unique_name("docs")
    admin.containers.create(
        {
            "name": name,
            "source": {"type": "image", "alias": IMAGE_ALIAS},
            "config": {"security.privileged": True},  # as the docs show it, a bool
        },
        wait=True,
    )
    yield name
    delete_instance(admin, name)


# -- Getting started: Client ---------------------------------------------------------------


def test_client_on_the_local_socket() -> None:
    from pylxd import Client

    client = Client()
    assert client.host_info["api_version"] == "1.0"
    assert client.trusted


def test_client_over_https_with_a_cert_tuple(tmp_path: Path, admin: Client) -> None:
    """``Client(endpoint='http://…:8443', cert=(crt, key))``; the docs' note: a self-signed
    server certificate needs ``verify=False``."""
    crt, key = _docs_keypair(tmp_path)
    with pytest.raises(ClientConnectionFailed):  # self-signed: refused with verify=True
        Client(endpoint=HTTP_ENDPOINT, cert=(crt, key))
    client = Client(endpoint=HTTP_ENDPOINT, cert=(crt, key), verify=False)
    assert client.trusted is False
    assert client.host_info["auth"] == "untrusted"


# -- Querying LXD ----------------------------------------------------------------------------


def test_querying_through_the_managers(admin: Client, container_name: str) -> None:
    client = admin
    containers = client.containers.all()
    assert all(type(c).__name__ == "Container" for c in containers)
    assert container_name in [c.name for c in containers]
    # "This includes certificates, containers, images, networks, operations, and profiles."
    for manager in (client.certificates, client.networks, client.profiles):
        assert isinstance(manager.all(), list)
    assert "default" in [p.name for p in client.profiles.all()]


def test_querying_images(admin: Client) -> None:
    assert any(IMAGE_ALIAS in [a["name"] for a in i.aliases] for i in admin.images.all())


def test_pylxd_objects(admin: Client, container_name: str) -> None:
    client = admin
    container = [c for c in client.containers.all() if c.name == container_name][0]
    assert container.name == container_name


# -- the lifecycle: sync, dirty, rollback, save ----------------------------------------------


def test_lifecycle_as_written(admin: Client, container_name: str) -> None:
    container = admin.containers.get(container_name)
    assert container.config["security.privileged"] == "true"  # LXD keeps strings
    container.config.update({"security.nesting": True})
    assert container.dirty is True
    container.rollback()
    assert container.dirty is False
    assert "security.nesting" not in container.config
    assert container.config["security.privileged"] == "true"
    container.config = {"security.privileged": False}
    container.save(wait=True)  # The object is now saved back to LXD
    assert container.dirty is False
    again = admin.containers.get(container_name)
    assert again.config["security.privileged"] == "false"
    assert "volatile.uuid" in again.config  # LXD's own keys survived the replaced config


def test_in_place_edit_saved(admin: Client, container_name: str) -> None:
    container = admin.containers.get(container_name)
    container.config.update({"user.docs": "edited in place"})
    assert container.dirty and container.__dirty__ == {"config"}
    container.save(wait=True)
    assert admin.containers.get(container_name).config["user.docs"] == "edited in place"


def test_sync_fills_a_sparse_object(admin: Client, container_name: str) -> None:
    """``sync()`` is called implicitly when an attribute is not populated yet."""
    from pylxd.models import Container

    sparse = Container(admin, name=container_name)
    assert sparse.status == "Stopped"  # fetched on first read
    assert sparse.config["security.privileged"] == "true"
    sparse.description = "described"
    sparse.sync()  # explicit: local edits survive a sync
    assert sparse.description == "described" and sparse.dirty
    sparse.save(wait=True)
    assert admin.containers.get(container_name).description == "described"


def test_delete_then_not_found(admin: Client, container_name: str) -> None:
    container = admin.containers.get(container_name)
    container.delete(wait=True)
    assert not admin.containers.exists(container_name)
    with pytest.raises(NotFound) as caught:
        admin.containers.get(container_name)
    assert isinstance(caught.value, LXDAPIException)


# -- A note about asynchronous operations ----------------------------------------------------


def test_wait_true_returns_when_done(admin: Client, container_name: str) -> None:
    container = admin.containers.get(container_name)
    container.start(wait=True)
    assert container.status == "Running"
    assert container.state().status == "Running"
    container.stop(wait=True)
    assert container.status == "Stopped"


def test_wait_false_returns_at_once(admin: Client, container_name: str) -> None:
    container = admin.containers.get(container_name)
    assert container.start() is None  # returns before the operation is done
    deadline = time.monotonic() + 30
    while container.state().status != "Running":
        assert time.monotonic() < deadline, "the background start never finished"
        time.sleep(0.1)
    container.stop(wait=True)
    assert container.state().status == "Stopped"


def test_create_wait_false(admin: Client) -> None:
    name = unique_name("docs")
    config = {"name": name, "source": {"type": "image", "alias": IMAGE_ALIAS}}
    try:
        container = admin.containers.create(config, wait=False)
        assert container.name == name
        deadline = time.monotonic() + 60
        while not admin.containers.exists(name):
            assert time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        for operation in admin.operations.all():
            if name in str(operation.resources) and operation.status == "Running":
                admin.operations.wait_for_operation(operation.id)
        if admin.containers.exists(name):
            admin.containers.get(name).delete(wait=True)


# -- UserWarning: Attempted to set unknown attribute … (PYLXD_WARNINGS) ----------------------


def _unknown_attribute_warnings(client: Client, times: int) -> list[str]:
    from pylxd.models import Container

    key = f"x_{uuid.uuid4().hex[:8]}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(times):
            Container(client, name="y", **{key: 1})
    return [
        str(w.message)
        for w in caught
        if issubclass(w.category, UserWarning) and "unknown attribute" in str(w.message)
    ]


def test_unknown_attribute_warns_once_by_default(
    admin: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PYLXD_WARNINGS", raising=False)
    messages = _unknown_attribute_warnings(admin, 3)
    assert len(messages) == 1
    assert messages[0].startswith('Attempted to set unknown attribute "x_')
    assert messages[0].endswith('on instance of "Container"')


def test_pylxd_warnings_none(admin: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYLXD_WARNINGS", "none")
    assert _unknown_attribute_warnings(admin, 3) == []


def test_pylxd_warnings_always(admin: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYLXD_WARNINGS", "always")
    assert len(_unknown_attribute_warnings(admin, 3)) == 3


# -- Client Authentication -------------------------------------------------------------------


def _docs_keypair(directory: Path) -> tuple[str, str]:
    """The docs' two openssl commands (``-subj`` added so they need no terminal)."""
    subject = ["-subj", f"/CN={unique_name('docs-cert')}"]
    subprocess.run(
        ["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "lxd.key"]
        + ["-out", "lxd.csr", *subject],
        cwd=directory,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["openssl", "x509", "-signkey", "lxd.key", "-in", "lxd.csr", "-req", "-days", "365"]
        + ["-out", "lxd.crt"],
        cwd=directory,
        check=True,
        capture_output=True,
    )
    return str(directory / "lxd.crt"), str(directory / "lxd.key")


@pytest.fixture
def docs_keypair(
    tmp_path: Path, admin: Client, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, str]]:
    """``lxd.crt``/``lxd.key`` in the working directory (the docs' relative paths); removed
    from the trust store afterwards."""
    pair = _docs_keypair(tmp_path)
    monkeypatch.chdir(tmp_path)
    yield pair
    try:
        admin.api.certificates[fingerprint(pair[0])].delete()
    except NotFound:
        pass


def test_authenticate_with_the_trust_password(
    docs_keypair: tuple[str, str], trust_password: str
) -> None:
    from pylxd import Client

    client = Client(endpoint=HTTP_ENDPOINT, cert=("lxd.crt", "lxd.key"), verify=False)
    assert client.trusted is False
    client.authenticate(trust_password)
    assert client.trusted is True
    assert isinstance(client.containers.all(), list)  # and it can now do what it is trusted to


def test_authenticate_with_a_trust_token(docs_keypair: tuple[str, str], trust_token: str) -> None:
    client = Client(endpoint=HTTP_ENDPOINT, cert=("lxd.crt", "lxd.key"), verify=False)
    assert client.trusted is False
    client.authenticate(trust_token)
    assert client.trusted is True


def test_authenticate_with_a_wrong_password(docs_keypair: tuple[str, str], admin: Client) -> None:
    client = Client(endpoint=HTTP_ENDPOINT, cert=("lxd.crt", "lxd.key"), verify=False)
    with pytest.raises(LXDAPIException) as caught:
        client.authenticate("not-the-trust-password")
    assert str(caught.value)  # LXD's own words
    assert client.trusted is False


def test_config_booleans_like_the_docs_write_them(admin: Client) -> None:
    """The docs write config values as Python booleans; LXD takes strings only: every
    create and save sends them as LXD's ``"true"``/``"false"``."""
    name = unique_name("docs-profile")
    profile = admin.profiles.create(name, config={"security.nesting": True, "limits.cpu": 1})
    try:
        assert profile.config == {"security.nesting": "true", "limits.cpu": "1"}
        profile.config = {"security.nesting": False}
        profile.save()
        assert admin.profiles.get(name).config == {"security.nesting": "false"}
    finally:
        profile.delete()
