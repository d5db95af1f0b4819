# Generated from tests/faults/_async/test_concurrent_writers.py by tools/unasync.py: do not edit, edit the source.
"""Concurrent writers against the real daemon: two objects (or two processes) editing the
same profile, instance, network, project, pool, volume or ACL. The second save raises
ConcurrentModification carrying the server's object and the unsaved edits, and keeps them;
force=True overwrites; sync() then save() keeps both sides. Nothing is lost silently."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pylxd._drivers.sync.flavour import sleep
from pylxd import Client
from pylxd.exceptions import ConcurrentModification, NotFound
from tests.integration.conftest import unique_name

pytestmark = pytest.mark.integration

Getter = Callable[[Client, str], Awaitable[Any]]


@dataclass
class Kind:
    """How to make, fetch (one GET, or from a listing) and remove one kind of object."""

    make: Callable[[Client, str], Awaitable[None]]
    get: Getter
    listed: Getter
    remove: Callable[[Client, str], Awaitable[None]]


def listed(manager: Any, name: str) -> Any:
    return next(obj for obj in manager.all() if obj.name == name)


def make_instance(client: Client, name: str) -> None:
    source = {"type": "image", "alias": os.environ.get("PYLXD_IMAGE_ALIAS", "busybox")}
    client.instances.create({"name": name, "source": source}, wait=True)


def make_network(client: Client, name: str) -> None:
    config = {"ipv4.address": "none", "ipv6.address": "none"}
    client.networks.create(name[:15], type="bridge", config=config)


def make_pool(client: Client, name: str) -> None:
    source = tempfile.mkdtemp(prefix="pylxd-writers-")
    os.chmod(source, 0o711)
    client.storage_pools.create({"name": name, "driver": "dir", "config": {"source": source}})


def remove_pool(client: Client, name: str) -> None:
    pool = client.storage_pools.get(name)
    source = pool.config["source"]
    pool.delete()
    os.rmdir(source)


def make_volume(client: Client, name: str) -> None:
    make_pool(client, name)
    pool = client.storage_pools.get(name)
    pool.volumes.create({"name": "v", "type": "custom", "config": {}})


def get_volume(client: Client, name: str) -> Any:
    return (client.storage_pools.get(name)).volumes.get("custom", "v")


def listed_volume(client: Client, name: str) -> Any:
    return next(v for v in (client.storage_pools.get(name)).volumes.all())


def remove_volume(client: Client, name: str) -> None:
    (get_volume(client, name)).delete()
    remove_pool(client, name)


def remove_named(manager: Any, name: str) -> None:
    (manager.get(name)).delete()


KINDS: dict[str, Kind] = {
    "profile": Kind(
        lambda c, n: c.profiles.create(n),
        lambda c, n: c.profiles.get(n),
        lambda c, n: listed(c.profiles, n),
        lambda c, n: remove_named(c.profiles, n),
    ),
    "instance": Kind(
        make_instance,
        lambda c, n: c.instances.get(n),
        lambda c, n: listed(c.instances, n),
        lambda c, n: remove_named(c.instances, n),
    ),
    "network": Kind(
        make_network,
        lambda c, n: c.networks.get(n[:15]),
        lambda c, n: listed(c.networks, n[:15]),
        lambda c, n: remove_named(c.networks, n[:15]),
    ),
    "project": Kind(
        lambda c, n: c.projects.create(n),
        lambda c, n: c.projects.get(n),
        lambda c, n: listed(c.projects, n),
        lambda c, n: remove_named(c.projects, n),
    ),
    "network ACL": Kind(
        lambda c, n: c.network_acls.create(n),
        lambda c, n: c.network_acls.get(n),
        lambda c, n: listed(c.network_acls, n),
        lambda c, n: remove_named(c.network_acls, n),
    ),
    # No ETag on LXD 5.0.2 (Incus has one): save() compares a fresh read instead.
    "storage pool": Kind(
        make_pool,
        lambda c, n: c.storage_pools.get(n),
        lambda c, n: listed(c.storage_pools, n),
        remove_pool,
    ),
    "storage volume": Kind(make_volume, get_volume, listed_volume, remove_volume),
}


@pytest.fixture
def client() -> Iterator[Client]:
    with Client() as client:
        yield client


@pytest.fixture(params=list(KINDS))
def made(request: pytest.FixtureRequest, client: Client) -> Iterator[tuple[Kind, str]]:
    kind = KINDS[request.param]
    name = unique_name("cw")[:24]
    kind.make(client, name)
    try:
        yield kind, name
    finally:
        kind.remove(client, name)


@pytest.mark.parametrize("second_from", ["get", "all"])
def test_the_second_save_raises_with_both_sides_and_keeps_its_edits(
    client: Client, made: tuple[Kind, str], second_from: str
) -> None:
    kind, name = made
    first = kind.get(client, name)
    second = (kind.get if second_from == "get" else kind.listed)(client, name)
    first.description = "first"
    first.save(wait=True)

    second.description = "second"
    with pytest.raises(ConcurrentModification) as caught:
        second.save(wait=True)
    error = caught.value
    assert error.status_code == 412
    assert error.current is not None and error.current["description"] == "first"
    assert error.pending == {"description": "second"}
    assert second.dirty and second.description == "second"  # the edit is kept
    assert (kind.get(client, name)).description == "first"  # nothing was written

    second.save(wait=True, force=True)  # overwrite, knowingly
    assert not second.dirty
    assert (kind.get(client, name)).description == "second"


def test_sync_then_save_keeps_both_sides(client: Client, made: tuple[Kind, str]) -> None:
    kind, name = made
    first, second = kind.get(client, name), kind.listed(client, name)
    first.config["user.first"] = "1"
    first.save(wait=True)
    second.config["user.second"] = "2"
    with pytest.raises(ConcurrentModification):
        second.save(wait=True)
    second.sync()  # the server's values, the local edit replayed on them
    second.save(wait=True)
    config = (kind.get(client, name)).config
    assert (config["user.first"], config["user.second"]) == ("1", "2")


def test_saving_twice_is_no_conflict(client: Client, made: tuple[Kind, str]) -> None:
    kind, name = made
    obj = kind.get(client, name)
    for value in ("one", "two", "three"):
        obj.description = value
        obj.save(wait=True)  # after a save the ETag is unknown: read, compare, PUT
    assert (kind.get(client, name)).description == "three"


@pytest.mark.parametrize("started_by", ["another object", "itself, not waiting"])
def test_a_start_is_no_conflict(client: Client, started_by: str) -> None:
    """A start moves an instance's ``volatile.*`` keys (and so its ETag): a save after it
    is not refused for that, and sends the server's volatile keys, not stale ones."""
    name = unique_name("cw")
    make_instance(client, name)
    instance = client.instances.get(name)
    try:
        if started_by == "another object":
            (client.instances.get(name)).start(wait=True)
        else:
            instance.start()  # the object is not read again
            wait_for_operations_on(client, name)  # LXD refuses an update meanwhile
        instance.config["user.after-start"] = "yes"
        instance.save(wait=True)
        fresh = client.instances.get(name)
        assert fresh.config["user.after-start"] == "yes"
        assert fresh.status == "Running"
        assert fresh.config.get("volatile.last_state.power") == "RUNNING"
    finally:
        instance.stop(wait=True)
        instance.delete(wait=True)


