"""Bad inputs against the real daemon: each is answered by a typed
:mod:`pylxd.exceptions` error carrying LXD's (or Incus') own text, in well under a second
or two, never a hang.

``CASES`` is the table: what is asked, the exception expected, and a fragment of the
server's message (a regular expression; alternatives where LXD 5.0 and Incus 6 word it
differently). ``tools/bad_inputs_doc.py`` writes it into ``docs/errors-bad-inputs.md``.

The objects the cases need (a stopped and a running container, a profile in use, a
snapshot, a pool with a volume) are made once per module, uniquely named, and removed.
"""

from __future__ import annotations

import contextlib
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from pylxd import Client as BlockingClient
from pylxd.aio import Client
from pylxd.exceptions import (
    BadRequest,
    Conflict,
    Forbidden,
    InUse,
    LXDAPIException,
    NotFound,
    OperationFailed,
)

pytestmark = pytest.mark.integration

ALIAS = "busybox"
BAD_PEM = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"


@dataclass
class Names:
    """What the module made for the cases (all uniquely named)."""

    stopped: str  # a stopped container, using ``profile``
    running: str  # a running container
    profile: str  # a profile in use by ``stopped``
    snapshot: str  # a snapshot of ``stopped``
    pool: str  # a dir pool holding ``volume``
    volume: str
    fresh: str  # a name nothing has: for objects that must not be created


Case = Callable[[Client, Names], Any]  # a coroutine in the asyncio flavour


@dataclass
class BadInput:
    """One row of the table."""

    id: str
    what: str  # the input, as the docs show it
    call: Case
    error: type[LXDAPIException]
    message: str  # a regular expression matched against the error's text (both servers)
    incus_error: type[LXDAPIException] | None = None  # where Incus differs


def image(name: str, **extra: object) -> dict[str, object]:
    return {"name": name, "source": {"type": "image", "alias": ALIAS}, **extra}


async def instance(client: Client, name: str):  # -> Instance
    return await client.instances.get(name)


