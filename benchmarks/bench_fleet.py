"""Fleets: 20 containers created, started, exec'd (``true``), stopped and deleted.

    benchmarks/run fleet            # 3 rounds
    benchmarks/run fleet --quick    # 1 round

In the same run, taking turns round by round (the order rotates): the asyncio
:class:`pylxd.aio.fleet.Fleet` (bounded concurrency), the blocking ``pylxd.fleet.Fleet``
(a thread pool), the same work done one instance at a time with the blocking client, and
upstream pylxd 2.4.2 one at a time (its own venv, another process). The reference is the
sequential blocking client: the ratio says how many times faster each one is.
Against the local LXD, with unique names; everything is deleted even on failure.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pylxd import Client  # noqa: E402
from pylxd.aio import Client as AsyncClient  # noqa: E402
from pylxd.aio.fleet import Fleet as AsyncFleet  # noqa: E402
from pylxd.exceptions import NotFound  # noqa: E402
from pylxd.fleet import Fleet  # noqa: E402

UPSTREAM_PYTHON = ROOT / ".bench" / "upstream" / "bin" / "python"
IMAGE = os.environ.get("PYLXD_IMAGE_ALIAS", "busybox")
COUNT = int(os.environ.get("PYLXD_BENCH_FLEET_COUNT", "20"))
CONCURRENCY = int(os.environ.get("PYLXD_BENCH_FLEET_CONCURRENCY", "10"))
PHASES = ("create", "start", "exec", "stop", "delete")

Timings = dict[str, float]

# Upstream pylxd one instance at a time, in its own interpreter: prints each phase's seconds.
UPSTREAM_CODE = """
import json, sys, time
from pylxd import Client
names, image = json.loads(sys.argv[1]), sys.argv[2]
client = Client()
out, instances = {}, []
t = time.perf_counter()
for n in names:
    instances.append(client.instances.create(
        {"name": n, "source": {"type": "image", "alias": image}}, wait=True))
out["create"] = time.perf_counter() - t; t = time.perf_counter()
for i in instances: i.start(wait=True)
out["start"] = time.perf_counter() - t; t = time.perf_counter()
for i in instances: assert i.execute(["true"]).exit_code == 0
out["exec"] = time.perf_counter() - t; t = time.perf_counter()
for i in instances: i.stop(wait=True)
out["stop"] = time.perf_counter() - t; t = time.perf_counter()
for i in instances: i.delete(wait=True)
out["delete"] = time.perf_counter() - t
print(json.dumps(out))
"""


def configs(names: list[str]) -> list[dict[str, object]]:
    return [{"name": n, "source": {"type": "image", "alias": IMAGE}} for n in names]


def sequential(names: list[str]) -> Timings:
    """The blocking client, one instance after the other."""
    out: Timings = {}
    with Client() as client:
        t = time.perf_counter()
        instances = [client.instances.create(c, wait=True) for c in configs(names)]
        out["create"] = time.perf_counter() - t
        t = time.perf_counter()
        for instance in instances:
            instance.start(wait=True)
        out["start"] = time.perf_counter() - t
        t = time.perf_counter()
        for instance in instances:
            assert instance.execute(["true"]).exit_code == 0
        out["exec"] = time.perf_counter() - t
        t = time.perf_counter()
        for instance in instances:
            instance.stop(wait=True)
        out["stop"] = time.perf_counter() - t
        t = time.perf_counter()
        for instance in instances:
            instance.delete(wait=True)
        out["delete"] = time.perf_counter() - t
    return out


def check(results: list) -> list:  # type: ignore[type-arg]
    """Every result's value; the first error is raised (a benchmark must not hide one)."""
    return [r.unwrap() for r in results]


