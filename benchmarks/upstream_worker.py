"""Runs inside upstream pylxd 2.4.2's own venv (``python -I``): times the same calls as
bench.py and prints every sample as JSON."""

from __future__ import annotations

import gc
import json
import sys
import time

from pylxd import Client

TEN_MB = ["head", "-c", "10000000", "/dev/zero"]


def samples(call, runs: int) -> list[float]:
    """Per-call seconds, timed as bench.py times ours (collected, then GC off)."""
    call()  # warm-up
    gc.collect()
    gc.disable()
    try:
        out = []
        for _ in range(runs):
            start = time.perf_counter()
            call()
            out.append(time.perf_counter() - start)
        return out
    finally:
        gc.enable()


def main() -> None:
    instance_name, plan = sys.argv[1], json.loads(sys.argv[2])
    client = Client()
    instance = client.instances.get(instance_name)
    calls = {
        "Client()": Client,
        "api.get()": client.api.get,
        "execute(['true'])": lambda: instance.execute(["true"]),
        "execute 10 MB stdout": lambda: instance.execute(TEN_MB, decode=False),
    }
    print(json.dumps({row: samples(calls[row], runs) for row, runs in plan.items()}))


if __name__ == "__main__":
    main()
