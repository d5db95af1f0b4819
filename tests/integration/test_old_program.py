"""An old pylxd program: the blocking client used only the way upstream's users (and its
own integration suite) used it — managers, models, ``client.api`` with raw bodies, the
upstream exceptions — never anything this package added. Runs on LXD and on Incus.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator

import pytest

import pylxd
from pylxd import exceptions
from tests.integration.conftest import IMAGE_ALIAS, delete_instance, unique_name

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def client() -> Iterator[pylxd.Client]:
    client = pylxd.Client()  # never closed: old programs did not close their clients
    yield client


def _machine(client: pylxd.Client, name: str) -> dict[str, object]:
    """A container definition as upstream's test harness writes one."""
    return {
        "name": name,
        "architecture": client.host_info["environment"]["architectures"][0],
        "profiles": ["default"],
        "ephemeral": False,
        "config": {"limits.cpu": "1"},
        "source": {"type": "image", "alias": IMAGE_ALIAS},
    }


@pytest.fixture
def container(client: pylxd.Client) -> Iterator[object]:
    name = unique_name("old")
    container = client.containers.create(_machine(client, name), wait=True)
    yield container
    delete_instance(client, name)


def test_server_and_extensions(client: pylxd.Client) -> None:
    assert client.trusted
    assert client.has_api_extension("container_exec_recording") in (True, False)
    assert client.has_api_extension("instances")
    assert not client.has_api_extension("not_an_extension")
    client.assert_has_api_extension("instances")
    with pytest.raises(exceptions.LXDAPIExtensionNotAvailable) as caught:
        client.assert_has_api_extension("not_an_extension")
    assert "not_an_extension" in str(caught.value)
    assert isinstance(client.host_info["api_extensions"], list)
    assert client.api.get().json()["metadata"]["api_version"] == "1.0"
    assert isinstance(client.resources["cpu"]["total"], int)


def test_container_lifecycle(client: pylxd.Client, container: object) -> None:
    from pylxd.models import Container

    name = container.name  # type: ignore[attr-defined]
    assert client.containers.exists(name)
    assert isinstance(client.containers.get(name), Container)
    assert name in [c.name for c in client.containers.all()]
    assert name in [i.name for i in client.instances.all()]
    same = client.containers.get(name)
    assert same == container and same.status == "Stopped"
    same.start(wait=True)
    assert same.status == "Running"
    state = same.state()
    assert state.status == "Running" and state.status_code == 103
    assert state.pid > 0 and state.processes >= 1
    assert "usage" in state.memory
    same.freeze(wait=True)
    assert same.status == "Frozen"
    same.unfreeze(wait=True)
    assert same.status == "Running"
    same.restart(wait=True)
    assert same.status == "Running"
    same.stop(wait=True)
    assert same.status == "Stopped"
    same.description = "old program"
    same.save(wait=True)
    assert client.containers.get(name).description == "old program"
    new_name = unique_name("old-renamed")
    try:
        same.rename(new_name, wait=True)
        assert same.name == new_name and client.containers.exists(new_name)
        assert not client.containers.exists(name)
        same.delete(wait=True)
        assert not client.containers.exists(new_name)
    finally:
        delete_instance(client, new_name)


