"""The instance slice on real containers: create, start, exec, edit, stop, delete."""

from __future__ import annotations

import time

import pytest

from pylxd.aio.models import Container, Instance
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


async def test_lifecycle_create_start_execute_stop_delete(
    instance_name, image_alias, client
) -> None:
    instance = await client.instances.create(image_config(instance_name, image_alias), wait=True)
    assert instance.name == instance_name
    assert instance.status == "Stopped"
    assert instance.location is None  # LXD's "none" off a cluster, as old pylxd reads it
    assert await client.instances.exists(instance_name)

    await instance.start(wait=True)
    assert instance.status == "Running"

    result = await instance.execute(["sh", "-c", "echo out; echo err >&2; exit 3"])
    assert result == (3, "out\n", "err\n")
    assert result.exit_code == 3

    await instance.stop(wait=True)
    assert instance.status == "Stopped"

    await instance.delete(wait=True)
    assert not await client.instances.exists(instance_name)
    with pytest.raises(NotFound):
        await client.instances.get(instance_name)


async def test_in_place_edit_is_dirty_rollback_undoes_save_persists(
    instance_name, image_alias, client
) -> None:
    config = image_config(instance_name, image_alias, config={"user.pylxd": "before"})
    instance = await client.instances.create(config, wait=True)
    assert not instance.dirty

    instance.config.update({"user.pylxd": "edited"})
    assert instance.dirty
    await instance.rollback()
    assert not instance.dirty
    assert instance.config["user.pylxd"] == "before"

    instance.config["user.pylxd"] = "saved"
    assert instance.dirty
    await instance.save(wait=True)
    assert not instance.dirty
    fresh = await client.instances.get(instance_name)
    assert fresh.config["user.pylxd"] == "saved"

    instance.description = "set by assignment"
    assert instance.dirty
    await instance.save(wait=True)
    assert (await client.instances.get(instance_name)).description == "set by assignment"


async def test_all_returns_complete_objects_in_one_request(
    instance_name, image_alias, client
) -> None:
    await client.instances.create(image_config(instance_name, image_alias), wait=True)
    instances = await client.instances.all()
    mine = [i for i in instances if i.name == instance_name]
    assert len(mine) == 1
    assert mine[0].config is not None and mine[0].status == "Stopped"
    assert all(isinstance(i, Instance) for i in instances)
    containers = await client.containers.all()
    assert instance_name in [c.name for c in containers]
    assert all(isinstance(c, Container) and c.type == "container" for c in containers)
    assert await client.virtual_machines.all() == []
    names = [i.name for i in await client.instances.all(recursion=0)]
    assert instance_name in names


async def test_execute_stdin_bytes_handlers_and_user(instance_name, image_alias, client) -> None:
    instance = await client.instances.create(image_config(instance_name, image_alias), wait=True)
    await instance.start(wait=True)

    result = await instance.execute(["cat"], stdin_payload="piped in\n")
    assert result == (0, "piped in\n", "")

    binary = await instance.execute(["printf", "\\377\\000"], decode=False)
    assert binary.stdout == b"\xff\x00"

    seen: list[str] = []
    handled = await instance.execute(["sh", "-c", "seq 1 3"], stdout_handler=seen.append)
    assert handled.stdout == "" and "".join(seen) == "1\n2\n3\n"

    as_user = await instance.execute(["id", "-u"], user=1000, group=1000, cwd="/tmp")
    assert as_user.stdout.strip() == "1000"

    env = await instance.execute(["sh", "-c", "echo $PYLXD"], environment={"PYLXD": "yes"})
    assert env.stdout == "yes\n"

    big = await instance.execute(["sh", "-c", "head -c 3000000 /dev/zero"], decode=False)
    assert len(big.stdout) == 3000000

    with pytest.raises(TypeError):
        await instance.execute("echo not a list")  # type: ignore[arg-type]

    await instance.stop(wait=True)
    with pytest.raises(LXDAPIException, match="(?i)not running"):
        await instance.execute(["true"])


async def test_execute_big_stdin_echoed_back_and_a_missing_command(
    instance_name, image_alias, client
) -> None:
    instance = await client.instances.create(image_config(instance_name, image_alias), wait=True)
    await instance.start(wait=True)
    payload = bytes(range(256)) * 20_000  # 5 MB in and out at once: no deadlock
    echoed = await instance.execute(["cat"], stdin_payload=payload, decode=False)
    assert echoed.exit_code == 0 and echoed.stdout == payload
    unread = await instance.execute(["true"], stdin_payload=b"z" * 2_000_000)
    assert unread.exit_code == 0
    with pytest.raises(OperationFailed, match="(?i)not found"):
        await instance.execute(["/no/such/command"])


async def test_execute_timeout_kills_the_process(instance_name, image_alias, client) -> None:
    instance = await client.instances.create(image_config(instance_name, image_alias), wait=True)
    await instance.start(wait=True)
    started = time.monotonic()
    with pytest.raises(TransportTimeout):
        await instance.execute(["sleep", "30"], timeout=1)
    assert time.monotonic() - started < 5
    processes = await instance.execute(["ps"])
    assert "sleep 30" not in processes.stdout


async def test_create_from_a_missing_image_raises_the_servers_error(instance_name, client) -> None:
    with pytest.raises(LXDAPIException) as caught:
        config = image_config(instance_name, "no-such-alias-pylxd")
        await client.instances.create(config, wait=True)
    # The server's own words (LXD names the alias; Incus says the image is missing).
    assert caught.value.error and str(caught.value) == caught.value.error
    assert "image" in caught.value.error.lower() or "no-such-alias" in caught.value.error


async def test_bad_arguments_get_clear_errors(client) -> None:
    with pytest.raises(TypeError, match="config must be a dict"):
        await client.instances.create("not a config")  # type: ignore[arg-type]
    with pytest.raises(LXDAPIException, match="Invalid instance name"):
        await client.instances.get("a/b")
    with pytest.raises(InvalidName):  # refused before any request: it would be read as a path
        await client.instances.get("..")
    with pytest.raises(TypeError):
        await client.instances.all(fields="state")  # type: ignore[arg-type]


async def test_operations_list_and_get(client) -> None:
    operations = await client.operations.all()
    assert isinstance(operations, list)
    with pytest.raises(NotFound):
        await client.operations.get("00000000-0000-0000-0000-000000000000")
