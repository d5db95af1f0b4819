"""save(): what the ETag guard costs against the raw floor (GET, then PUT).

    benchmarks/run save            # 5 rounds
    benchmarks/run save --quick    # fewer calls

Rows (each a read-edit-write cycle, as user code does it):
- ``profile get + save``: ``profiles.get()``, an edit, ``save()`` (the ETag of the GET is
  sent: no extra request). Floor: GET + PUT.
- ``profile save again``: the same object edited and saved again (after a save its ETag is
  unknown: one GET first). Floor: PUT alone (what an unguarded save sends).
- ``profile all() + save``: the object from a listing (no ETag in a listing: one GET
  first). Floor: the listing + PUT.
- ``instance get + save(wait)``: an instance's ETag misses ``description``, so it is read
  first. Floor: GET + PUT + ``/wait``.

pylxd and pylxd.aio take turns with the floor call by call (benchmarks/bench.py). The
profile and the instance are made for the run and deleted at the end.
"""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench import Samples, interleaved, report  # noqa: E402
from benchmarks.floors import RawHTTP  # noqa: E402
from pylxd import Client  # noqa: E402
from pylxd.aio import Client as AsyncClient  # noqa: E402

IMAGE = os.environ.get("PYLXD_IMAGE_ALIAS", "busybox")
ROUNDS = 5
CONTENDERS = ("floor", "pylxd", "pylxd.aio")
RUNS = {
    "profile get + save": 300,
    "profile save again": 300,
    "profile all() + save": 150,
    "instance get+save(wait)": 60,
}


def counter() -> Callable[[], str]:
    state = {"n": 0}

    def next_value() -> str:
        state["n"] += 1
        return str(state["n"])

    return next_value


def floors(http: RawHTTP, profile: str, instance: str) -> dict[str, Callable[[], object]]:
    value = counter()
    path, ipath = f"/1.0/profiles/{profile}", f"/1.0/instances/{instance}"

    def put_profile(data: dict) -> None:
        body = {k: data[k] for k in ("config", "description", "devices")}
        body["config"] = {**body["config"], "user.bench": value()}
        http.request("PUT", path, body)

    def get_save() -> None:
        put_profile(http.request("GET", path)[1]["metadata"])

    def listed_save() -> None:
        listing = http.request("GET", "/1.0/profiles?recursion=1")[1]["metadata"]
        put_profile(next(p for p in listing if p["name"] == profile))

    def instance_save() -> None:
        data = http.request("GET", ipath)[1]["metadata"]
        keys = ("architecture", "config", "devices", "ephemeral", "profiles", "description")
        body = {k: data[k] for k in keys}
        body["config"] = {**body["config"], "user.bench": value()}
        operation = http.request("PUT", ipath, body)[1]["operation"]
        http.request("GET", f"{operation}/wait?timeout=60")

    kept: list[dict] = []

    def again() -> None:
        kept[:] = kept or [http.request("GET", path)[1]["metadata"]]
        put_profile(kept[0])

    return {
        "profile get + save": get_save,
        "profile save again": again,
        "profile all() + save": listed_save,
        "instance get+save(wait)": instance_save,
    }


def blocking(client: Client, profile: str, instance: str) -> dict[str, Callable[[], object]]:
    value = counter()
    kept: list[object] = []  # fetched on the row's first call (the rows before edit it)

    def edit_save(obj: object) -> None:
        obj.config["user.bench"] = value()  # type: ignore[attr-defined]
        obj.save(wait=True)  # type: ignore[attr-defined]

    def again() -> None:
        kept[:] = kept or [client.profiles.get(profile)]
        edit_save(kept[0])

    return {
        "profile get + save": lambda: edit_save(client.profiles.get(profile)),
        "profile save again": again,
        "profile all() + save": lambda: edit_save(
            next(p for p in client.profiles.all() if p.name == profile)
        ),
        "instance get+save(wait)": lambda: edit_save(client.instances.get(instance)),
    }


def asynchronous(
    client: AsyncClient, profile: str, instance: str
) -> dict[str, Callable[[], object]]:
    value = counter()
    kept: list[object] = []

    async def again() -> None:
        kept[:] = kept or [await client.profiles.get(profile)]
        await edit_save(kept[0])

    async def edit_save(obj: object) -> None:
        obj.config["user.bench"] = value()  # type: ignore[attr-defined]
        await obj.save(wait=True)  # type: ignore[attr-defined]

    async def listed() -> None:
        await edit_save(next(p for p in await client.profiles.all() if p.name == profile))

    async def got(manager: object, name: str) -> None:
        await edit_save(await manager.get(name))  # type: ignore[attr-defined]

    return {
        "profile get + save": lambda: got(client.profiles, profile),
        "profile save again": again,
        "profile all() + save": listed,
        "instance get+save(wait)": lambda: got(client.instances, instance),
    }


async def run(quick: bool) -> Samples:
    samples: Samples = defaultdict(lambda: defaultdict(list))
    tag = uuid.uuid4().hex[:8]
    # A profile per contender: one saving another's profile would be a concurrent writer.
    profiles = {name: f"pylxd-bench-{tag}-{n}" for n, name in enumerate(CONTENDERS)}
    instance = f"pylxd-bench-{tag}"
    client = Client()
    for profile in profiles.values():
        client.profiles.create(profile)
    source = {"type": "image", "alias": IMAGE}
    client.instances.create({"name": instance, "source": source}, wait=True)
    http = RawHTTP()
    try:
        async with AsyncClient() as aclient:
            rows = {
                "floor": floors(http, profiles["floor"], instance),
                "pylxd": blocking(client, profiles["pylxd"], instance),
                "pylxd.aio": asynchronous(aclient, profiles["pylxd.aio"], instance),
            }
            for row, total in RUNS.items():
                runs = max(2, total // ROUNDS // (5 if quick else 1))
                for _ in range(ROUNDS):
                    got = await interleaved(
                        {name: calls[row] for name, calls in rows.items()}, runs
                    )
                    for name, values in got.items():
                        samples[row][name].extend(values)
    finally:
        http.close()
        client.instances.get(instance).delete(wait=True)
        for profile in profiles.values():
            client.profiles.get(profile).delete()
        client.close()
    return samples


def main() -> None:
    report(asyncio.run(run("--quick" in sys.argv[1:])))


if __name__ == "__main__":
    main()
