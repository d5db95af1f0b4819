"""Runs inside upstream pylxd 2.4.2's own venv (``python -I``): the calls of bench_files.py.

upstream_files_worker.py time <instance> <local file> <runs>   → JSON samples per row
upstream_files_worker.py rss <case> <instance> <local file>    → peak RSS growth (MB)
"""

from __future__ import annotations

import json
import os
import sys

from pylxd import Client

# ``python -I`` leaves this directory off sys.path: the stdlib-only helpers are beside us.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rss import peak_rss_mb, reset_peak_rss  # noqa: E402
from upstream_worker import samples  # noqa: E402

REMOTE = "/tmp/bench-64m"
TEN_MB = ["head", "-c", "10000000", "/dev/zero"]


def put_file(instance, local: str) -> None:
    with open(local, "rb") as f:
        instance.files.put(REMOTE, f)


def main() -> None:
    mode = sys.argv[1]
    if mode == "time":
        name, local, runs = sys.argv[2], sys.argv[3], int(sys.argv[4])
        instance = Client().instances.get(name)
        with open(local, "rb") as f:
            data = f.read()
        calls = {
            "files.put 64 MiB": lambda: instance.files.put(REMOTE, data),
            "files.get 64 MiB": lambda: instance.files.get(REMOTE),
            "put 64 MiB from a file": lambda: put_file(instance, local),
        }
        print(json.dumps({row: samples(call, runs) for row, call in calls.items()}))
        return
    case, name, local = sys.argv[2], sys.argv[3], sys.argv[4]
    instance = Client().instances.get(name)
    instance.files.put("/tmp/bench-warm", b"x" * 4096)
    instance.files.get("/tmp/bench-warm")
    instance.execute(["true"])
    cases = {
        "upstream get() bytes": lambda: instance.files.get(REMOTE),
        "upstream put(file object)": lambda: put_file(instance, local),
        "upstream execute (text)": lambda: instance.execute(TEN_MB),
    }
    before = reset_peak_rss()
    result = cases[case]()
    print(f"{peak_rss_mb() - before:.2f}")
    del result


if __name__ == "__main__":
    main()
