"""200 exec / file / event cycles on a real daemon leave no file descriptor, thread or
ResourceWarning behind (each cycle: an events stream opened, a command run, its operation
event read, a file put and read back, the stream closed)."""

from __future__ import annotations

import gc
import os
import threading
import uuid
import warnings

import pytest

from pylxd.aio import Client, EventType

from .instance_helpers import make_instance

pytestmark = pytest.mark.integration

CYCLES = 200


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def threads() -> int:
    return len(os.listdir("/proc/self/task"))  # every thread, ours or a library's


async def cycle(client: Client, instance, index: int) -> None:
    async with client.events(event_types={EventType.Operation}) as events:
        result = await instance.execute(["echo", str(index)])
        assert result.stdout == f"{index}\n"
        assert await events.recv(10) is not None
    payload = uuid.uuid4().hex.encode()
    await instance.files.put("/tmp/cycle", payload)
    assert await instance.files.get("/tmp/cycle") == payload


async def test_no_fd_thread_or_warning_growth(instance_name, image_alias) -> None:
    async with Client() as client:
        instance = await make_instance(client, instance_name, image_alias, start=True)
        try:
            await cycle(client, instance, -1)  # warm: kept-alive connections, imports
            gc.collect()
            before = (open_fds(), threads(), threading.active_count())
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                for index in range(CYCLES):
                    await cycle(client, instance, index)
                gc.collect()
            after = (open_fds(), threads(), threading.active_count())
        finally:
            await instance.stop(wait=True)
    print(
        f"\nRESOURCES after {CYCLES} cycles: fds {before[0]} -> {after[0]}, "
        f"threads {before[1]} -> {after[1]} (Python's {before[2]} -> {after[2]}), "
        f"warnings {len(caught)}"
    )
    assert [str(w.message) for w in caught] == []
    assert after[0] <= before[0] + 2  # at most a kept-alive connection more
    assert after[1] <= before[1] and after[2] <= before[2]
