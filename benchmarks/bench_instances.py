"""Instances: listing 30 and reading their status, get, state(), a full lifecycle.

    benchmarks/run instances                # 5 rounds
    benchmarks/run instances --quick        # fewer calls
    benchmarks/run instances --count 1000   # only the listing, of 1,000 stopped instances
    … --project NAME                        # reuse NAME's instances (made once, kept after)

Side by side in one run, as benchmarks/bench.py does it: the raw floor (http.client on
the socket, JSON parsed, operations waited on ``/wait``), pylxd, pylxd.aio (taking turns
call by call) and upstream pylxd 2.4.2 (its own venv, between them, each round). The 30
instances live in a project of their own, so nobody else's instances are listed; the
project and everything in it are deleted at the end, even on failure.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import uuid
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench import Samples, interleaved, report  # noqa: E402
from benchmarks.floors import RawHTTP  # noqa: E402
from pylxd import Client  # noqa: E402
from pylxd.aio import Client as AsyncClient  # noqa: E402
from pylxd.models import Instance  # noqa: E402

UPSTREAM_PYTHON = ROOT / ".bench" / "upstream" / "bin" / "python"
IMAGE = os.environ.get("PYLXD_IMAGE_ALIAS", "busybox")
COUNT = int(sys.argv[sys.argv.index("--count") + 1]) if "--count" in sys.argv else 30
ROUNDS = 5
LISTING = f"all() + {COUNT} × .status"
#: Calls per row over the whole run (split across the rounds); a big listing alone.
RUNS = (
    {LISTING: 100, "instances.get()": 300, "state()": 150, "lifecycle": 20}
    if COUNT <= 100
    else {LISTING: 25}
)

# The same calls with upstream pylxd, in its own interpreter: prints every sample as JSON.
UPSTREAM_CODE = """
import gc, json, sys, time, uuid
from pylxd import Client
project, name, image, plan = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
plan_listing = sys.argv[5]
client = Client(project=project)
instance = client.instances.get(name)
def lifecycle():
    n = "pylxd-bench-up-" + uuid.uuid4().hex[:8]
    config = {"name": n, "source": {"type": "image", "alias": image}}
    c = client.instances.create(config, wait=True)
    c.start(wait=True); c.stop(wait=True); c.delete(wait=True)
calls = {
    plan_listing: lambda: [i.status for i in client.instances.all()],
    "instances.get()": lambda: client.instances.get(name),
    "state()": instance.state,
    "lifecycle": lifecycle,
}
out = {}
for row, runs in plan.items():
    calls[row]()
    gc.collect(); gc.disable()
    samples = []
    for _ in range(runs):
        t = time.perf_counter(); calls[row](); samples.append(time.perf_counter() - t)
    gc.enable()
    out[row] = samples
