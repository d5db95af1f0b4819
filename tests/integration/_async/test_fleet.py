"""Fleets: many instances at once, one result or exception each, no failure cancelling."""

from __future__ import annotations

import pytest

from pylxd.aio import Client
from pylxd.aio.fleet import Fleet, FleetResult
from pylxd.aio.models import Instance
from pylxd.exceptions import LXDAPIException, NotFound
from tests.integration.conftest import delete_instance, unique_name

pytestmark = pytest.mark.integration


@pytest.fixture
def fleet_names(admin):
    names = [unique_name("fleet") for _ in range(3)]
    yield names
    for name in names:
        delete_instance(admin, name)


def config(name: str, alias: str) -> dict[str, object]:
    return {"name": name, "source": {"type": "image", "alias": alias}}


async def test_create_start_execute_stop_delete_many(fleet_names, image_alias, client) -> None:
    fleet = Fleet(client, concurrency=2)
    configs = [config(n, image_alias) for n in fleet_names]
    configs.append(config("bad name!", image_alias))
    created = await fleet.create(configs)
    assert [r.name for r in created] == [*fleet_names, "bad name!"]
    assert [r.ok for r in created] == [True, True, True, False]
    assert isinstance(created[-1].error, LXDAPIException)
    assert "name" in str(created[-1].error).lower()
    with pytest.raises(LXDAPIException):
        created[-1].unwrap()
    instances = [r.unwrap() for r in created[:3]]
    assert all(isinstance(i, Instance) and i.status == "Stopped" for i in instances)

    started = await fleet.start(instances)
    assert all(r.ok and r.value.status == "Running" for r in started)

    results = await fleet.execute(fleet_names, ["hostname"])
    assert [r.unwrap().stdout.strip() for r in results] == fleet_names
    failing = await fleet.execute(fleet_names[:1], ["sh", "-c", "exit 7"])
    assert failing[0].ok and failing[0].value.exit_code == 7

    stopped = await fleet.stop(instances)
    assert [r.value.status for r in stopped] == ["Stopped"] * 3

    deleted = await fleet.delete([*fleet_names, "pylxd-no-such-instance"])
    assert [r.value for r in deleted[:3]] == fleet_names
    assert isinstance(deleted[3].error, NotFound)
    for name in fleet_names:
        assert not await client.instances.exists(name)


async def test_delete_with_force_stops_running_ones(fleet_names, image_alias, client) -> None:
    fleet = Fleet(client)
    created = await fleet.create([config(n, image_alias) for n in fleet_names[:2]])
    await fleet.start(r.unwrap() for r in created)
    refused = await fleet.delete(fleet_names[:2])
    assert all(isinstance(r.error, LXDAPIException) for r in refused)  # running
    deleted = await fleet.delete(fleet_names[:2], force=True)
    assert all(r.ok for r in deleted)


async def test_map_runs_any_action_and_bounds_concurrency() -> None:
    import threading

    async with Client() as client:
        fleet = Fleet(client, concurrency=3)
        running = 0
        peak = 0
        lock = threading.Lock()

        async def probe(item: int) -> int:
            nonlocal running, peak
            with lock:
                running += 1
                peak = max(peak, running)
            try:
                await client.api.get()  # a real request while others are in flight
                if item == 4:
                    raise ValueError("four")
                return item * 10
            finally:
                with lock:
                    running -= 1

        results = await fleet.map(range(8), probe)
        assert [r.value for r in results if r.ok] == [0, 10, 20, 30, 50, 60, 70]
        assert isinstance(results[4].error, ValueError)
        assert isinstance(results[0], FleetResult)
        assert 1 <= peak <= 3
        with pytest.raises(ValueError):
            Fleet(client, concurrency=0)
