"""Images, 64 MiB: upload (create) and export to a file, side by side with upstream pylxd
2.4.2 and the raw floor, in time and in peak memory.

    benchmarks/run images            # 5 rounds of 5 calls each
    benchmarks/run images --quick    # 2 rounds

The image is a unified tarball holding 64 MiB of random bytes (so nothing compresses it),
made fresh for each run. Every create is followed by an untimed delete (LXD refuses the
same fingerprint twice). Peak memory: each contender runs once more in a fresh process,
which resets its peak RSS (``/proc/self/clear_refs``) just before the call and reports
how far the peak rose above the RSS it had then.

The floor is the stdlib at its plainest: http.client over the unix socket, the file sent
in 1 MiB chunks and received as it arrives, the operation waited on with ``/wait``.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.floors import SOCKET, RawHTTP  # noqa: E402

OURS_PYTHON = ROOT / ".venv" / "bin" / "python"
UPSTREAM_PYTHON = ROOT / ".bench" / "upstream" / "bin" / "python"
UPSTREAM_WORKER = ROOT / "benchmarks" / "upstream_images_worker.py"
SIZE = 64 << 20
CHUNK = 1 << 20
ROWS = ("create 64 MiB", "export 64 MiB to a file")
#: Calls per contender and row in each round.
REPS = 5


def make_image(directory: Path) -> tuple[Path, str]:
    """A unified image with 64 MiB of random data in its rootfs; ``(path, fingerprint)``."""
    import hashlib

    path = directory / f"bench-{uuid.uuid4().hex[:8]}.tar"
    metadata = f"architecture: {os.uname().machine}\ncreation_date: {int(time.time())}\n"
    with tarfile.open(path, "w") as tar:
        info = tarfile.TarInfo("metadata.yaml")
        info.size = len(metadata)
        tar.addfile(info, io.BytesIO(metadata.encode()))
        info = tarfile.TarInfo("rootfs")
        info.type, info.mode = tarfile.DIRTYPE, 0o755
        tar.addfile(info)
        info = tarfile.TarInfo("rootfs/random.bin")
        info.size = SIZE
        tar.addfile(info, io.BytesIO(os.urandom(SIZE)))
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return path, digest.hexdigest()


# -- the floor ---------------------------------------------------------------------------


def floor_create(path: Path) -> str:
    """POST the file in 1 MiB chunks, wait for the operation; the fingerprint."""
    http = RawHTTP()
    conn = http.conn
    conn.putrequest("POST", "/1.0/images")
    conn.putheader("Content-Type", "application/octet-stream")
    conn.putheader("Content-Length", str(path.stat().st_size))
    conn.endheaders()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            conn.send(chunk)
    response = conn.getresponse()
    operation = json.loads(response.read())["operation"]
    _, waited = http.request("GET", f"{operation}/wait?timeout=600")
    http.close()
    return str(waited["metadata"]["metadata"]["fingerprint"])


def floor_export(fingerprint: str, out: Path) -> None:
    """GET the export and write what arrives, up to 1 MiB at a time (``read1``: waiting to
    fill each 1 MiB before writing it takes ~1.5× as long here)."""
    http = RawHTTP()
    http.conn.request("GET", f"/1.0/images/{fingerprint}/export")
    response = http.conn.getresponse()
    with open(out, "wb") as f:
        while chunk := response.read1(CHUNK):
            f.write(chunk)
    http.close()


def delete(fingerprint: str) -> None:
    http = RawHTTP()
    status, body = http.request("DELETE", f"/1.0/images/{fingerprint}")
    if status < 400:
        http.request("GET", f"{body['operation']}/wait?timeout=600")
    http.close()


# -- memory, in a fresh process -----------------------------------------------------------


def _status(key: str) -> int:
    with open("/proc/self/status") as f:
        match = re.search(rf"{key}:\s+(\d+)", f.read())
    assert match is not None
    return int(match.group(1)) * 1024


def peak_growth(call: Callable[[], object]) -> int:
    """Bytes the peak RSS rose above the RSS before ``call``."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset the peak (VmHWM) to the current RSS
    before = _status("VmRSS")
    call()
    return _status("VmHWM") - before


