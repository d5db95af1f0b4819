# Generated from tests/integration/_async/test_instances_lifecycle.py by tools/unasync.py: do not edit, edit the source.
"""The instance slice on real containers: create, start, exec, edit, stop, delete."""

from __future__ import annotations

import time

import pytest

from pylxd.models import Container, Instance
from pylxd.exceptions import (
    InvalidName,
    LXDAPIException,
    NotFound,
    OperationFailed,
    TransportTimeout,
)

pytestmark = pytest.mark.integration


def image_config(name: str, alias: str, **extra: object) -> dict[str, object]:
    return {"name": name, "source": {"type": "image", "alias": alias}, **extra}


def test_lifecycle_create_start_execute_stop_delete(
    instance_name, image_alias, client
) -> None:
    instance = client.instances.create(image_config(instance_name, image_alias), wait=True)
    assert instance.name == instance_name
    assert instance.status == "Stopped"
    assert instance.location is None  # LXD's "none" off a cluster, as old pylxd reads it
    assert client.instances.exists(instance_name)

    instance.start(wait=True)
    assert instance.status == "Running"

    result = instance.execute(["sh", "-c", "echo out; echo err >&2; exit 3"])
    assert result == (3, "out\n", "err\n")
    assert result.exit_code == 3

    instance.stop(wait=True)
    assert instance.status == "Stopped"

    instance.delete(wait=True)
    assert not client.instances.exists(instance_name)
    with pytest.raises(NotFound):
        client.instances.get(instance_name)


def test_in_place_edit_is_dirty_rollback_undoes_save_persists(
    instance_name, image_alias, client
) -> None:
    config = image_config(instance_name, image_alias, config={"user.pylxd": "before"})
    instance = client.instances.create(config, wait=True)
    assert not instance.dirty

    instance.config.update({"user.pylxd": "edited"})
    assert instance.dirty
    instance.rollback()
    assert not instance.dirty
    assert instance.config["user.pylxd"] == "before"

    instance.config["user.pylxd"] = "saved"
    assert instance.dirty
    instance.save(wait=True)
    assert not instance.dirty
    fresh = client.instances.get(instance_name)
    assert fresh.config["user.pylxd"] == "saved"

    instance.description = "set by assignment"
    assert instance.dirty
    instance.save(wait=True)
    assert (client.instances.get(instance_name)).description == "set by assignment"


def test_all_returns_complete_objects_in_one_request(
    instance_name, image_alias, client
) -> None:
    client.instances.create(image_config(instance_name, image_alias), wait=True)
    instances = client.instances.all()
    mine = [i for i in instances if i.name == instance_name]
    assert len(mine) == 1
    assert mine[0].config is not None and mine[0].status == "Stopped"
    assert all(isinstance(i, Instance) for i in instances)
    containers = client.containers.all()
    assert instance_name in [c.name for c in containers]
    assert all(isinstance(c, Container) and c.type == "container" for c in containers)
    assert client.virtual_machines.all() == []
    names = [i.name for i in client.instances.all(recursion=0)]
    assert instance_name in names


def test_execute_stdin_bytes_handlers_and_user(instance_name, image_alias, client) -> None:
    instance = client.instances.create(image_config(instance_name, image_alias), wait=True)
    instance.start(wait=True)

    result = instance.execute(["cat"], stdin_payload="piped in\n")
    assert result == (0, "piped in\n", "")

    binary = instance.execute(["printf", "\\377\\000"], decode=False)
    assert binary.stdout == b"\xff\x00"

    seen: list[str] = []
    handled = instance.execute(["sh", "-c", "seq 1 3"], stdout_handler=seen.append)
    assert handled.stdout == "" and "".join(seen) == "1\n2\n3\n"

    as_user = instance.execute(["id", "-u"], user=1000, group=1000, cwd="/tmp")
    assert as_user.stdout.strip() == "1000"

    env = instance.execute(["sh", "-c", "echo $PYLXD"], environment={"PYLXD": "yes"})
    assert env.stdout == "yes\n"

    big = instance.execute(["sh", "-c", "head -c 3000000 /dev/zero"], decode=False)
    assert len(big.stdout) == 3000000

    with pytest.raises(TypeError):
        instance.execute("echo not a list")  # type: ignore[arg-type]

    instance.stop(wait=True)
    with pytest.raises(LXDAPIException, match="(?i)not running"):
        instance.execute(["true"])


def test_execute_big_stdin_echoed_back_and_a_missing_command(
    instance_name, image_alias, client
) -> None:
    instance = client.instances.create(image_config(instance_name, image_alias), wait=True)
    instance.start(wait=True)
    payload = bytes(range(256)) * 20_000  # 5 MB in and out at once: no deadlock
    echoed = instance.execute(["cat"], stdin_payload=payload, decode=False)
    assert echoed.exit_code == 0 and echoed.stdout == payload
    unread = instance.execute(["true"], stdin_payload=b"z" * 2_000_000)
    assert unread.exit_code == 0
    with pytest.raises(OperationFailed, match="(?i)not found"):
        instance.execute(["/no/such/command"])


def test_execute_timeout_kills_the_process(instance_name, image_alias, client) -> None:
    instance = client.instances.create(image_config(instance_name, image_alias), wait=True)
    instance.start(wait=True)
    started = time.monotonic()
    with pytest.raises(TransportTimeout):
        instance.execute(["sleep", "30"], timeout=1)
    assert time.monotonic() - started < 5
    processes = instance.execute(["ps"])
    assert "sleep 30" not in processes.stdout


def test_create_from_a_missing_image_raises_the_servers_error(instance_name, client) -> None:
    with pytest.raises(LXDAPIException) as caught:
        config = image_config(instance_name, "no-such-alias-pylxd")
        client.instances.create(config, wait=True)
    # The server's own words (LXD names the alias; Incus says the image is missing).
    assert caught.value.error and str(caught.value) == caught.value.error
    assert "image" in caught.value.error.lower() or "no-such-alias" in caught.value.error


def test_bad_arguments_get_clear_errors(client) -> None:
    with pytest.raises(TypeError, match="config must be a dict"):
        client.instances.create("not a config")  # type: ignore[arg-type]
    with pytest.raises(LXDAPIException, match="Invalid instance name"):
        client.instances.get("a/b")
    with pytest.raises(InvalidName):  # refused before any request: it would be read as a path
        client.instances.get("..")
    with pytest.raises(TypeError):
        client.instances.all(fields="state")  # type: ignore[arg-type]


def test_operations_list_and_get(client) -> None:
    operations = client.operations.all()
    assert isinstance(operations, list)
    with pytest.raises(NotFound):
        client.operations.get("00000000-0000-0000-0000-000000000000")
