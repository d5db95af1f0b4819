"""The docs' resource sections (containers, snapshots, files, networks, the raw
API), run as written with the blocking client: only names are made unique and the image is
the local ``busybox``. Where an example cannot run here, the test pins what refuses it and
says why (the docs themselves, LXD, or this environment: no NIC in the test daemons'
default profile, no CRIU, no ``lxdbr0``); nothing of ours is among them. The introductory
sections are ``test_docs_examples.py``; the other resources' examples are in the
``_async`` tests named for them (images, profiles, storage, events, migration, cluster).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pylxd import Client
from pylxd.exceptions import LXDAPIException, NotFound, OperationFailed
from tests.integration.conftest import IMAGE_ALIAS, delete_instance, unique_name

pytestmark = pytest.mark.integration


@pytest.fixture
def container(admin: Client) -> Iterator:
    """A running busybox container, deleted afterwards."""
    name = unique_name("docsres")
    config = {"name": name, "source": {"type": "image", "alias": IMAGE_ALIAS}}
    made = admin.containers.create(config, wait=True)
    made.start(wait=True)
    yield made
    delete_instance(admin, name)


def settle(client: Client, name: str) -> None:
    """Wait until no operation of the docs' un-waited calls still runs on ``name``."""
    for _ in range(50):
        running = [
            op
            for op in client.api.operations.get().json()["metadata"].get("running", [])
            if name in str(client.api.operations[op.rsplit("/", 1)[-1]].get().json())
        ]
        if not running:
            return
        time.sleep(0.1)


def test_create_with_limits_start_freeze_delete_as_written(admin: Client) -> None:
    client = admin
    name = unique_name("docsres")
    # The docs' line misses a comma before 'config' (a SyntaxError as printed); with it:
    config = {
        "name": name,
        "source": {"type": "image", "alias": IMAGE_ALIAS},
        "config": {"limits.cpu": "2"},
    }
    try:
        container = client.containers.create(config, wait=True)
        assert container.start() is None  # none of the three waits (wait=False)
        assert container.freeze() is None
        assert container.delete() is None
        settle(client, name)
        # LXD ran them in the background, in an order of its own: the delete is refused
        # when the start came first (the docs' sequence needs wait=True to delete).
        if client.containers.exists(name):
            assert client.containers.get(name).status in ("Running", "Frozen")
    finally:
        with contextlib.suppress(LXDAPIException):
            client.containers.get(name).unfreeze(wait=True)
        delete_instance(admin, name)


def test_state_network_addresses(container) -> None:
    network = container.state().network
    # The test daemons' default profile has no NIC: only lo, so ['eth0'] is a KeyError
    # here; where a profile gives eth0, its addresses are the docs' list of dicts.
    if "eth0" not in network:
        assert set(network) == {"lo"}
        return
    addresses = network["eth0"]["addresses"]
    assert {"family", "address", "netmask", "scope"} <= set(addresses[0])


def test_raw_interactive_execute(container) -> None:
    res = container.raw_interactive_execute(["/bin/bash"])
    assert set(res) == {"name", "ws", "control"} and res["name"] == container.name
    assert res["ws"].startswith("/1.0/operations/") and "secret=" in res["control"]


def test_snapshots_as_written(container) -> None:
    container.snapshots.create("an-snapshot", wait=True)
    snapshot = container.snapshots.get("an-snapshot")
    assert isinstance(snapshot.created_at, str) and snapshot.created_at[:2] == "20"
    snapshot.rename("backup-snapshot", wait=True)
    assert [s.name for s in container.snapshots.all()] == ["backup-snapshot"]
    snapshot.delete(wait=True)
    assert container.snapshots.all() == []
    # "Your LXD requires a relatively recent version of CRIU for this": none here (LXD
    # says CRIU is not installed; Incus first wants migration.stateful on the instance).
    with pytest.raises(OperationFailed, match="CRIU|migration.stateful"):
        container.snapshots.create("my-backup", stateful=True, wait=True)


def test_files_as_written(container, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("my-script").write_text("#!/bin/sh\necho hi\n")
    with open("my-script") as f:  # the docs leave their files open
        filedata = f.read()
    container.files.put("/tmp/my-script", filedata)
    with pytest.raises(NotFound):  # the docs get my-script2, which they never put
        container.files.get("/tmp/my-script2")
    newfiledata = container.files.get("/tmp/my-script")
    with open("my-script2", "wb") as f:
        assert f.write(newfiledata) == len(filedata)
    assert Path("my-script2").read_text() == filedata


def test_network_lxdbr0_and_a_profile_nic_on_it(admin: Client) -> None:
    # The test daemons have no lxdbr0 (tests make their own bridges, unaddressed:
    # tests/integration/_async/test_network.py runs the rest of the section on one).
    with pytest.raises(NotFound):
        admin.networks.get("lxdbr0")
    name = unique_name("docsres")
    profile = admin.profiles.create(name)
    try:
        profile.devices.update(
            {"eth0": {"parent": "lxdbr0", "nictype": "bridged", "type": "nic", "name": "eth0"}}
        )
        profile.save()  # LXD checks the parent only when an instance uses the profile
        assert admin.profiles.get(name).devices["eth0"]["parent"] == "lxdbr0"
    finally:
        profile.delete()


def test_raw_api_as_written() -> None:
    api = Client().api
    response = api.get()
    # The docs print them with Python 2's print statement; the calls are the same.
    assert response.status_code == 200 and response.json()["metadata"]["api_version"] == "1.0"
    name = unique_name("docsres")  # the docs' 'test': an instance nobody made
    with pytest.raises(NotFound):
        api.instances[name].get().json()
