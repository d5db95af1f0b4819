"""pylxd side by side with upstream pylxd 2.4.2 and the raw floors, in one run.

    benchmarks/run            # makes upstream's venv if needed, then runs this
    benchmarks/run --quick    # fewer iterations

Every figure is a median per call against the local daemon; ratios are against the raw
floor (the least a client can do) and against upstream.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.floors import RawHTTP, raw_exec  # noqa: E402
from pylxd import Client  # noqa: E402
from pylxd.aio import Client as AsyncClient  # noqa: E402

UPSTREAM_PYTHON = ROOT / ".bench" / "upstream" / "bin" / "python"
IMAGE = os.environ.get("PYLXD_IMAGE_ALIAS", "busybox")
TEN_MB = ["head", "-c", "10000000", "/dev/zero"]


def median_seconds(call: Callable[[], object], runs: int) -> float:
    call()  # warm-up: connections, caches
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


async def amedian_seconds(call: Callable[[], Awaitable[object]], runs: int) -> float:
    await call()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def raw_client_floor() -> None:
    http = RawHTTP()
    http.request("GET", "/1.0")
    http.close()


def import_seconds(python: str, runs: int, cwd: str) -> float:
    """Median wall time of ``import pylxd`` in a fresh interpreter, minus an empty start."""

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([python, "-I", "-c", code], check=True, cwd=cwd)
        return time.perf_counter() - start

    base = statistics.median(run("pass") for _ in range(runs))
    full = statistics.median(run("import pylxd") for _ in range(runs))
    return max(full - base, 1e-6)


async def async_figures(name: str, scale: float) -> dict[str, float]:
    async with AsyncClient() as client:
        instance = await client.instances.get(name)
        return {
            "api.get()": await amedian_seconds(client.api.get, int(500 * scale)),
            "execute(['true'])": await amedian_seconds(
                lambda: instance.execute(["true"]), int(40 * scale)
            ),
            "execute 10 MB stdout": await amedian_seconds(
                lambda: instance.execute(TEN_MB, decode=False), max(3, int(5 * scale))
            ),
        }


def main() -> None:
    scale = 0.2 if "--quick" in sys.argv else 1.0
    client = Client()
    name = f"bench-{uuid.uuid4().hex[:8]}"
    instance = client.instances.create(
        {"name": name, "source": {"type": "image", "alias": IMAGE}}, wait=True
    )
    try:
        instance.start(wait=True)
        raw = RawHTTP()
        floor = {
            "Client()": median_seconds(raw_client_floor, int(200 * scale)),
            "api.get()": median_seconds(lambda: raw.request("GET", "/1.0"), int(500 * scale)),
            "execute(['true'])": median_seconds(
                lambda: raw_exec(raw, name, ["true"]), int(40 * scale)
            ),
            "execute 10 MB stdout": median_seconds(
                lambda: raw_exec(raw, name, TEN_MB), max(3, int(5 * scale))
            ),
        }
        ours = {
            "Client()": median_seconds(lambda: Client().close(), int(200 * scale)),
            "api.get()": median_seconds(client.api.get, int(500 * scale)),
            "execute(['true'])": median_seconds(
                lambda: instance.execute(["true"]), int(40 * scale)
            ),
            "execute 10 MB stdout": median_seconds(
                lambda: instance.execute(TEN_MB, decode=False), max(3, int(5 * scale))
            ),
        }
        ours_async = asyncio.run(async_figures(name, scale))
        upstream: dict[str, float] = {}
        if UPSTREAM_PYTHON.exists():
            out = subprocess.run(
                [
                    str(UPSTREAM_PYTHON),
                    "-I",
                    str(ROOT / "benchmarks" / "upstream_worker.py"),
                    name,
                    str(scale),
                ],
                check=True,
                capture_output=True,
                text=True,
                cwd="/",
            )
            upstream = json.loads(out.stdout)
    finally:
        instance.stop(wait=True)
        instance.delete(wait=True)

    runs = max(5, int(20 * scale))
    ours["import pylxd"] = import_seconds(str(ROOT / ".venv" / "bin" / "python"), runs, str(ROOT))
    if UPSTREAM_PYTHON.exists():
        upstream["import pylxd"] = import_seconds(str(UPSTREAM_PYTHON), runs, "/")

    report(floor, ours, ours_async, upstream)


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1e3:8.2f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:8.0f} µs"


def ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or b is None else f"{a / b:5.2f}×"


def report(floor: dict, ours: dict, ours_async: dict, upstream: dict) -> None:
    rows = ["Client()", "api.get()", "execute(['true'])", "execute 10 MB stdout", "import pylxd"]
    header = (
        f"{'call':22} {'floor':>11} {'pylxd':>11} {'pylxd.aio':>11} {'upstream':>11}"
        f" {'sync/floor':>10} {'aio/floor':>10} {'sync/upstr':>10}"
    )
    print(header)
    print("-" * len(header))
    results = {}
    for row in rows:
        f, o, a, u = floor.get(row), ours.get(row), ours_async.get(row), upstream.get(row)
        results[row] = {"floor": f, "pylxd": o, "pylxd.aio": a, "upstream": u}
        print(
            f"{row:22} {fmt(f):>11} {fmt(o):>11} {fmt(a):>11} {fmt(u):>11}"
            f" {ratio(o, f):>10} {ratio(a, f):>10} {ratio(o, u):>10}"
        )
    out = ROOT / ".bench" / "results.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"\n(floor: raw http.client / hand-rolled websockets; results in {out})")


if __name__ == "__main__":
    main()