def threaded_fleet(names: list[str]) -> Timings:
    """``pylxd.fleet.Fleet``: the blocking client on a pool of threads."""
    out: Timings = {}
    with Client() as client:
        fleet = Fleet(client, concurrency=CONCURRENCY)
        t = time.perf_counter()
        instances = check(fleet.create(configs(names)))
        out["create"] = time.perf_counter() - t
        for phase, action in (
            ("start", lambda: fleet.start(instances)),
            ("exec", lambda: fleet.execute(instances, ["true"])),
            ("stop", lambda: fleet.stop(instances)),
            ("delete", lambda: fleet.delete(instances)),
        ):
            t = time.perf_counter()
            check(action())
            out[phase] = time.perf_counter() - t
    return out


async def async_fleet(names: list[str]) -> Timings:
    """``pylxd.aio.fleet.Fleet``: tasks on one event loop."""
    out: Timings = {}
    async with AsyncClient() as client:
        fleet = AsyncFleet(client, concurrency=CONCURRENCY)
        t = time.perf_counter()
        instances = check(await fleet.create(configs(names)))
        out["create"] = time.perf_counter() - t
        for phase, action in (
            ("start", lambda: fleet.start(instances)),
            ("exec", lambda: fleet.execute(instances, ["true"])),
            ("stop", lambda: fleet.stop(instances)),
            ("delete", lambda: fleet.delete(instances)),
        ):
            t = time.perf_counter()
            check(await action())
            out[phase] = time.perf_counter() - t
    return out


def upstream(names: list[str]) -> Timings:
    import json

    run = subprocess.run(
        [str(UPSTREAM_PYTHON), "-I", "-c", UPSTREAM_CODE, json.dumps(names), IMAGE],
        check=True,
        capture_output=True,
        text=True,
        cwd="/",
    )
    timings: Timings = json.loads(run.stdout)
    return timings


def cleanup(prefix: str) -> None:
    """Delete whatever this run left (a failed contender)."""
    with Client() as client:
        for instance in client.instances.all():
            if instance.name.startswith(prefix):
                try:
                    if instance.status != "Stopped":
                        instance.stop(wait=True)
                    instance.delete(wait=True)
                except NotFound:
                    pass


def main() -> None:
    rounds = 1 if "--quick" in sys.argv else 3
    contenders: dict[str, Callable[[list[str]], Timings]] = {
        "pylxd sequential": sequential,
        f"pylxd.aio Fleet({CONCURRENCY})": lambda names: asyncio.run(async_fleet(names)),
        f"pylxd Fleet({CONCURRENCY}) threads": threaded_fleet,
    }
    if UPSTREAM_PYTHON.exists():
        contenders["upstream 2.4.2 sequential"] = upstream
    prefix = f"bench-fleet-{uuid.uuid4().hex[:6]}"
    samples: dict[str, list[Timings]] = defaultdict(list)
    order = list(contenders)
    try:
        for number in range(rounds):
            for label in order[number % len(order) :] + order[: number % len(order)]:
                names = [f"{prefix}-{number}-{i}" for i in range(COUNT)]
                print(f"round {number + 1}/{rounds}: {label}", file=sys.stderr)
                timings = contenders[label](names)
                timings["total"] = sum(timings[p] for p in PHASES)
                samples[label].append(timings)
    finally:
        cleanup(prefix)
    report(samples)


def report(samples: dict[str, list[Timings]]) -> None:
    columns = [*PHASES, "total"]
    medians = {
        label: {c: statistics.median(t[c] for t in runs) for c in columns}
        for label, runs in samples.items()
    }
    base = medians["pylxd sequential"]["total"]
    print(f"{COUNT} containers, median of {len(samples['pylxd sequential'])} round(s), seconds")
    header = f"{'contender':28}" + "".join(f" {c:>7}" for c in columns) + "  speed-up"
    print(header)
    print("-" * len(header))
    for label, m in medians.items():
        cells = "".join(f" {m[c]:7.2f}" for c in columns)
        print(f"{label:28}{cells}  {base / m['total']:6.2f}×")


if __name__ == "__main__":
    main()
