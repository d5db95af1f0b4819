"""One client shared: by threads (blocking) and by tasks (asyncio)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

import pylxd
import pylxd.aio

pytestmark = pytest.mark.integration


def test_threads_share_one_blocking_client() -> None:
    with pylxd.Client() as client:

        def work(_: int) -> list[int]:
            return [client.api.get().status_code for _ in range(20)]

        with ThreadPoolExecutor(max_workers=8) as pool:
            results = [code for codes in pool.map(work, range(8)) for code in codes]
    assert results == [200] * 160


async def test_tasks_share_one_asyncio_client() -> None:
    async with pylxd.aio.Client() as client:
        responses = await asyncio.gather(*(client.api.instances.get() for _ in range(100)))
    assert [r.status_code for r in responses] == [200] * 100
