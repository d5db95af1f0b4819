"""Runs inside upstream pylxd 2.4.2's own venv (``python -I``), as bench_images.py runs ours.

    upstream_images_worker.py times PATH FINGERPRINT REPS   → {row: [[wall, cpu], …]}
    upstream_images_worker.py "rss <row>" PATH FINGERPRINT  → peak RSS growth in bytes

``times`` starts with the image absent and leaves it present; ``rss create…`` needs it
absent, ``rss export…`` present. Prints JSON.
"""

from __future__ import annotations

import json
import re
import sys
import time

from pylxd import Client

CREATE, EXPORT = "create 64 MiB", "export 64 MiB to a file"


def status(key: str) -> int:
    with open("/proc/self/status") as f:
        return int(re.search(rf"{key}:\s+(\d+)", f.read()).group(1)) * 1024


def timed(call) -> tuple[float, float]:
    """``(wall, cpu)`` seconds of one call."""
    start, cpu = time.perf_counter(), time.process_time()
    call()
    return time.perf_counter() - start, time.process_time() - cpu


def peak_growth(call) -> int:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset the peak (VmHWM) to the current RSS
    before = status("VmRSS")
    call()
    return status("VmHWM") - before


def main() -> None:
    mode, path, fingerprint = sys.argv[1], sys.argv[2], sys.argv[3]
    client = Client()

    def create() -> None:
        # Upstream's best case: a file object, which requests streams (the docs pass bytes).
        with open(path, "rb") as f:
            client.images.create(f, wait=True)

    def export() -> None:
        client.images.get(fingerprint).export().close()  # upstream writes a temporary file

    def delete() -> None:
        client.images.get(fingerprint).delete(wait=True)

    if mode == f"rss {CREATE}":
        print(json.dumps(peak_growth(create)))
        return
    if mode == f"rss {EXPORT}":
        print(json.dumps(peak_growth(export)))
        return
    times: dict[str, list[tuple[float, float]]] = {CREATE: [], EXPORT: []}
    for rep in range(int(sys.argv[4])):
        if rep:
            delete()
        times[CREATE].append(timed(create))
    for _ in range(int(sys.argv[4])):
        times[EXPORT].append(timed(export))
    print(json.dumps(times))


if __name__ == "__main__":
    main()