CASES = [
    # -- instances -------------------------------------------------------------------------
    BadInput(
        "image-missing",
        'instances.create({"source": {"type": "image", "alias": "no-such-image"}}, wait=True)',
        lambda c, n: c.instances.create(
            {"name": n.fresh, "source": {"type": "image", "alias": "no-such-image"}}, wait=True
        ),
        NotFound,
        r"(?i)image alias not found|image not provided",
        incus_error=OperationFailed,
    ),
    BadInput(
        "config-key-unknown",
        'instances.create({..., "config": {"boot.nonsense": "1"}})',
        lambda c, n: c.instances.create(image(n.fresh, config={"boot.nonsense": "1"}), wait=True),
        OperationFailed,
        r"(?i)unknown configuration key: boot\.nonsense",
    ),
    BadInput(
        "config-value-invalid",
        'instances.create({..., "config": {"limits.memory": "lots"}})',
        lambda c, n: c.instances.create(
            image(n.fresh, config={"limits.memory": "lots"}), wait=True
        ),
        OperationFailed,
        r"(?i)invalid value: lots|limits\.memory",
    ),
    BadInput(
        "device-type-unknown",
        'instances.create({..., "devices": {"d": {"type": "nonsense"}}})',
        lambda c, n: c.instances.create(
            image(n.fresh, devices={"d": {"type": "nonsense"}}), wait=True
        ),
        OperationFailed,
        r'(?i)invalid device type "?nonsense',
    ),
    BadInput(
        "device-disk-no-path",
        'instances.create({..., "devices": {"d": {"type": "disk", "path": "/mnt"}}})',
        lambda c, n: c.instances.create(
            image(n.fresh, devices={"d": {"type": "disk", "path": "/mnt"}}), wait=True
        ),
        OperationFailed,
        r'(?i)missing the required "source" or "path" property',
    ),
    BadInput(
        "instance-name-invalid",
        'instances.create({"name": "bad_name!", ...})',
        lambda c, n: c.instances.create(image("bad_name!"), wait=True),
        BadRequest,
        r"(?i)invalid instance name",
    ),
    BadInput(
        "instance-duplicate",
        "instances.create({name of an existing instance, ...})",
        lambda c, n: c.instances.create(image(n.stopped), wait=True),
        OperationFailed,
        r"(?i)already exists|UNIQUE constraint failed",
    ),
    BadInput(
        "nic-without-parent",
        'instances.create({..., "devices": {"eth9": {"type": "nic", "nictype": "bridged"}}})',
        lambda c, n: c.instances.create(
            image(n.fresh, devices={"eth9": {"type": "nic", "nictype": "bridged"}}), wait=True
        ),
        OperationFailed,
        r'(?i)device option "parent"',
    ),
    BadInput(
        "instance-profile-missing",
        'instances.create({..., "profiles": ["no-such-profile"]})',
        lambda c, n: c.instances.create(image(n.fresh, profiles=["no-such-profile"]), wait=True),
        LXDAPIException,
        r"(?i)requested profile \"no-such-profile\" doesn't exist",
    ),
    BadInput(
        "instance-pool-missing",
        'instances.create({..., "devices": {"root": {"pool": "no-such-pool", ...}}})',
        lambda c, n: c.instances.create(
            image(
                n.fresh,
                devices={"root": {"type": "disk", "path": "/", "pool": "no-such-pool"}},
            ),
            wait=True,
        ),
        OperationFailed,
        r"(?i)storage pool not found",
    ),
    BadInput(
        "vm-without-kvm",
        'instances.create({..., "type": "virtual-machine", "source": {"type": "none"}})',
        lambda c, n: c.instances.create(
            {"name": n.fresh, "type": "virtual-machine", "source": {"type": "none"}}, wait=True
        ),
        OperationFailed,
        r'(?i)instance type "virtual-machine" is not supported on this server',
    ),
    BadInput(
        "vm-from-container-image",
        'instances.create({..., "type": "virtual-machine"}) from a container image',
        lambda c, n: c.instances.create(image(n.fresh, type="virtual-machine"), wait=True),
        OperationFailed,
        r'(?i)doesn\'t match instance type "virtual-machine"',
    ),
    BadInput(
        "instance-get-missing",
        'instances.get("no-such-instance")',
        lambda c, n: c.instances.get(n.fresh),
        NotFound,
        r"(?i)instance not found",
    ),
    BadInput(
        "delete-running",
        "instance.delete(wait=True) on a running instance",
        lambda c, n: _then(instance(c, n.running), lambda i: i.delete(wait=True)),
        BadRequest,
        r"(?i)instance is running",
    ),
    BadInput(
        "start-running",
        "instance.start(wait=True) on a running instance",
        lambda c, n: _then(instance(c, n.running), lambda i: i.start(wait=True)),
        OperationFailed,
        r"(?i)already running",
    ),
    BadInput(
        "stop-stopped",
        "instance.stop(wait=True) on a stopped instance",
        lambda c, n: _then(instance(c, n.stopped), lambda i: i.stop(wait=True)),
        OperationFailed,
        r"(?i)already stopped",
    ),
    BadInput(
        "freeze-stopped",
        "instance.freeze(wait=True) on a stopped instance",
        lambda c, n: _then(instance(c, n.stopped), lambda i: i.freeze(wait=True)),
        OperationFailed,
        r"(?i)isn't running|not running",
    ),
    BadInput(
        "exec-stopped",
        'instance.execute(["true"]) on a stopped instance',
        lambda c, n: _then(instance(c, n.stopped), lambda i: i.execute(["true"])),
        BadRequest,
        r"(?i)instance is not running",
    ),
    BadInput(
        "rename-to-existing",
        "instance.rename(name of another instance)",
        lambda c, n: _then(instance(c, n.stopped), lambda i: i.rename(n.running, wait=True)),
        Conflict,
        r"(?i)already in use",
    ),
    BadInput(
        "config-save-invalid",
        'instance.config["limits.cpu"] = "lots"; instance.save(wait=True)',
        lambda c, n: _then(instance(c, n.stopped), _save_bad_cpu),
        OperationFailed,
        r"(?i)invalid CPU limit syntax|limits\.cpu",
    ),
    BadInput(
        "file-missing",
        'instance.files.get("/no/such/file")',
        lambda c, n: _then(instance(c, n.running), lambda i: i.files.get("/no/such/file")),
        NotFound,
        r"(?i)not found",
    ),
    # -- snapshots -------------------------------------------------------------------------
    BadInput(
        "snapshot-name-invalid",
        'instance.snapshots.create("a/b", wait=True)',
        lambda c, n: _then(instance(c, n.stopped), lambda i: i.snapshots.create("a/b", wait=True)),
        BadRequest,
        r'(?i)invalid snapshot name|cannot contain "/"',
    ),
    BadInput(
        "snapshot-duplicate",
        "instance.snapshots.create(name of an existing snapshot, wait=True)",
        lambda c, n: _then(
            instance(c, n.stopped), lambda i: i.snapshots.create(n.snapshot, wait=True)
        ),
        OperationFailed,
        r"(?i)already exists|UNIQUE constraint failed",
    ),
    BadInput(
        "snapshot-stateful-no-criu",
        'instance.snapshots.create("s", stateful=True, wait=True) (no CRIU)',
        lambda c, n: _then(
            instance(c, n.running), lambda i: i.snapshots.create(n.fresh, stateful=True, wait=True)
        ),
        OperationFailed,
        r"(?i)CRIU isn't installed|stateful snapshots require",
    ),
    BadInput(
        "restore-missing-snapshot",
        'instance.restore_snapshot("no-such-snapshot", wait=True)',
        lambda c, n: _then(
            instance(c, n.stopped), lambda i: i.restore_snapshot(n.fresh, wait=True)
        ),
        OperationFailed,
        r"(?i)snapshot .* does not exist",
    ),
    # -- profiles --------------------------------------------------------------------------
    BadInput(
        "profile-duplicate",
        'profiles.create("default")',
        lambda c, n: c.profiles.create("default"),
        Conflict,
        r"(?i)the profile already exists|UNIQUE constraint",
    ),
    BadInput(
        "profile-in-use",
        "profile.delete() of a profile an instance uses",
        lambda c, n: _then(c.profiles.get(n.profile), lambda p: p.delete()),
        InUse,
        r"(?i)profile is currently in use",
    ),
    BadInput(
        "profile-default-delete",
        'profiles.get("default").delete()',
        lambda c, n: _then(c.profiles.get("default"), lambda p: p.delete()),
        Forbidden,
        r"(?i)the .default. profile cannot be deleted",
    ),
    BadInput(
        "profile-default-rename",
        'profiles.get("default").rename("other")',
        lambda c, n: _then(c.profiles.get("default"), lambda p: p.rename(n.fresh)),
        Forbidden,
        r"(?i)the .default. profile cannot be renamed",
    ),
    BadInput(
        "profile-config-invalid",
        'profiles.create("p", config={"boot.nonsense": "1"})',
        lambda c, n: c.profiles.create(n.fresh, config={"boot.nonsense": "1"}),
        BadRequest,
        r"(?i)unknown configuration key: boot\.nonsense",
    ),
    # -- networks --------------------------------------------------------------------------
    BadInput(
        "network-config-invalid",
        'networks.create("n", config={"ipv4.address": "nonsense"})',
        lambda c, n: c.networks.create(n.fresh[:15], config={"ipv4.address": "nonsense"}),
        LXDAPIException,
        r'(?i)option "ipv4\.address": invalid CIDR address',
    ),
    BadInput(
        "network-type-unknown",
        'networks.create("n", type="nonsense")',
        lambda c, n: c.networks.create(n.fresh[:15], type="nonsense"),
        BadRequest,
        r"(?i)unknown driver|unknown network type",
    ),
    BadInput(
        "network-name-too-long",
        'networks.create("a-name-longer-than-15")',
        lambda c, n: c.networks.create(n.fresh + "-too-long"),
        BadRequest,
        r"(?i)too long",
    ),
    BadInput(
        "network-missing",
        'networks.get("no-such-network")',
        lambda c, n: c.networks.get(n.fresh),
        NotFound,
        r"(?i)network not found",
    ),
    # -- storage ---------------------------------------------------------------------------
    BadInput(
        "pool-driver-unknown",
        'storage_pools.create({"name": "p", "driver": "nonsense"})',
        lambda c, n: c.storage_pools.create({"name": n.fresh, "driver": "nonsense"}),
        LXDAPIException,
        r"(?i)unknown driver",
    ),
    BadInput(
        "pool-missing",
        'storage_pools.get("no-such-pool")',
        lambda c, n: c.storage_pools.get(n.fresh),
        NotFound,
        r"(?i)storage pool not found",
    ),
    BadInput(
        "pool-in-use",
        "pool.delete() of a pool holding a volume",
        lambda c, n: _then(c.storage_pools.get(n.pool), lambda p: p.delete()),
        InUse,
        r"(?i)storage pool is currently in use",
    ),
    BadInput(
        "volume-duplicate",
        'pool.volumes.create({"name": existing volume})',
        lambda c, n: _then(
            c.storage_pools.get(n.pool), lambda p: p.volumes.create({"name": n.volume})
        ),
        Conflict,
        r"(?i)volume by that name already exists",
    ),
    BadInput(
        "volume-config-invalid",
        'pool.volumes.create({"name": "v", "config": {"nonsense": "1"}})',
        lambda c, n: _then(
            c.storage_pools.get(n.pool),
            lambda p: p.volumes.create({"name": n.fresh, "config": {"nonsense": "1"}}),
        ),
        LXDAPIException,
        r'(?i)invalid option .*"nonsense"',
    ),
    # -- projects --------------------------------------------------------------------------
    BadInput(
        "project-name-invalid",
        'projects.create("bad/name")',
        lambda c, n: c.projects.create("bad/name"),
        BadRequest,
        r"(?i)project names may not contain slashes",
    ),
    BadInput(
        "project-config-invalid",
        'projects.create("p", config={"features.nonsense": "true"})',
        lambda c, n: c.projects.create(n.fresh, config={"features.nonsense": "true"}),
        BadRequest,
        r'(?i)invalid project configuration key "features\.nonsense"',
    ),
    BadInput(
        "project-default-delete",
        'projects.get("default").delete()',
        lambda c, n: _then(c.projects.get("default"), lambda p: p.delete()),
        Forbidden,
        r"(?i)the .default. project cannot be deleted",
    ),
    BadInput(
        "project-missing",
        'instances.create({...}, project="no-such-project")',
        lambda c, n: c.instances.create(image(n.fresh), wait=True, project=n.fresh),
        NotFound,
        r"(?i)project not found",
    ),
    BadInput(
        "project-get-missing",
        'projects.get("no-such-project")',
        lambda c, n: c.projects.get(n.fresh),
        NotFound,
        r"(?i)project not found",
    ),
    BadInput(
        "volume-missing",
        'pool.volumes.get("custom", "no-such-volume")',
        lambda c, n: _then(c.storage_pools.get(n.pool), lambda p: p.volumes.get("custom", n.fresh)),
        NotFound,
        r"(?i)volume not found",
    ),
    # -- images, certificates, operations --------------------------------------------------
    BadInput(
        "image-get-missing",
        'images.get("0" * 64)',
        lambda c, n: c.images.get("0" * 64),
        NotFound,
        r"(?i)image .*not found",
    ),
    BadInput(
        "alias-duplicate",
        'images.aliases.create("busybox", target=its image)',
        lambda c, n: _then(
            c.images.get_by_alias(ALIAS),
            lambda i: c.images.aliases.create(ALIAS, target=i.fingerprint),
        ),
        Conflict,
        r'(?i)alias "busybox" already exists',
    ),
    BadInput(
        "alias-to-missing-image",
        'images.aliases.create("a", target="0" * 64)',
        lambda c, n: c.images.aliases.create(n.fresh, target="0" * 64),
        NotFound,
        r"(?i)image not found",
    ),
    BadInput(
        "certificate-garbage",
        'certificates.create("", PEM armour around "AAAA")',
        lambda c, n: c.certificates.create("", BAD_PEM),
        BadRequest,
        r"(?i)invalid certificate material|certificate",
    ),
    BadInput(
        "operation-missing",
        "operations.wait_for_operation(an unknown id)",
        lambda c, n: c.operations.wait_for_operation(str(uuid.uuid4())),
        NotFound,
        r"(?i)operation not found",
    ),
]


