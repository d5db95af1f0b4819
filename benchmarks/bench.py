"""pylxd side by side with upstream pylxd 2.4.2 and the raw floors, in one run.

    benchmarks/run            # makes upstream's venv if needed, then runs this
    benchmarks/run --quick    # fewer iterations
    benchmarks/run --docs     # also refresh docs/benchmarks/ (the performance page)

Each figure is a median per call against the local daemon. Ours and the floors take
turns call by call, upstream (another process) runs between them in each of several
rounds, so a slow spell of the daemon or the machine falls on all of them alike. Ratios are against the raw floor (the least a client can do: http.client, a
hand-rolled websocket exec) and against upstream.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import json
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

from benchmarks import report as results_page  # noqa: E402
from benchmarks.floors import RawHTTP, raw_exec  # noqa: E402
from pylxd import Client  # noqa: E402
from pylxd.aio import Client as AsyncClient  # noqa: E402

OURS_PYTHON = ROOT / ".venv" / "bin" / "python"
UPSTREAM_PYTHON = ROOT / ".bench" / "upstream" / "bin" / "python"
IMAGE = os.environ.get("PYLXD_IMAGE_ALIAS", "busybox")
TEN_MB = ["head", "-c", "10000000", "/dev/zero"]
ROUNDS = 5
#: Calls per row over the whole run (split across the rounds).
RUNS = {"Client()": 300, "api.get()": 1000, "execute(['true'])": 60, "execute 10 MB stdout": 10}

Samples = dict[str, dict[str, list[float]]]


async def interleaved(
    contenders: dict[str, Callable[[], object]], runs: int
) -> dict[str, list[float]]:
    """Per-call seconds of each contender, taking turns call by call so that a slow spell
    of the daemon falls on all alike. Coroutines are awaited. The garbage collector is
    collected first, then off (as timeit does)."""
    for call in contenders.values():  # warm-up: connections, caches
        result = call()
        if inspect.isawaitable(result):
            await result
    out: dict[str, list[float]] = {name: [] for name in contenders}
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            for name, call in contenders.items():
                start = time.perf_counter()
                result = call()
                if inspect.isawaitable(result):
                    await result
                out[name].append(time.perf_counter() - start)
    finally:
        gc.enable()
    return out


def raw_client_floor() -> None:
    """What ``Client()`` must do at least: connect, ``GET /1.0``, parse it."""
    http = RawHTTP()
    http.request("GET", "/1.0")
    http.close()


async def async_client_round_trip() -> None:
    """``Client()`` for asyncio: construct, connect (``GET /1.0``), close."""
    async with AsyncClient():
        pass


def fresh_interpreter_seconds(python: Path, code: str, cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run([str(python), "-I", "-c", code], check=True, cwd=cwd)
    return time.perf_counter() - start


def startup_rows(samples: Samples, runs: int) -> None:
    """``import pylxd`` and ``import pylxd; Client()`` in fresh interpreters, minus an
    empty interpreter's start, alternating ours and upstream's."""
    contenders = [("pylxd", OURS_PYTHON, str(ROOT))]
    if UPSTREAM_PYTHON.exists():
        contenders.append(("upstream", UPSTREAM_PYTHON, "/"))
    for _ in range(runs):
        for column, python, cwd in contenders:
            base = fresh_interpreter_seconds(python, "pass", cwd)
            imported = fresh_interpreter_seconds(python, "import pylxd", cwd)
            connected = fresh_interpreter_seconds(python, "import pylxd; pylxd.Client()", cwd)
            samples["import pylxd"][column].append(max(imported - base, 1e-6))
            samples["import + first Client()"][column].append(max(connected - base, 1e-6))


def main() -> None:
    scale = 0.2 if "--quick" in sys.argv else 1.0
    per_round = {row: max(1, int(runs * scale / ROUNDS)) for row, runs in RUNS.items()}
    samples: Samples = defaultdict(lambda: defaultdict(list))
    client = Client()
    name = f"bench-{uuid.uuid4().hex[:8]}"
    instance = client.instances.create(
        {"name": name, "source": {"type": "image", "alias": IMAGE}}, wait=True
    )
    loop = asyncio.new_event_loop()
    aclient = AsyncClient()
    try:
        instance.start(wait=True)
        loop.run_until_complete(aclient.connect())
        ainstance = loop.run_until_complete(aclient.instances.get(name))
        raw = RawHTTP()
        floor = {
            "Client()": raw_client_floor,
            "api.get()": lambda: raw.request_bytes("GET", "/1.0"),
            "execute(['true'])": lambda: raw_exec(raw, name, ["true"]),
            "execute 10 MB stdout": lambda: raw_exec(raw, name, TEN_MB),
        }
        ours = {
            "Client()": lambda: Client().close(),
            "api.get()": client.api.get,
            "execute(['true'])": lambda: instance.execute(["true"]),
            "execute 10 MB stdout": lambda: instance.execute(TEN_MB, decode=False),
        }
        ours_async = {
            "Client()": async_client_round_trip,
            "api.get()": aclient.api.get,
            "execute(['true'])": lambda: ainstance.execute(["true"]),
            "execute 10 MB stdout": lambda: ainstance.execute(TEN_MB, decode=False),
        }
        for round_number in range(ROUNDS):
            print(f"round {round_number + 1}/{ROUNDS}", file=sys.stderr)
            for row, runs in per_round.items():
                contenders = {"floor": floor[row], "pylxd": ours[row]}
                if row in ours_async:
                    contenders["pylxd.aio"] = ours_async[row]
                timings = loop.run_until_complete(interleaved(contenders, runs))
                for column, values in timings.items():
                    samples[row][column] += values
            if UPSTREAM_PYTHON.exists():
                worker = ROOT / "benchmarks" / "upstream_worker.py"
                out = subprocess.run(
                    [str(UPSTREAM_PYTHON), "-I", str(worker), name, json.dumps(per_round)],
                    check=True,
                    capture_output=True,
                    text=True,
                    cwd="/",
                )
                for row, values in json.loads(out.stdout).items():
                    samples[row]["upstream"] += values
    finally:
        loop.run_until_complete(aclient.aclose())
        loop.close()
        instance.stop(wait=True)
        instance.delete(wait=True)
    startup_rows(samples, max(5, int(20 * scale)))
    report(samples)


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1e3:8.2f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:8.0f} µs"


def ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or b is None else f"{a / b:5.2f}×"


def report(samples: Samples) -> None:
    """Print the table; write .bench/results.{json,md,svg} (and, with ``--docs``, the
    snapshot the docs' performance page shows)."""
    medians = print_table(samples)
    out = ROOT / ".bench" / "results.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(medians, indent=2))
    server = f"LXD {Client().host_info['environment']['server_version']}"
    written = [out, *results_page.write(medians, out.parent, server)]
    if "--docs" in sys.argv:
        written += results_page.write(medians, ROOT / "docs" / "benchmarks", server)
    print("\nwritten: " + ", ".join(str(p.relative_to(ROOT)) for p in written))


def print_table(samples: Samples) -> dict[str, dict[str, float]]:
    """Print each row's medians and ratios; return the medians."""
    columns = ["floor", "pylxd", "pylxd.aio", "upstream"]
    header = (
        f"{'call':24}"
        + "".join(f" {c:>11}" for c in columns)
        + f" {'sync/floor':>10} {'aio/floor':>10} {'sync/upstr':>10}"
    )
    print(header)
    print("-" * len(header))
    medians: dict[str, dict[str, float]] = {}
    for row, by_column in samples.items():
        m = {c: statistics.median(v) for c, v in by_column.items() if v}
        medians[row] = m
        f, o, a, u = (m.get(c) for c in columns)
        print(
            f"{row:24}"
            + "".join(f" {fmt(m.get(c)):>11}" for c in columns)
            + f" {ratio(o, f):>10} {ratio(a, f):>10} {ratio(o, u):>10}"
        )
    return medians


if __name__ == "__main__":
    main()
