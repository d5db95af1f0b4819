"""Runs inside upstream pylxd 2.4.2's own venv (``python -I``): the recursive transfers of
bench_sftp.py, timed the same way.

upstream_tree_worker.py <instance> <local tree> <local 64 MiB tree> <runs>  → JSON samples
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile

from pylxd import Client

# ``python -I`` leaves this directory off sys.path: the stdlib-only helpers are beside us.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from upstream_worker import samples  # noqa: E402


def main() -> None:
    name, tree, big, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    files = Client().instances.get(name).files
    work = tempfile.mkdtemp(prefix="bench-upstream-tree-", dir=os.path.dirname(tree))
    back = os.path.join(work, "back")

    def get(remote: str) -> None:
        shutil.rmtree(back, ignore_errors=True)
        files.recursive_get(remote, back)

    count = sum(len(names) for _, _, names in os.walk(tree))
    calls = {
        f"tree put {count}×1 KiB": lambda: files.recursive_put(tree, "/tmp/t-upstream"),
        f"tree get {count}×1 KiB": lambda: get("/tmp/t-upstream"),
        "tree put 1×64 MiB": lambda: files.recursive_put(big, "/tmp/b-upstream"),
        "tree get 1×64 MiB": lambda: get("/tmp/b-upstream"),
    }
    try:
        print(json.dumps({row: samples(call, runs) for row, call in calls.items()}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