async def _then(first: Awaitable[object], then: Callable[[object], Awaitable[object]]) -> object:
    """``then(await first)``: a case made of two steps (fetch the object, then misuse it)."""
    return await then(await first)


async def _save_bad_cpu(inst: object) -> None:
    inst.config["limits.cpu"] = "lots"  # type: ignore[attr-defined]
    await inst.save(wait=True)  # type: ignore[attr-defined]


# -- the objects the cases need --------------------------------------------------------------


def _name(prefix: str) -> str:
    return f"pylxd-bad-{prefix}-{uuid.uuid4().hex[:8]}"


@contextlib.contextmanager
def objects_for_cases(admin: BlockingClient) -> Iterator[Names]:
    """Make what the cases need on ``admin``'s server; remove it (and anything a case made
    by mistake) afterwards. ``tools/bad_inputs_doc.py`` uses it too."""
    made = Names(
        stopped=_name("stopped"),
        running=_name("running"),
        profile=_name("profile"),
        snapshot="snap-kept",
        pool=_name("pool"),
        volume=_name("vol"),
        fresh=f"nx{uuid.uuid4().hex[:8]}",
    )
    try:
        admin.profiles.create(made.profile)
        stopped = admin.instances.create(
            image(made.stopped, profiles=["default", made.profile]), wait=True
        )
        stopped.snapshots.create(made.snapshot, wait=True)
        running = admin.instances.create(image(made.running), wait=True)
        running.start(wait=True)
        pool = admin.storage_pools.create({"name": made.pool, "driver": "dir"})
        pool.volumes.create({"name": made.volume})
        yield made
    finally:
        _cleanup(admin, made)


