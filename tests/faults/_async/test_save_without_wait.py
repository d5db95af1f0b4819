"""save(wait=False) never claims a change LXD may still refuse: the object stays dirty (its
``pending_save`` the operation) until the operation is seen to succeed; a refusal is raised
by the operation and leaves the edits in place. Against the real daemon: LXD accepts a
disk device with a missing source on a running container, then fails the update."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest

from pylxd.aio import Client
from pylxd.aio.models import Instance
from pylxd.exceptions import OperationFailed
from tests.integration.conftest import unique_name

pytestmark = pytest.mark.integration

BAD_DISK = {"type": "disk", "source": "/nonexistent/pylxd-refused", "path": "/mnt/refused"}


@pytest.fixture
async def client() -> AsyncIterator[Client]:
    async with Client() as client:
        yield client


@pytest.fixture
async def running(client: Client) -> AsyncIterator[Instance]:
    source = {"type": "image", "alias": os.environ.get("PYLXD_IMAGE_ALIAS", "busybox")}
    name = unique_name("nowait")
    instance = await client.instances.create({"name": name, "source": source}, wait=True)
    await instance.start(wait=True)
    try:
        yield instance
    finally:
        await instance.stop(wait=True)
        await instance.delete(wait=True)


async def test_a_refused_change_stays_dirty_and_the_operation_says_why(
    client: Client, running: Instance
) -> None:
    instance = await client.instances.get(running.name)
    instance.devices["refused"] = dict(BAD_DISK)
    operation = await instance.save(wait=False)
    assert operation is not None
    assert instance.dirty and instance.pending_save is operation  # not claimed saved
    with pytest.raises(OperationFailed, match="Missing source path"):  # LXD's own text
        await operation.wait()
    assert instance.pending_save is None
    assert instance.dirty and instance.devices["refused"] == BAD_DISK  # the edit is kept
    assert "refused" not in (await client.instances.get(running.name)).devices

    del instance.devices["refused"]  # fixed: the same object saves again
    instance.description = "accepted"
    operation = await instance.save(wait=False)
    assert operation is not None and instance.dirty
    await operation.wait()
    assert not instance.dirty and instance.pending_save is None
    assert (await client.instances.get(running.name)).description == "accepted"


async def test_a_save_waits_for_the_pending_one_first(client: Client, running: Instance) -> None:
    instance = await client.instances.get(running.name)
    instance.config["user.first"] = "1"
    first = await instance.save(wait=False)
    assert first is not None and instance.dirty
    instance.config["user.second"] = "2"  # edited again while the first is applied
    await instance.save(wait=True)  # waits for the first, then sends both
    assert instance.pending_save is None and not instance.dirty
    config = (await client.instances.get(running.name)).config
    assert (config["user.first"], config["user.second"]) == ("1", "2")


async def test_a_refused_save_with_wait_raises_and_keeps_the_edits(
    client: Client, running: Instance
) -> None:
    instance = await client.instances.get(running.name)
    instance.devices["refused"] = dict(BAD_DISK)
    with pytest.raises(OperationFailed, match="Missing source path"):
        await instance.save(wait=True)
    assert instance.dirty and "refused" in instance.devices and instance.pending_save is None


async def test_an_answer_without_operation_is_saved_at_once(client: Client) -> None:
    name = unique_name("nowait")
    profile = await client.profiles.create(name)
    try:
        profile.description = "at once"
        assert await profile.save(wait=False) is None  # LXD answered synchronously
        assert not profile.dirty and profile.pending_save is None
    finally:
        await profile.delete()
