"""Runs inside upstream pylxd 2.4.2's own venv (python -I): times the same calls, prints JSON."""

from __future__ import annotations

import json
import statistics
import sys
import time

from pylxd import Client


def median_seconds(call, runs: int) -> float:
    call()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    instance_name, scale = sys.argv[1], float(sys.argv[2])
    client = Client()
    instance = client.instances.get(instance_name)
    results = {
        "Client()": median_seconds(Client, int(200 * scale)),
        "api.get()": median_seconds(client.api.get, int(500 * scale)),
        "execute(['true'])": median_seconds(lambda: instance.execute(["true"]), int(40 * scale)),
        "execute 10 MB stdout": median_seconds(
            lambda: instance.execute(["head", "-c", "10000000", "/dev/zero"], decode=False),
            max(3, int(5 * scale)),
        ),
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