def rss_child(contender: str, row: str, path: Path, fingerprint: str) -> None:
    """Run one call in this fresh process and print its peak RSS growth."""
    from pylxd import Client
    from pylxd.aio import Client as AsyncClient

    out = path.with_suffix(".out")
    if contender == "floor":
        call: Callable[[], object] = (
            (lambda: floor_create(path))
            if row == ROWS[0]
            else lambda: floor_export(fingerprint, out)
        )
    elif contender == "pylxd":
        client = Client()
        if row == ROWS[0]:
            call = lambda: client.images.create(path)  # noqa: E731
        else:
            image = client.images.get(fingerprint)
            call = lambda: image.export(out)  # noqa: E731
    else:
        loop = asyncio.new_event_loop()
        aclient = AsyncClient()
        loop.run_until_complete(aclient.connect())
        if row == ROWS[0]:
            call = lambda: loop.run_until_complete(aclient.images.create(path))  # noqa: E731
        else:
            image = loop.run_until_complete(aclient.images.get(fingerprint))
            call = lambda: loop.run_until_complete(image.export(out))  # noqa: E731
    print(peak_growth(call))


def measure_rss(contender: str, row: str, path: Path, fingerprint: str) -> int:
    if row == ROWS[0]:
        delete(fingerprint)
    args = [str(OURS_PYTHON), __file__, "--rss", contender, row, str(path), fingerprint]
    out = subprocess.run(args, check=True, capture_output=True, text=True, cwd=ROOT)
    return int(out.stdout.strip().splitlines()[-1])


# -- the run ------------------------------------------------------------------------------


def cpu_seconds() -> float:
    """This process's CPU time so far (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def take_turns(
    contenders: dict[str, Callable[[], object]],
    reps: int,
    shift: int,
    before: Callable[[], object] | None = None,
) -> dict[str, list[tuple[float, float]]]:
    """``(wall, cpu)`` seconds per call of each contender, taking turns call by call (the
    order rotates, so none is always first after a pause); ``before`` runs untimed first."""
    names = list(contenders)
    out: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for rep in range(reps):
        offset = (shift + rep) % len(names)
        for name in names[offset:] + names[:offset]:
            if before is not None:
                before()
            start, cpu = time.perf_counter(), cpu_seconds()
            contenders[name]()
            out[name].append((time.perf_counter() - start, cpu_seconds() - cpu))
    return out


def upstream(mode: str, path: Path, fingerprint: str) -> Any:
    """Run upstream's worker in its venv (a fresh process each time)."""
    result = subprocess.run(
        [str(UPSTREAM_PYTHON), "-I", str(UPSTREAM_WORKER), mode, str(path), fingerprint, str(REPS)],
        check=True,
        capture_output=True,
        text=True,
        cwd="/",
    )
    return json.loads(result.stdout)


