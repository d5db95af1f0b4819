"""Files, exec memory and events: pylxd side by side with upstream pylxd 2.4.2 and raw floors.

    benchmarks/run files            # makes upstream's venv if needed, then runs this
    benchmarks/run files --quick    # fewer rounds

Rows:
- time of ``files.put`` / ``files.get`` of 64 MiB (bytes in and out, and the streamed forms:
  from a local file, into a local file) against raw http.client over the socket;
- peak RSS growth of one call, each in a fresh process (the streamed forms must hold a
  chunk, not the file; ``execute`` of 10 MB stdout against a floor that keeps only the bytes);
- event latency: a config change sent (raw PATCH) → its lifecycle event received, against a
  hand-rolled websocket on ``/1.0/events``.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench import IMAGE, UPSTREAM_PYTHON, interleaved, print_table  # noqa: E402
from benchmarks.floors import RawEvents, RawHTTP, raw_exec_bytes, raw_get, raw_put  # noqa: E402
from benchmarks.rss import peak_rss_mb, reset_peak_rss  # noqa: E402
from pylxd import Client, EventType  # noqa: E402
from pylxd.aio import Client as AsyncClient  # noqa: E402

SIZE = 64 << 20
REMOTE = "/tmp/bench-64m"
TEN_MB = ["head", "-c", "10000000", "/dev/zero"]
WORKER = ROOT / "benchmarks" / "upstream_files_worker.py"


# -- one call's peak RSS growth, in a fresh process -----------------------------------------


def rss_case(case: str, name: str, local: str) -> float:
    """Run ``case`` once after a warm-up; the peak RSS growth in MB."""
    raw = RawHTTP()
    client = Client()
    instance = client.instances.get(name)
    loop = asyncio.new_event_loop()
    aclient = AsyncClient()
    loop.run_until_complete(aclient.connect())
    ainstance = loop.run_until_complete(aclient.instances.get(name))
    sink = f"{local}.{case}"
    cases = {
        "floor get": lambda: raw_get(raw, name, REMOTE),
        "pylxd get() bytes": lambda: instance.files.get(REMOTE),
        "pylxd get(to=file)": lambda: instance.files.get(REMOTE, to=sink),
        "pylxd open() chunks": lambda: [None for _ in instance.files.open(REMOTE)],
        "pylxd put(path)": lambda: instance.files.put(REMOTE + ".put", Path(local)),
        "aio get() bytes": lambda: loop.run_until_complete(ainstance.files.get(REMOTE)),
        "aio get(to=file)": lambda: loop.run_until_complete(ainstance.files.get(REMOTE, to=sink)),
        "aio put(path)": lambda: loop.run_until_complete(
            ainstance.files.put(REMOTE + ".put", Path(local))
        ),
        "floor exec bytes": lambda: raw_exec_bytes(raw, name, TEN_MB),
        "pylxd execute (text)": lambda: instance.execute(TEN_MB),
        "pylxd execute decode=False": lambda: instance.execute(TEN_MB, decode=False),
        "pylxd execute handlers": lambda: instance.execute(
            TEN_MB, stdout_handler=len, stderr_handler=len
        ),
        "aio execute (text)": lambda: loop.run_until_complete(ainstance.execute(TEN_MB)),
    }
    # warm-up: connections, imports, a small transfer and exec of every kind
    instance.files.put("/tmp/bench-warm", b"x" * 4096)
    instance.files.get("/tmp/bench-warm", to=sink)
    instance.execute(["true"])
    loop.run_until_complete(ainstance.files.get("/tmp/bench-warm", to=sink))
    loop.run_until_complete(ainstance.execute(["true"]))
    raw_get(raw, name, "/tmp/bench-warm")
    before = reset_peak_rss()
    result = cases[case]()
    grown = peak_rss_mb() - before
    del result
    loop.run_until_complete(aclient.aclose())
    if os.path.exists(sink):
        os.unlink(sink)
    return grown


RSS_CASES = {
    "files": [
        "floor get",
        "pylxd get() bytes",
        "pylxd get(to=file)",
        "pylxd open() chunks",
        "pylxd put(path)",
        "aio get() bytes",
        "aio get(to=file)",
        "aio put(path)",
    ],
    "exec": [
        "floor exec bytes",
        "pylxd execute (text)",
        "pylxd execute decode=False",
        "pylxd execute handlers",
        "aio execute (text)",
    ],
}
UPSTREAM_RSS_CASES = [
    "upstream get() bytes",
    "upstream put(file object)",
    "upstream execute (text)",
]


def measure_rss(name: str, local: str, rounds: int) -> dict[str, float]:
    """Median peak RSS growth of each case over ``rounds`` fresh processes."""
    out: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        for case in RSS_CASES["files"] + RSS_CASES["exec"]:
            run = subprocess.run(
                [sys.executable, __file__, "--rss", case, name, local],
                check=True,
                capture_output=True,
                text=True,
            )
            out[case].append(float(run.stdout.strip()))
        if UPSTREAM_PYTHON.exists():
            for case in UPSTREAM_RSS_CASES:
                run = subprocess.run(
                    [str(UPSTREAM_PYTHON), "-I", str(WORKER), "rss", case, name, local],
                    check=True,
                    capture_output=True,
                    text=True,
                    cwd="/",
                )
                out[case].append(float(run.stdout.strip()))
    return {case: statistics.median(values) for case, values in out.items()}


# -- time -----------------------------------------------------------------------------------


def event_rows(name: str, runs: int, loop: asyncio.AbstractEventLoop) -> dict[str, list[float]]:
    """Seconds from a raw config PATCH sent to its lifecycle event received."""
    trigger = RawHTTP()
    counter = [0]
    source = f"/1.0/instances/{name}"

    def patch() -> None:
        counter[0] += 1
        status, _ = trigger.request("PATCH", source, {"config": {"user.bench": str(counter[0])}})
        assert status in (200, 202), status

    def ours_match(event: dict) -> bool:
        meta = event.get("metadata") or {}
        return meta.get("action") == "instance-updated" and meta.get("source") == source

    raw_events = RawEvents("type=lifecycle")
    client = Client()
    stream = client.events(event_types={EventType.Lifecycle})
    stream.connect()
    aclient = AsyncClient()
    loop.run_until_complete(aclient.connect())
    astream = aclient.events(event_types={EventType.Lifecycle})
    loop.run_until_complete(astream.connect())

    def floor() -> None:
        patch()
        while not ours_match(raw_events.recv()):
            pass

    def sync() -> None:
        patch()
        while not ours_match(stream.recv(30)):
            pass

    async def aio() -> None:
        patch()
        while not ours_match(await astream.recv(30)):
            pass

    try:
        return loop.run_until_complete(
            interleaved({"floor": floor, "pylxd": sync, "pylxd.aio": aio}, runs)
        )
    finally:
        stream.close()
        loop.run_until_complete(astream.aclose())
        loop.run_until_complete(aclient.aclose())
        raw_events.close()
        trigger.close()


def main() -> None:
    quick = "--quick" in sys.argv
    rounds = 2 if quick else 3
    per_round = 1 if quick else 3
    client = Client()
    name = f"bench-files-{uuid.uuid4().hex[:8]}"
    instance = client.instances.create(
        {"name": name, "source": {"type": "image", "alias": IMAGE}}, wait=True
    )
    local = f"/tmp/{name}.bin"
    data = os.urandom(SIZE)
    with open(local, "wb") as f:
        f.write(data)
    samples: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    loop = asyncio.new_event_loop()
    aclient = AsyncClient()
    try:
        instance.start(wait=True)
        loop.run_until_complete(aclient.connect())
        ainstance = loop.run_until_complete(aclient.instances.get(name))
        raw = RawHTTP()
        raw_put(raw, name, REMOTE, data)
        back = f"{local}.back"
        rows = {
            "files.put 64 MiB": {
                "floor": lambda: raw_put(raw, name, REMOTE, data),
                "pylxd": lambda: instance.files.put(REMOTE, data),
                "pylxd.aio": lambda: ainstance.files.put(REMOTE, data),
            },
            "files.get 64 MiB": {
                "floor": lambda: raw_get(raw, name, REMOTE),
                "pylxd": lambda: instance.files.get(REMOTE),
                "pylxd.aio": lambda: ainstance.files.get(REMOTE),
            },
            "put 64 MiB from a file": {
                "floor": lambda: raw_put(raw, name, REMOTE, data),
                "pylxd": lambda: instance.files.put(REMOTE, Path(local)),
                "pylxd.aio": lambda: ainstance.files.put(REMOTE, Path(local)),
            },
            "get 64 MiB into a file": {
                "floor": lambda: raw_get(raw, name, REMOTE),
                "pylxd": lambda: instance.files.get(REMOTE, to=back),
                "pylxd.aio": lambda: ainstance.files.get(REMOTE, to=back),
            },
        }
        for number in range(rounds):
            print(f"round {number + 1}/{rounds}", file=sys.stderr)
            for row, contenders in rows.items():
                timings = loop.run_until_complete(interleaved(contenders, per_round))
                for column, values in timings.items():
                    samples[row][column] += values
            for column, values in event_rows(name, 10 * per_round, loop).items():
                samples["event latency"][column] += values
            if UPSTREAM_PYTHON.exists():
                out = subprocess.run(
                    [str(UPSTREAM_PYTHON), "-I", str(WORKER), "time", name, local, str(per_round)],
                    check=True,
                    capture_output=True,
                    text=True,
                    cwd="/",
                )
                for row, values in json.loads(out.stdout).items():
                    samples[row]["upstream"] += values
        print("peak RSS, one call per fresh process", file=sys.stderr)
        rss = measure_rss(name, local, 1 if quick else 3)
    finally:
        loop.run_until_complete(aclient.aclose())
        loop.close()
        instance.stop(wait=True)
        instance.delete(wait=True)
        for path in (local, f"{local}.back"):
            if os.path.exists(path):
                os.unlink(path)
    report(samples, rss)


def report(samples: dict[str, dict[str, list[float]]], rss: dict[str, float]) -> None:
    medians = print_table(samples)
    print("\npeak RSS growth of one call (MB; file 64 MiB, exec 10 MB of stdout)")
    floors = {"files": rss.get("floor get"), "exec": rss.get("floor exec bytes")}
    for case, grown in rss.items():
        family = "exec" if "exec" in case else "files"
        floor = floors[family]
        versus = f"{grown / floor:5.2f}× floor" if floor else ""
        print(f"  {case:32} {grown:8.1f} MB  {versus}")
    out = ROOT / ".bench" / "results-files.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"time": medians, "rss_mb": rss}, indent=2))
    print(f"\nmedians in {out}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--rss"]:
        print(f"{rss_case(sys.argv[2], sys.argv[3], sys.argv[4]):.2f}")
    else:
        main()
