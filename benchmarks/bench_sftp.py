"""Recursive transfers: over SFTP, over per-file HTTP, the raw floor and upstream pylxd 2.4.2.

    benchmarks/run sftp            # makes upstream's venv if needed, then runs this
    benchmarks/run sftp --quick    # fewer rounds

Rows (medians per call; contenders take turns call by call, upstream runs in its own venv
between them in each round):
- a tree of 1,000 files of 1 KiB pushed (``recursive_put``) and pulled (``recursive_get``);
- a tree holding one 64 MiB file, pushed and pulled.

Columns: ``floor`` is raw http.client doing the least per-file HTTP can (one POST or GET
per file and directory, one listing per directory; each file read or written whole); ``pylxd`` and ``pylxd.aio`` are the
recursive calls as shipped (SFTP when the server offers it; files of 4 MiB and more over
HTTP); ``pylxd http`` is the blocking client with SFTP turned off (per-file HTTP);
``pylxd sftp`` the blocking client with every file over SFTP (no HTTP hand-off).
The local trees live on tmpfs (``/dev/shm``), so the figures are the transfer's, not the
local disk's.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench import IMAGE, UPSTREAM_PYTHON, fmt, interleaved, ratio  # noqa: E402
from benchmarks.floors import RawHTTP, raw_put  # noqa: E402
from pylxd import Client  # noqa: E402
from pylxd._drivers import sftp as sftp_driver  # noqa: E402
from pylxd._drivers import sftp_tree  # noqa: E402
from pylxd.aio import Client as AsyncClient  # noqa: E402

FILES = 1000
BIG = 64 << 20
WORKER = ROOT / "benchmarks" / "upstream_tree_worker.py"
LOCAL_DIR = "/dev/shm" if os.path.isdir("/dev/shm") else None
COLUMNS = ["floor", "pylxd", "pylxd.aio", "pylxd http", "pylxd sftp", "upstream"]


@contextlib.contextmanager
def patched(module: object, name: str, value: object) -> Iterator[None]:
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


def http_only(call: Callable[[], object]) -> Callable[[], object]:
    """``call`` with SFTP turned off: the recursive calls walk the tree over HTTP."""

    def run() -> object:
        with patched(sftp_driver, "sftp_available", lambda: False):
            return call()

    return run


def sftp_only(call: Callable[[], object]) -> Callable[[], object]:
    """``call`` with every file over SFTP (no hand-off of large files to HTTP)."""

    def run() -> object:
        with patched(sftp_tree, "LARGE_FILE", 1 << 62):
            return call()

    return run


# -- the floor: raw per-file HTTP ---------------------------------------------------------


def floor_put(raw: RawHTTP, name: str, src: str, dst: str) -> None:
    """One POST per directory and per file (what per-file HTTP costs at least)."""
    for root, _dirs, files in os.walk(src):
        rel = os.path.relpath(root, src)
        base = dst if rel == "." else f"{dst}/{rel}"
        raw.conn.request(
            "POST",
            f"/1.0/instances/{name}/files?path={quote(base)}",
            headers={"X-LXD-type": "directory"},
        )
        raw.conn.getresponse().read()
        for file in files:
            with open(os.path.join(root, file), "rb") as f:
                raw_put(raw, name, quote(f"{base}/{file}"), f.read())


def floor_get(raw: RawHTTP, name: str, remote: str, local: str) -> None:
    """One GET per directory (its listing) and per file."""
    raw.conn.request("GET", f"/1.0/instances/{name}/files?path={quote(remote)}")
    response = raw.conn.getresponse()
    body = response.read()
    if response.getheader("X-LXD-type") == "directory":
        os.makedirs(local, exist_ok=True)
        for entry in json.loads(body)["metadata"]:
            floor_get(raw, name, f"{remote}/{entry}", os.path.join(local, entry))
    else:
        with open(local, "wb") as f:
            f.write(body)


def fresh(path: str) -> str:
    shutil.rmtree(path, ignore_errors=True)
    return path


def main() -> None:
    quick = "--quick" in sys.argv
    rounds, per_round = (2, 1) if quick else (3, 2)
    client = Client()
    name = f"bench-sftp-{uuid.uuid4().hex[:8]}"
    instance = client.instances.create(
        {"name": name, "source": {"type": "image", "alias": IMAGE}}, wait=True
    )
    # Local trees on tmpfs: this VM's disk takes ~1.2 ms to create a file, which would
    # hide the transfer behind the disk for every contender alike.
    work = tempfile.mkdtemp(prefix="bench-sftp-", dir=LOCAL_DIR)
    tree, big = os.path.join(work, "tree"), os.path.join(work, "big")
    os.makedirs(os.path.join(tree, "sub"))
    for i in range(FILES):
        folder = tree if i % 2 else os.path.join(tree, "sub")
        with open(os.path.join(folder, f"f{i:04}"), "wb") as f:
            f.write(os.urandom(1024))
    os.makedirs(big)
    with open(os.path.join(big, "64m.bin"), "wb") as f:
        f.write(os.urandom(BIG))
    samples: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    loop = asyncio.new_event_loop()
    aclient = AsyncClient()
    back = os.path.join(work, "back")
    try:
        instance.start(wait=True)
        loop.run_until_complete(aclient.connect())
        ainstance = loop.run_until_complete(aclient.instances.get(name))
        raw = RawHTTP()
        files, afiles = instance.files, ainstance.files
        rows: dict[str, dict[str, Callable[[], object]]] = {
            f"tree put {FILES}×1 KiB": {
                "floor": lambda: floor_put(raw, name, tree, "/tmp/t-floor"),
                "pylxd": lambda: files.recursive_put(tree, "/tmp/t-sync"),
                "pylxd.aio": lambda: afiles.recursive_put(tree, "/tmp/t-aio"),
                "pylxd http": http_only(lambda: files.recursive_put(tree, "/tmp/t-http")),
            },
            f"tree get {FILES}×1 KiB": {
                "floor": lambda: floor_get(raw, name, "/tmp/t-sync", fresh(back)),
                "pylxd": lambda: files.recursive_get("/tmp/t-sync", fresh(back)),
                "pylxd.aio": lambda: afiles.recursive_get("/tmp/t-sync", fresh(back)),
                "pylxd http": http_only(lambda: files.recursive_get("/tmp/t-sync", fresh(back))),
            },
            "tree put 1×64 MiB": {
                "floor": lambda: floor_put(raw, name, big, "/tmp/b-floor"),
                "pylxd": lambda: files.recursive_put(big, "/tmp/b-sync"),
                "pylxd.aio": lambda: afiles.recursive_put(big, "/tmp/b-aio"),
                "pylxd sftp": sftp_only(lambda: files.recursive_put(big, "/tmp/b-sftp")),
            },
            "tree get 1×64 MiB": {
                "floor": lambda: floor_get(raw, name, "/tmp/b-floor", fresh(back)),
                "pylxd": lambda: files.recursive_get("/tmp/b-sync", fresh(back)),
                "pylxd.aio": lambda: afiles.recursive_get("/tmp/b-sync", fresh(back)),
                "pylxd sftp": sftp_only(lambda: files.recursive_get("/tmp/b-sync", fresh(back))),
            },
        }
        for number in range(rounds):
            print(f"round {number + 1}/{rounds}", file=sys.stderr)
            for row, contenders in rows.items():
                timings = loop.run_until_complete(interleaved(contenders, per_round))
                for column, values in timings.items():
                    samples[row][column] += values
            if UPSTREAM_PYTHON.exists():
                out = subprocess.run(
                    [str(UPSTREAM_PYTHON), "-I", str(WORKER), name, tree, big, str(per_round)],
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
        shutil.rmtree(work, ignore_errors=True)
    report(samples)


def report(samples: dict[str, dict[str, list[float]]]) -> None:
    header = f"{'call':22}" + "".join(f" {c:>11}" for c in COLUMNS)
    print(header)
    print("-" * len(header))
    medians: dict[str, dict[str, float]] = {}
    for row, by_column in samples.items():
        m = {c: statistics.median(v) for c, v in by_column.items() if v}
        medians[row] = m
        print(f"{row:22}" + "".join(f" {fmt(m.get(c)):>11}" for c in COLUMNS))
    print("\nratios (time / time)")
    for row, m in medians.items():
        parts = [f"pylxd/floor {ratio(m.get('pylxd'), m.get('floor'))}"]
        parts.append(f"aio/floor {ratio(m.get('pylxd.aio'), m.get('floor'))}")
        if "pylxd http" in m:
            parts.append(f"http/pylxd {ratio(m['pylxd http'], m.get('pylxd'))}")
            parts.append(f"http/aio {ratio(m['pylxd http'], m.get('pylxd.aio'))}")
        if "pylxd sftp" in m:
            parts.append(f"sftp-only/floor {ratio(m['pylxd sftp'], m.get('floor'))}")
        if "upstream" in m:
            parts.append(f"upstream/pylxd {ratio(m['upstream'], m.get('pylxd'))}")
        print(f"  {row:22} " + ", ".join(parts))
    out = ROOT / ".bench" / "results-sftp.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(medians, indent=2))
    print(f"\nmedians in {out}")


if __name__ == "__main__":
    main()