print(json.dumps(out))
"""


class Floor:
    """The least a client can do for each row: raw requests, JSON parsed, ``/wait``."""

    def __init__(self, project: str) -> None:
        self.http = RawHTTP()
        self.q = f"project={project}"

    def statuses(self) -> list[str]:
        _, body = self.http.request("GET", f"/1.0/instances?recursion=1&{self.q}")
        return [i["status"] for i in body["metadata"]]

    def get(self, name: str) -> dict[str, object]:
        return self.http.request("GET", f"/1.0/instances/{name}?{self.q}")[1]

    def state(self, name: str) -> dict[str, object]:
        return self.http.request("GET", f"/1.0/instances/{name}/state?{self.q}")[1]

    def _wait(self, answer: dict[str, object]) -> None:
        operation = str(answer["operation"])
        _, done = self.http.request("GET", f"{operation}/wait?timeout=60&{self.q}")
        assert done["metadata"]["status_code"] == 200, done

    def lifecycle(self) -> None:
        name = f"pylxd-bench-fl-{uuid.uuid4().hex[:8]}"
        config = {"name": name, "source": {"type": "image", "alias": IMAGE}}
        self._wait(self.http.request("POST", f"/1.0/instances?{self.q}", config)[1])
        path = f"/1.0/instances/{name}/state?{self.q}"
        for action in ("start", "stop"):
            body = {"action": action, "timeout": 30, "force": True}
            self._wait(self.http.request("PUT", path, body)[1])
        self._wait(self.http.request("DELETE", f"/1.0/instances/{name}?{self.q}")[1])


def lifecycle(client: Client) -> None:
    config = {
        "name": f"pylxd-bench-sy-{uuid.uuid4().hex[:8]}",
        "source": {"type": "image", "alias": IMAGE},
    }
    instance = client.instances.create(config, wait=True)
    instance.start(wait=True)
    instance.stop(wait=True)
    instance.delete(wait=True)


async def async_lifecycle(client: AsyncClient) -> None:
    config = {
        "name": f"pylxd-bench-as-{uuid.uuid4().hex[:8]}",
        "source": {"type": "image", "alias": IMAGE},
    }
    instance = await client.instances.create(config, wait=True)
    await instance.start(wait=True)
    await instance.stop(wait=True)
    await instance.delete(wait=True)


async def async_statuses(client: AsyncClient) -> list[str]:
    return [i.status for i in await client.instances.all()]


def setup(admin: Client, project: str) -> str:
    """The project and its 30 instances (stopped); one of them started, for ``state()``."""
    config = {"features.images": "false", "features.profiles": "false"}
    admin.projects.create(project, config=config)
    names = [f"pylxd-bench-{i:04d}-{uuid.uuid4().hex[:6]}" for i in range(COUNT)]
    source = {"type": "image", "alias": IMAGE}

    def create(name: str) -> None:
        admin.instances.create({"name": name, "source": source}, wait=True, project=project)

    with ThreadPoolExecutor(8) as pool:  # 1,000 one at a time would take minutes
        list(pool.map(create, names))
    admin.instances.get(names[0], project=project).start(wait=True)
    return names[0]


def teardown(admin: Client, project: str) -> None:
    if not admin.projects.exists(project):
        return

    def remove(instance: Instance) -> None:
        if instance.status != "Stopped":
            instance.stop(force=True, wait=True)
        instance.delete(wait=True)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(remove, admin.instances.all(project=project)))
    admin.projects.get(project).delete()


def main() -> None:
    scale = 0.2 if "--quick" in sys.argv else 1.0
    per_round = {row: max(1, int(runs * scale / ROUNDS)) for row, runs in RUNS.items()}
    samples: Samples = defaultdict(lambda: defaultdict(list))
    kept = sys.argv[sys.argv.index("--project") + 1] if "--project" in sys.argv else None
    project = kept or f"pylxd-bench-{uuid.uuid4().hex[:8]}"
    admin = Client()
    loop = asyncio.new_event_loop()
    aclient = AsyncClient(project=project)
    try:
        if kept and admin.projects.exists(kept):
            name = next(i.name for i in admin.instances.all(project=kept) if i.status == "Running")
        else:
            name = setup(admin, project)
        client = Client(project=project)
        instance = client.instances.get(name)
        loop.run_until_complete(aclient.connect())
        ainstance = loop.run_until_complete(aclient.instances.get(name))
        floor = Floor(project)
        rows: dict[str, dict[str, Callable[[], object]]] = {
            LISTING: {
                "floor": floor.statuses,
                "pylxd": lambda: [i.status for i in client.instances.all()],
                "pylxd.aio": lambda: async_statuses(aclient),
            },
            "instances.get()": {
                "floor": lambda: floor.get(name),
                "pylxd": lambda: client.instances.get(name),
                "pylxd.aio": lambda: aclient.instances.get(name),
            },
            "state()": {
                "floor": lambda: floor.state(name),
                "pylxd": instance.state,
                "pylxd.aio": ainstance.state,
            },
            "lifecycle": {
                "floor": floor.lifecycle,
                "pylxd": lambda: lifecycle(client),
                "pylxd.aio": lambda: async_lifecycle(aclient),
            },
        }
        assert len(floor.statuses()) == COUNT
        for round_number in range(ROUNDS):
            print(f"round {round_number + 1}/{ROUNDS}", file=sys.stderr)
            for row, runs in per_round.items():
                timings = loop.run_until_complete(interleaved(rows[row], runs))
                for column, values in timings.items():
                    samples[row][column] += values
            if UPSTREAM_PYTHON.exists():
                args = [project, name, IMAGE, json.dumps(per_round), LISTING]
                out = subprocess.run(
                    [str(UPSTREAM_PYTHON), "-I", "-c", UPSTREAM_CODE, *args],
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
        if not kept:
            teardown(admin, project)
    report(samples)


if __name__ == "__main__":
    main()