def main() -> None:
    from pylxd import Client
    from pylxd.aio import Client as AsyncClient

    rounds = 2 if "--quick" in sys.argv else 5
    directory = Path(tempfile.mkdtemp(prefix="pylxd-bench-images-"))
    path, fingerprint = make_image(directory)
    out = directory / "exported.tar"
    times: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    cpu: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    rss: dict[str, dict[str, int]] = defaultdict(dict)
    client = Client()
    loop = asyncio.new_event_loop()
    aclient = AsyncClient()
    loop.run_until_complete(aclient.connect())

    creates: dict[str, Callable[[], object]] = {
        "floor": lambda: floor_create(path),
        "pylxd": lambda: client.images.create(path),
        "pylxd.aio": lambda: loop.run_until_complete(aclient.images.create(path)),
    }

    def delete_it() -> None:
        delete(fingerprint)

    try:
        for number in range(rounds):
            print(f"round {number + 1}/{rounds}", file=sys.stderr)
            for column, pairs in take_turns(creates, REPS, number, before=delete_it).items():
                times[ROWS[0]][column] += [wall for wall, _ in pairs]
                cpu[ROWS[0]][column] += [used for _, used in pairs]
            image = client.images.get(fingerprint)
            aimage = loop.run_until_complete(aclient.images.get(fingerprint))
            exports: dict[str, Callable[[], object]] = {
                "floor": lambda: floor_export(fingerprint, out),
                "pylxd": lambda image=image: image.export(out),
                "pylxd.aio": lambda aimage=aimage: loop.run_until_complete(aimage.export(out)),
            }

            def fresh_output() -> None:
                out.unlink(missing_ok=True)  # no contender pays for truncating the last one

            for column, pairs in take_turns(exports, REPS, number, before=fresh_output).items():
                times[ROWS[1]][column] += [wall for wall, _ in pairs]
                cpu[ROWS[1]][column] += [used for _, used in pairs]
            assert out.stat().st_size == path.stat().st_size
            if UPSTREAM_PYTHON.exists():
                delete(fingerprint)
                for row, pairs in upstream("times", path, fingerprint).items():
                    times[row]["upstream"] += [wall for wall, _ in pairs]
                    cpu[row]["upstream"] += [used for _, used in pairs]
        if UPSTREAM_PYTHON.exists():
            for row in ROWS:
                if row == ROWS[0]:
                    delete(fingerprint)
                rss[row]["upstream"] = upstream(f"rss {row}", path, fingerprint)
        for column in creates:
            for row in ROWS:
                rss[row][column] = measure_rss(column, row, path, fingerprint)
    finally:
        shutil.rmtree(directory)
        loop.run_until_complete(aclient.aclose())
        loop.close()
        delete(fingerprint)
    report(times, cpu, rss)


def report(
    times: dict[str, dict[str, list[float]]],
    cpu: dict[str, dict[str, list[float]]],
    rss: dict[str, dict[str, int]],
) -> None:
    columns = ["floor", "pylxd", "pylxd.aio", "upstream"]
    medians: dict[str, dict[str, dict[str, float]]] = {}
    for title, table in (("median wall time", times), ("median client CPU", cpu)):
        print(f"\n{title:26}" + "".join(f" {c:>10}" for c in columns) + "   to the floor")
        for row in ROWS:
            m = {c: statistics.median(v) for c, v in table[row].items() if v}
            # Ours and the floor took turns: the median of each turn's own ratio ("paired")
            # is steadier than a ratio of medians when the machine's speed drifts.
            paired = {
                c: statistics.median(
                    o / f for o, f in zip(table[row][c], table[row]["floor"], strict=True)
                )
                for c in ("pylxd", "pylxd.aio")
                if table[row].get(c)
            }
            medians.setdefault(title, {})[row] = {
                **m,
                **{f"{c} paired ratio": r for c, r in paired.items()},
            }
            cells = "".join(f" {m[c] * 1e3:8.0f}ms" if c in m else f" {'-':>10}" for c in columns)
            ratios = "  ".join(
                f"{c} {m[c] / m['floor']:.2f}×"
                + (f" (paired {paired[c]:.2f}×)" if c in paired else "")
                for c in columns[1:]
                if c in m
            )
            print(f"{row:26}{cells}   {ratios}")
    print(f"\n{'peak RSS growth':26}" + "".join(f" {c:>10}" for c in columns))
    for row in ROWS:
        cells = "".join(
            f" {rss[row][c] / 2**20:8.1f}MB" if c in rss[row] else f" {'-':>10}" for c in columns
        )
        print(f"{row:26}{cells}")
    samples = {row: {c: len(v) for c, v in times[row].items()} for row in ROWS}
    print(f"\nsamples per cell: {samples}")
    result = ROOT / ".bench" / "images.json"
    result.parent.mkdir(exist_ok=True)
    result.write_text(json.dumps({"medians": medians, "rss": rss, "socket": SOCKET}, indent=2))
    print(f"figures in {result}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--rss"]:
        rss_child(sys.argv[2], sys.argv[3], Path(sys.argv[4]), sys.argv[5])
    else:
        main()
