"""Answers of the wrong shape: whatever a broken server sends, only a
:class:`~pylxd.exceptions.PylxdError` escapes (never an ``AttributeError``, ``KeyError``
or ``TypeError`` from deep inside a model), and nothing hangs.

Hypothesis draws a call (every manager's ``get``/``all``/``exists``/``create``, and the
models' ``sync``/``save``/``delete``/``state``/renames, operation waits, …) and the
answers a fake server gives to each request it makes: JSON of any shape, objects with
LXD's keys holding values of the wrong type, lists of strings where objects are
expected, envelopes without ``metadata``, async answers whose ``operation`` is not a
URL, error envelopes with odd codes. A short run (it is part of scripts/check); a long
one: ``PYLXD_FUZZ_EXAMPLES=3000 pytest tests/faults -k malformed_answers``.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pylxd.aio import Client
from pylxd.aio.models import Instance, Network, Profile, StoragePool
from pylxd.exceptions import MalformedResponse, PylxdError
from tests.fake.conftest import HOST_INFO, fake_lxd, send, send_json, sync_envelope

__all__ = ["fake_lxd"]  # the fixture

EXTENSIONS = [
    "projects",
    "network",
    "network_state",
    "storage",
    "resources",
    "clustering",
    "warnings",
    "container_edit_metadata",
    "container_exec_recording",
    "instances_state_selective_recursion",
]

# The keys LXD's objects have, so that a drawn object often looks almost right.
KEYS = [
    "name",
    "status",
    "status_code",
    "config",
    "devices",
    "profiles",
    "type",
    "metadata",
    "resources",
    "id",
    "err",
    "project",
    "fingerprint",
    "target",
    "used_by",
    "fds",
    "0",
    "control",
    "instances",
    "environment",
    "api_extensions",
]

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-5, 500)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6)
    | st.sampled_from(["/1.0/instances/c1", "/1.0/operations/op1", "..", ""])
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)
lxd_objects = st.dictionaries(st.sampled_from(KEYS), values, max_size=6)
metadata = (
    values
    | lxd_objects
    | st.lists(lxd_objects, max_size=3)
    | st.lists(st.text(max_size=8), max_size=3)
    | st.dictionaries(st.sampled_from(["running", "success"]), st.lists(lxd_objects, max_size=2))
)
envelopes = (
    st.builds(sync_envelope, metadata)
    | st.fixed_dictionaries(
        {
            "type": st.just("async"),
            "status_code": st.just(100),
            "operation": st.sampled_from(["/1.0/operations/op1", ""]) | values,
            "metadata": metadata,
        }
    )
    | st.fixed_dictionaries({"type": st.just("error"), "error_code": values, "error": values})
    | st.fixed_dictionaries({"type": st.just("sync")})  # no metadata
    | values  # not an envelope at all
)
statuses = st.sampled_from([200, 200, 200, 202, 400, 404, 500])
answers = st.lists(st.tuples(statuses, envelopes), min_size=1, max_size=4)


def _instance(client: Client) -> Instance:
    data = {"name": "c1", "status": "Stopped", "config": {}, "devices": {}, "profiles": []}
    return Instance._from_server(client, data)


def _profile(client: Client) -> Profile:
    return Profile._from_server(client, {"name": "p1", "config": {}, "devices": {}})


def _pool(client: Client) -> StoragePool:
    return StoragePool._from_server(client, {"name": "pool1", "driver": "dir", "config": {}})


def _network(client: Client) -> Network:
    return Network._from_server(client, {"name": "n1", "type": "bridge", "config": {}})


async def _save_instance(client: Client) -> None:
    instance = _instance(client)
    instance.description = "changed"
    await instance.save(wait=True)


async def _save_profile(client: Client) -> None:
    profile = _profile(client)
    profile.config = {"limits.cpu": "1"}
    await profile.save(wait=True)


async def _then(first: Any, then: Callable[[Any], Any]) -> None:
    """A call on an object built from a drawn answer (and every object of a listing)."""
    got = await first
    for obj in got if isinstance(got, list) else [got]:
        await then(obj)


async def _edit_and_save(obj: Any) -> None:
    obj.description = "changed"
    await obj.save(wait=True)


CALLS: dict[str, Callable[[Client], Any]] = {
    "instances.get, then start": lambda c: _then(
        c.instances.get("c1"), lambda i: i.start(wait=True)
    ),
    "instances.all, then delete": lambda c: _then(c.instances.all(), lambda i: i.delete(wait=True)),
    "instances.all(recursion=0), then sync": lambda c: _then(
        c.instances.all(recursion=0), lambda i: i.sync()
    ),
    "instances.get, then save": lambda c: _then(c.instances.get("c1"), _edit_and_save),
    "instances.get, then snapshots": lambda c: _then(
        c.instances.get("c1"), lambda i: i.snapshots.all()
    ),
    "instances.get, then rename": lambda c: _then(
        c.instances.get("c1"), lambda i: i.rename("c2", wait=True)
    ),
    "profiles.all, then save": lambda c: _then(c.profiles.all(), _edit_and_save),
    "networks.get, then state": lambda c: _then(c.networks.get("n1"), lambda n: n.state()),
    "storage_pools.all, then volumes": lambda c: _then(
        c.storage_pools.all(), lambda p: p.volumes.all()
    ),
    "images.all, then delete": lambda c: _then(c.images.all(), lambda i: i.delete(wait=True)),
    "operations.all, then wait": lambda c: _then(c.operations.all(), lambda o: o.wait()),
    "projects.get, then save": lambda c: _then(c.projects.get("pr1"), _edit_and_save),
    "instances.get": lambda c: c.instances.get("c1"),
    "instances.all": lambda c: c.instances.all(),
    "instances.all(recursion=0)": lambda c: c.instances.all(recursion=0),
    "instances.exists": lambda c: c.instances.exists("c1"),
    "instances.create": lambda c: c.instances.create(
        {"name": "c1", "source": {"type": "none"}}, wait=True
    ),
    "instances.create(no name)": lambda c: c.instances.create(
        {"source": {"type": "none"}}, wait=True
    ),
    "instance.sync": lambda c: _instance(c).sync(),
    "instance.save": _save_instance,
    "instance.delete": lambda c: _instance(c).delete(wait=True),
    "instance.state": lambda c: _instance(c).state(),
    "instance.start": lambda c: _instance(c).start(wait=True),
    "instance.rename": lambda c: _instance(c).rename("c2", wait=True),
    "instance.snapshots.all": lambda c: _instance(c).snapshots.all(),
    "instance.snapshots.get": lambda c: _instance(c).snapshots.get("s1"),
    "instance.snapshots.create": lambda c: _instance(c).snapshots.create("s1", wait=True),
    "instance.snapshots.create(no name)": lambda c: _instance(c).snapshots.create(wait=True),
    "instance.execute": lambda c: _instance(c).execute(["true"]),
    "instance.execute(record_output)": lambda c: _instance(c).execute(["true"], record_output=True),
    "instance.logs.all": lambda c: _instance(c).logs.all(),
    "instance.get_metadata": lambda c: _instance(c).get_metadata(),
    "images.all": lambda c: c.images.all(),
    "images.get": lambda c: c.images.get("abc"),
    "images.get_by_alias": lambda c: c.images.get_by_alias("a1"),
    "images.aliases.all": lambda c: c.images.aliases.all(),
    "profiles.all": lambda c: c.profiles.all(),
    "profiles.get": lambda c: c.profiles.get("p1"),
    "profiles.create": lambda c: c.profiles.create("p1"),
    "profile.save": _save_profile,
    "profile.delete": lambda c: _profile(c).delete(),
    "profile.rename": lambda c: _profile(c).rename("p2"),
    "networks.all": lambda c: c.networks.all(),
    "networks.get": lambda c: c.networks.get("n1"),
    "networks.create": lambda c: c.networks.create("n1"),
    "network.state": lambda c: _network(c).state(),
    "storage_pools.all": lambda c: c.storage_pools.all(),
    "storage_pools.get": lambda c: c.storage_pools.get("pool1"),
    "storage_pools.create": lambda c: c.storage_pools.create({"name": "pool1", "driver": "dir"}),
    "pool.volumes.all": lambda c: _pool(c).volumes.all(),
    "pool.volumes.get": lambda c: _pool(c).volumes.get("v1"),
    "pool.volumes.create": lambda c: _pool(c).volumes.create({"name": "v1"}),
    "pool.resources.get": lambda c: _pool(c).resources.get(),
    "projects.all": lambda c: c.projects.all(),
    "projects.get": lambda c: c.projects.get("pr1"),
    "projects.create": lambda c: c.projects.create("pr1"),
    "operations.all": lambda c: c.operations.all(),
    "operations.get": lambda c: c.operations.get("op1"),
    "operations.wait_for_operation": lambda c: c.operations.wait_for_operation("op1"),
    "certificates.all": lambda c: c.certificates.all(),
    "warnings.all": lambda c: c.warnings.all(),
    "cluster.get": lambda c: c.cluster.get(),
    "cluster.members.all": lambda c: c.cluster.members.all(),
    "server.sync": lambda c: c.server.sync(),
    "get_resources": lambda c: c.get_resources(),
}


class AnswerEverything(dict):  # type: ignore[type-arg]
    """FakeLXD's routes: ``GET /1.0`` answers healthily, every other request takes the
    next drawn answer (cycling)."""

    def __init__(self, drawn: list[tuple[int, object]]) -> None:
        info = {**HOST_INFO, "api_extensions": EXTENSIONS}
        super().__init__({("GET", "/1.0"): lambda h: send_json(h, 200, sync_envelope(info))})
        self.drawn = drawn
        self.served = 0

    def get(self, key: object, default: object = None) -> object:
        return super().get(key) or self._next

    def _next(self, handler: BaseHTTPRequestHandler) -> None:
        status, body = self.drawn[self.served % len(self.drawn)]
        self.served += 1
        send(handler, status, json.dumps(body).encode(), "application/json")


EXAMPLES = int(os.environ.get("PYLXD_FUZZ_EXAMPLES", "80"))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(call=st.sampled_from(sorted(CALLS)), drawn=answers)
async def test_only_pylxd_errors_escape(fake_lxd, call: str, drawn) -> None:
    fake_lxd.routes = AnswerEverything(drawn)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown keys are warned about: not the point here
        async with Client(endpoint=fake_lxd.socket_path, timeout=2) as client:
            try:
                await CALLS[call](client)
            except PylxdError:
                pass


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(status=statuses, body=envelopes)
async def test_a_broken_server_description_is_a_connection_error(fake_lxd, status, body) -> None:
    fake_lxd.routes[("GET", "/1.0")] = lambda h: send_json(h, status, body)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            async with Client(endpoint=fake_lxd.socket_path, timeout=2) as client:
                client.has_api_extension("projects")
                client.trusted  # noqa: B018 - reading it must not fail either
        except PylxdError:
            pass


async def test_the_message_names_what_was_expected_and_where(fake_lxd) -> None:
    fake_lxd.routes[("GET", "/1.0/instances")] = lambda h: send_json(
        h, 200, sync_envelope(["c1", "c2"])
    )
    async with Client(endpoint=fake_lxd.socket_path) as client:
        try:
            await client.instances.all()
        except MalformedResponse as exc:
            assert str(exc) == "/1.0/instances: expected a list of objects, got a string"
        else:
            raise AssertionError("a list of strings was taken for instances")