def wait_for_operations_on(client: Client, name: str) -> None:
    for operation in client.operations.all():
        urls = [url for urls in (operation.resources or {}).values() for url in urls]
        if operation.status == "Running" and any(url.endswith(f"/{name}") for url in urls):
            client.operations.wait_for_operation(operation.id)


# Each process fetches the profile, says it is ready, waits for its "go", then saves its
# own key; on a conflict it says so, then sync()s and saves again (nothing may be lost).
# The text is rewritten for the blocking flavour with this file: ``main()`` is then a
# plain function, and runs in the flavour the test runs in.
WRITER = """
import asyncio, inspect, json, os, sys, time
from pylxd._drivers.sync.flavour import sleep
from pylxd import Client
from pylxd.exceptions import ConcurrentModification

def main():
    name, key, ready, go = sys.argv[1:5]
    with Client() as client:
        profile = client.profiles.get(name)
        open(ready, "w").close()
        while not os.path.exists(go):
            time.sleep(0.005)
        profile.config[key] = "set"
        try:
            profile.save()
            print(json.dumps({"key": key, "conflict": False}))
        except ConcurrentModification as exc:
            profile.sync()
            profile.save()
            print(json.dumps({"key": key, "conflict": True, "pending": exc.pending,
                              "current": exc.current["config"]}))

result = main()
if inspect.iscoroutine(result):
    asyncio.run(result)
"""


def test_two_processes_one_conflict_no_lost_change(client: Client, tmp_path: Path) -> None:
    """Both processes read the profile, then save one after the other (LXD checks
    ``If-Match`` before it writes, not atomically with the write: two ``PUT`` sent in the
    same instant can both pass; see docs/design.md)."""
    name = unique_name("cw")
    client.profiles.create(name)
    keys = ("user.a", "user.b")
    try:
        writers = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, name, key, str(tmp_path / key), go(tmp_path, key)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=Path(__file__).resolve().parents[3],
            )
            for key in keys
        ]
        deadline = time.monotonic() + 60
        while not all((tmp_path / key).exists() for key in keys):  # both have read it
            assert time.monotonic() < deadline, "the writers never got ready"
            assert all(w.poll() is None for w in writers), writers[0].communicate()
            sleep(0.01)
        outputs = []
        for key, writer in zip(keys, writers, strict=True):
            Path(go(tmp_path, key)).touch()
            outputs.append(writer.communicate(timeout=60))
        assert [w.returncode for w in writers] == [0, 0], outputs
        first, second = (json.loads(out) for out, _err in outputs)
        assert not first["conflict"]
        assert second["conflict"]  # refused: the profile changed since it read it
        assert second["pending"] == {"config": {"user.b": "set"}}
        assert second["current"] == {"user.a": "set"}  # what the server had then
        config = (client.profiles.get(name)).config
        assert config == {"user.a": "set", "user.b": "set"}  # no change lost
    finally:
        (client.profiles.get(name)).delete()


def go(directory: Path, key: str) -> str:
    return str(directory / f"go-{key}")


def test_a_missing_object_is_not_found_not_a_conflict(client: Client) -> None:
    name = unique_name("cw")
    profile = client.profiles.create(name)
    (client.profiles.get(name)).delete()
    profile.description = "too late"
    with pytest.raises(NotFound):
        profile.save()
