"""Fleets: act on many instances at once, with bounded concurrency.

    .venv/bin/python examples/fleet.py [COUNT]     # against the local LXD (scripts/lxd-daemon)

Creates COUNT containers from the busybox image, starts them, runs a command in each,
then stops and deletes them — eight at a time, on one event loop. Each step returns one
result per instance (its value, or the exception it raised): one failure cancels nothing,
so the script reports it and goes on with the rest. ``pylxd.fleet.Fleet`` is the same for
the blocking client (a thread pool).
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
import uuid

from pylxd.aio import Client
from pylxd.aio.fleet import Fleet, FleetResult

IMAGE = os.environ.get("PYLXD_IMAGE_ALIAS", "busybox")


def report(step: str, results: list[FleetResult], started: float) -> None:  # type: ignore[type-arg]
    failed = [r for r in results if not r.ok]
    print(
        f"{step:8} {len(results) - len(failed)} ok, {len(failed)} failed "
        f"in {time.perf_counter() - started:.2f} s"
    )
    for result in failed:
        print(f"         {result.name}: {result.error}")


async def main(count: int) -> None:
    prefix = f"fleet-{uuid.uuid4().hex[:6]}"
    names = [f"{prefix}-{i}" for i in range(count)]
    async with Client() as client:
        fleet = Fleet(client, concurrency=8)
        try:
            t = time.perf_counter()
            configs = [{"name": n, "source": {"type": "image", "alias": IMAGE}} for n in names]
            created = await fleet.create(configs)
            report("create", created, t)
            instances = [r.value for r in created if r.ok]

            t = time.perf_counter()
            report("start", await fleet.start(instances), t)

            t = time.perf_counter()
            results = await fleet.execute(
                instances, ["sh", "-c", "echo $(hostname) up $(cat /proc/uptime)"]
            )
            report("exec", results, t)
            for result in results[:3]:
                if result.ok:
                    print(f"         {result.name}: {result.value.stdout.strip()}")

            t = time.perf_counter()
            report("stop", await fleet.stop(instances), t)
        finally:
            t = time.perf_counter()
            # force: whatever is still running is stopped first; missing ones just fail.
            report("delete", await fleet.delete(names, force=True), t)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10))