def test_execute_and_files(client: pylxd.Client, container: object) -> None:
    c = client.containers.get(container.name)  # type: ignore[attr-defined]
    c.start(wait=True)
    result = c.execute(["echo", "hello"])
    exit_code, stdout, stderr = result
    assert (exit_code, stdout, stderr) == (0, "hello\n", "")
    assert result.exit_code == 0 and result.stdout == "hello\n"
    assert c.execute(["sh", "-c", "exit 3"]).exit_code == 3
    assert c.execute(["cat"], stdin_payload="piped").stdout == "piped"
    assert c.execute(["env"], environment={"OLD": "yes"}).stdout.count("OLD=yes") == 1

    c.files.put("/tmp/old.txt", "some text")
    assert c.files.get("/tmp/old.txt") == b"some text"
    c.files.put("/tmp/old.bin", b"\x00\x01\x02", mode=0o600)
    assert c.files.get("/tmp/old.bin") == b"\x00\x01\x02"
    assert c.execute(["stat", "-c", "%a", "/tmp/old.bin"]).stdout.strip() == "600"
    with tempfile.NamedTemporaryFile("w", delete=False) as local:
        local.write("from a file object")
    try:
        with open(local.name) as f:
            c.files.put("/tmp/old-from-file", f.read())
    finally:
        os.unlink(local.name)
    assert c.files.get("/tmp/old-from-file") == b"from a file object"
    c.files.mk_dir("/tmp/old-dir")
    c.files.put("/tmp/old-dir/inner", b"x")
    if c.files.delete_available():
        c.files.delete("/tmp/old.txt")
        with pytest.raises(exceptions.NotFound):
            c.files.get("/tmp/old.txt")
    with pytest.raises(exceptions.LXDAPIException):
        c.files.get("/no/such/file")


def test_snapshots(client: pylxd.Client, container: object) -> None:
    c = client.containers.get(container.name)  # type: ignore[attr-defined]
    c.files.put("/root/marker", b"before")
    snapshot = c.snapshots.create("snap0", wait=True)
    assert snapshot.name == "snap0"
    assert [s.name for s in c.snapshots.all()] == ["snap0"]
    assert c.snapshots.get("snap0").name == "snap0"
    c.files.put("/root/marker", b"after")
    c.restore_snapshot("snap0", wait=True)
    assert c.files.get("/root/marker") == b"before"
    c.files.put("/root/marker", b"after again")
    c.snapshots.get("snap0").restore(wait=True)
    assert c.files.get("/root/marker") == b"before"
    snapshot.rename("snap1", wait=True)
    assert [s.name for s in c.snapshots.all()] == ["snap1"]
    with pytest.raises(exceptions.NotFound):
        c.snapshots.get("snap0")
    c.snapshots.get("snap1").delete(wait=True)
    assert c.snapshots.all() == []


def test_publish_and_images(client: pylxd.Client, container: object) -> None:
    busybox = client.images.get_by_alias(IMAGE_ALIAS)
    assert client.images.exists(busybox.fingerprint)
    assert client.images.exists(IMAGE_ALIAS, alias=True)
    assert busybox.fingerprint in [i.fingerprint for i in client.images.all()]
    assert client.images.get(busybox.fingerprint[:12]) == busybox
    c = client.containers.get(container.name)  # type: ignore[attr-defined]
    image = c.publish(wait=True)
    try:
        assert client.images.exists(image.fingerprint)
        alias = unique_name("old-alias")
        image.add_alias(alias, "an alias")
        assert client.images.get_by_alias(alias).fingerprint == image.fingerprint
        image.delete_alias(alias)
        assert not client.images.exists(alias, alias=True)
        image.properties["old"] = "yes"
        image.public = False
        image.save()
        assert client.images.get(image.fingerprint).properties["old"] == "yes"
        with image.export() as exported:
            data = exported.read()
        assert len(data) > 0
    finally:
        image.delete(wait=True)
    assert not client.images.exists(image.fingerprint)
    reimported = client.images.create(io.BytesIO(data), public=False, wait=True)
    try:
        assert reimported.fingerprint == image.fingerprint
    finally:
        reimported.delete(wait=True)


def test_profiles(client: pylxd.Client) -> None:
    name = unique_name("old-profile")
    profile = client.profiles.create(
        name, config={"limits.memory": "256MB"}, devices={}, description="old"
    )
    new_name = unique_name("old-profile2")
    try:
        assert client.profiles.exists(name)
        assert client.profiles.get(name).config == {"limits.memory": "256MB"}
        profile.config["limits.cpu"] = "1"
        profile.save()
        assert client.profiles.get(name).config["limits.cpu"] == "1"
        with pytest.raises(exceptions.LXDAPIException):
            client.profiles.create(name)
        profile.rename(new_name)
        assert client.profiles.exists(new_name) and not client.profiles.exists(name)
        client.profiles.get(new_name).delete()
        assert not client.profiles.exists(new_name)
    finally:
        for each in (name, new_name):
            if client.profiles.exists(each):
                client.profiles.get(each).delete()