@pytest.fixture(scope="module")
def names() -> Iterator[Names]:
    with BlockingClient() as admin, objects_for_cases(admin) as made:
        yield made


def _cleanup(admin: BlockingClient, made: Names) -> None:
    for name in (made.running, made.stopped, made.fresh):
        if admin.instances.exists(name):
            inst = admin.instances.get(name)
            if inst.status == "Running":
                inst.stop(wait=True)
            inst.delete(wait=True)
    for manager in (admin.profiles, admin.networks, admin.projects):
        for name in (made.profile, made.fresh, made.fresh[:15]):
            if manager.exists(name):
                manager.get(name).delete()
    if admin.storage_pools.exists(made.pool):
        pool = admin.storage_pools.get(made.pool)
        for volume in pool.volumes.all():
            volume.delete()
        pool.delete()
    if admin.images.aliases.exists(made.fresh):
        admin.images.aliases.get(made.fresh).delete()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
async def test_bad_input(case: BadInput, names: Names) -> None:
    async with Client() as client:
        expected = case.incus_error if client.is_incus and case.incus_error else case.error
        started = time.perf_counter()
        with pytest.raises(LXDAPIException) as caught:
            await case.call(client, names)
        seconds = time.perf_counter() - started
    assert type(caught.value) is expected, (type(caught.value), caught.value.error)
    assert re.search(case.message, caught.value.error), caught.value.error
    assert seconds < 10, f"{case.id} took {seconds:.1f} s"


def test_the_table_has_at_least_30_rows() -> None:
    assert len({case.id for case in CASES}) == len(CASES) >= 30