def test_networks(client: pylxd.Client) -> None:
    """Read-only: bridge CRUD is tests/integration/*/test_network.py's (each bridge made
    and deleted is a chance for a concurrent run's bridge delete to race on Incus, which
    inspects every host link while deleting one)."""
    networks = client.networks.all()
    assert networks and all(client.networks.exists(n.name) for n in networks[:3])
    loopback = client.networks.get("lo")
    assert loopback.managed is False and loopback.type == "loopback"
    assert loopback.state().type == "loopback"
    with pytest.raises(exceptions.NotFound):
        client.networks.get("pylxd-old-no-such-network")


def test_storage(client: pylxd.Client, pool_name: str) -> None:
    pool = client.storage_pools.get(pool_name)
    assert pool.driver == "dir" and client.storage_pools.exists(pool_name)
    assert pool_name in [p.name for p in client.storage_pools.all()]
    assert pool.resources.get().space["used"] >= 0
    volume_name = unique_name("old-vol")
    volume = pool.volumes.create({"name": volume_name, "type": "custom", "config": {}})
    assert pool.volumes.get("custom", volume_name).name == volume_name
    assert volume_name in [v.name for v in pool.volumes.all()]
    volume.config["user.old"] = "yes"
    volume.save()
    assert pool.volumes.get("custom", volume_name).config["user.old"] == "yes"
    volume.delete()
    with pytest.raises(exceptions.NotFound):
        pool.volumes.get("custom", volume_name)


def test_raw_api_like_upstreams_own_harness(client: pylxd.Client) -> None:
    """``client.api`` with raw JSON and operation ids, as upstream's test harness does —
    through ``/1.0/containers``, which Incus only has as ``/1.0/instances``."""
    lxd = client.api
    name = unique_name("old-raw")
    response = lxd["containers"].post(json=_machine(client, name))
    assert response.status_code == 202
    operation_uuid = response.json()["operation"].split("/")[-1]
    try:
        lxd.operations[operation_uuid].wait.get()
        assert client.operations.get(operation_uuid).status == "Success"
        assert lxd.containers[name].get().json()["metadata"]["name"] == name
        assert f"/1.0/instances/{name}" in lxd.instances.get().json()["metadata"]
        state = lxd.containers[name].state.put(json={"action": "start", "timeout": 30})
        client.operations.wait_for_operation(state.json()["operation"])
        assert client.containers.get(name).status == "Running"
        stop = lxd.containers[name].state.put(json={"action": "stop", "timeout": 30, "force": True})
        lxd.operations[stop.json()["operation"].split("/")[-1]].wait.get()
        deleted = lxd.containers[name].delete()
        client.operations.wait_for_operation(deleted.json()["operation"])
    finally:
        delete_instance(client, name)
    with pytest.raises(exceptions.NotFound):
        lxd.containers[name].get()


def test_errors_are_upstreams(client: pylxd.Client, container: object) -> None:
    with pytest.raises(exceptions.NotFound):
        client.containers.get("pylxd-old-no-such-container")
    assert client.containers.exists("pylxd-old-no-such-container") is False
    c = client.containers.get(container.name)  # type: ignore[attr-defined]
    with pytest.raises(exceptions.LXDAPIException) as caught:  # the name is taken
        client.containers.create(
            {"name": c.name, "source": {"type": "image", "alias": IMAGE_ALIAS}}, wait=True
        )
    assert str(caught.value)  # LXD's words, printable (upstream #576)
    with pytest.raises(exceptions.LXDAPIException):  # not running
        c.stop(wait=True)
    with pytest.raises(exceptions.ClientConnectionFailed):
        pylxd.Client(endpoint="/nonexistent/unix.socket")
