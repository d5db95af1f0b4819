"""The objects and the plans of the differential test (``_async/test_upstream_diff.py``):
made with the blocking admin client, read through upstream pylxd 2.4.2 and through ours."""

from __future__ import annotations

import base64
import json
import os
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pylxd import Client
from pylxd._core.endpoint import local_socket
from pylxd.exceptions import NotFound
from tests.certs import make_cert
from tests.contract.test_documented_surface import ATTRIBUTES
from tests.integration.conftest import (
    IMAGE_ALIAS,
    delete_instance,
    delete_pool,
    fingerprint,
    unique_name,
)

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM_PYTHON = ROOT / ".bench" / "upstream" / "bin" / "python"
READER = ROOT / "tests" / "integration" / "_sync" / "drop_in_reader.py"

#: The documented attributes of each kind of object (api-inventory §1).
ATTRS: dict[str, list[str]] = {}
for _owner, _name, _ in ATTRIBUTES:
    ATTRS.setdefault(_owner, []).append(_name)
#: What ``instance.state()`` and ``network.state()`` hold, as the docs show them.
ATTRS["instance_state"] = ["status", "status_code", "disk", "memory", "network", "pid", "processes"]
ATTRS["network_state"] = ["addresses", "counters", "hwaddr", "mtu", "state", "type"]


@dataclass
class DropInObjects:
    """The names of what the module made, and which daemon it is on."""

    daemon: str  # "lxd" or "incus"
    endpoint: str
    container: str
    image: str  # the fingerprint of the test image
    alias: str  # a second alias of it, made here
    profile: str
    project: str
    network: str
    pool: str
    volume: str
    certificate: str  # its fingerprint
    certificate_name: str
    operation: str  # a running operation's id (a trust token)
    missing: str  # a name nothing has


@pytest.fixture(scope="module")
def objects(admin: Client, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DropInObjects]:
    tmp = tmp_path_factory.mktemp("drop-in")
    names = {
        what: unique_name(f"dropin-{what}")
        for what in ("ct", "prof", "proj", "pool", "vol", "missing")
    }
    network = f"dropin{os.urandom(4).hex()}"  # a bridge name is an interface name: ≤ 15
    alias = unique_name("dropin-alias")
    image = admin.images.get_by_alias(IMAGE_ALIAS)
    crt, _ = make_cert(tmp, unique_name("dropin-cert"))
    cert_name = Path(crt).stem
    token = None
    try:
        instance = admin.instances.create(
            {"name": names["ct"], "source": {"type": "image", "alias": IMAGE_ALIAS}}, wait=True
        )
        instance.start(wait=True)
        instance.snapshots.create("snap0", wait=True)
        instance.files.put("/tmp/drop-in", b"read by both")
        image.add_alias(alias, "drop-in test")
        admin.profiles.create(names["prof"], config={"limits.cpu": "1"}, description="drop-in")
        admin.projects.create(names["proj"], description="drop-in")
        admin.networks.create(
            network, type="bridge", config={"ipv4.address": "none", "ipv6.address": "none"}
        )
        (tmp / "pool").mkdir()
        admin.api.storage_pools.post(
            json={"name": names["pool"], "driver": "dir", "config": {"source": str(tmp / "pool")}}
        )
        volume = admin.storage_pools.get(names["pool"]).volumes.create(
            {"name": names["vol"], "type": "custom", "config": {}}
        )
        volume.snapshots.create("snap0")
        pem = Path(crt).read_text()
        der = ssl.PEM_cert_to_DER_cert(pem)
        admin.api.certificates.post(
            json={
                "type": "client",
                "name": cert_name,
                "certificate": base64.b64encode(der).decode(),
            }
        )
        token = admin.api.certificates.post(
            json={"type": "client", "token": True, "name": unique_name("dropin-token")}
        ).json()["operation"]
        yield DropInObjects(
            daemon="incus" if admin.is_incus else "lxd",
            endpoint=local_socket(os.environ),
            container=names["ct"],
            image=image.fingerprint,
            alias=alias,
            profile=names["prof"],
            project=names["proj"],
            network=network,
            pool=names["pool"],
            volume=names["vol"],
            certificate=fingerprint(crt),
            certificate_name=cert_name,
            operation=token.rsplit("/", 1)[-1],
            missing=names["missing"],
        )
    finally:
        if token is not None:
            _quietly(lambda: admin.operations.cancel(token.rsplit("/", 1)[-1]))
        _quietly(lambda: admin.api.certificates[fingerprint(crt)].delete())
        delete_instance(admin, names["ct"])
        delete_pool(admin, names["pool"])
        _quietly(lambda: admin.api.images.aliases[alias].delete())
        _quietly(lambda: admin.api.profiles[names["prof"]].delete())
        _quietly(lambda: admin.api.projects[names["proj"]].delete())
        _quietly(lambda: admin.api.networks[network].delete())
        # What a bad input might have made had a library let it through.
        _quietly(lambda: admin.api.profiles[names["missing"]].delete())


def _quietly(cleanup: Any) -> None:
    try:
        cleanup()
    except NotFound:
        pass


def step(name: str, *args: Any, **kwargs: Any) -> list[Any]:
    """A call in a read's walk (an attribute read is ``[name]``)."""
    return [name, list(args), kwargs]


def entry(key: str, *steps: list[Any], kind: str | None = None, only: Any = None) -> dict:
    return {"key": key, "steps": list(steps), "attrs": ATTRS[kind] if kind else None, "only": only}


def value_plan(o: DropInObjects) -> list[dict[str, Any]]:
    """Every documented model's attributes and every documented listing or lookup."""
    ct = [["instances"], step("get", o.container)]
    pool = [["storage_pools"], step("get", o.pool)]
    volume = [*pool, ["volumes"], step("get", "custom", o.volume)]
    only_ct = [o.container]
    return [
        entry("client", kind="client"),
        entry("instances.get", *ct, kind="instance"),
        entry("containers.get", ["containers"], step("get", o.container), kind="instance"),
        entry("instances.all", ["instances"], step("all"), kind="instance", only=only_ct),
        entry("containers.all", ["containers"], step("all"), kind="instance", only=only_ct),
        entry("virtual_machines.all", ["virtual_machines"], step("all"), only=only_ct),
        entry("instances.exists", ["instances"], step("exists", o.container)),
        entry("instances.exists(missing)", ["instances"], step("exists", o.missing)),
        entry("instance.state", *ct, step("state"), kind="instance_state"),
        entry("instance.snapshots.get", *ct, ["snapshots"], step("get", "snap0"), kind="snapshot"),
        entry("instance.snapshots.all", *ct, ["snapshots"], step("all"), kind="snapshot"),
        entry("instance.execute", *ct, step("execute", ["echo", "hi"])),
        entry(
            "instance.execute(exit 3)", *ct, step("execute", ["sh", "-c", "echo err >&2; exit 3"])
        ),
        entry("instance.files.get", *ct, ["files"], step("get", "/tmp/drop-in")),
        entry("client.has_api_extension", step("has_api_extension", "instances")),
        entry("images.get", ["images"], step("get", o.image), kind="image"),
        entry("images.get_by_alias", ["images"], step("get_by_alias", o.alias), kind="image"),
        entry("images.all", ["images"], step("all"), kind="image", only=[o.image]),
        entry("images.exists", ["images"], step("exists", o.image)),
        entry("images.exists(alias)", ["images"], step("exists", o.alias, alias=True)),
        entry("profiles.get", ["profiles"], step("get", o.profile), kind="profile"),
        entry("profiles.all", ["profiles"], step("all"), kind="profile", only=[o.profile]),
        entry("profiles.exists", ["profiles"], step("exists", o.profile)),
        entry("projects.get", ["projects"], step("get", o.project), kind="project"),
        entry("projects.all", ["projects"], step("all"), kind="project", only=[o.project]),
        entry("projects.exists", ["projects"], step("exists", o.project)),
        entry("networks.get", ["networks"], step("get", o.network), kind="network"),
        entry("networks.all", ["networks"], step("all"), kind="network", only=[o.network]),
        entry("networks.exists", ["networks"], step("exists", o.network)),
        entry(
            "network.state",
            ["networks"],
            step("get", o.network),
            step("state"),
            kind="network_state",
        ),
        entry("storage_pools.get", *pool, kind="pool"),
        entry("storage_pools.all", ["storage_pools"], step("all"), kind="pool", only=[o.pool]),
        entry("storage_pools.exists", ["storage_pools"], step("exists", o.pool)),
        entry("pool.resources.get", *pool, ["resources"], step("get"), kind="storage_resources"),
        entry("pool.volumes.get", *volume, kind="volume"),
        entry("pool.volumes.all", *pool, ["volumes"], step("all"), kind="volume", only=[o.volume]),
        entry(
            "volume.snapshots.get",
            *volume,
            ["snapshots"],
            step("get", "snap0"),
            kind="volume_snapshot",
        ),
        entry("volume.snapshots.all", *volume, ["snapshots"], step("all")),
        entry(
            "volume.snapshots.all(use_recursion=True)",
            *volume,
            ["snapshots"],
            step("all", use_recursion=True),
            kind="volume_snapshot",
        ),
        entry("volume.snapshots.exists", *volume, ["snapshots"], step("exists", "snap0")),
        entry("certificates.get", ["certificates"], step("get", o.certificate), kind="certificate"),
        entry(
            "certificates.all",
            ["certificates"],
            step("all"),
            kind="certificate",
            only=[o.certificate_name],
        ),
        entry("operations.get", ["operations"], step("get", o.operation), kind="operation"),
    ]


def error_plan(o: DropInObjects) -> list[dict[str, Any]]:
    """The documented API's bad inputs: missing objects, duplicates, a running instance."""
    ct = [["instances"], step("get", o.container)]
    pool = [["storage_pools"], step("get", o.pool)]
    volume = [*pool, ["volumes"], step("get", "custom", o.volume)]
    image_source = {"type": "image", "alias": IMAGE_ALIAS}
    missing_fp = "0" * 64
    return [
        entry("instances.get(missing)", ["instances"], step("get", o.missing)),
        entry("containers.get(missing)", ["containers"], step("get", o.missing)),
        entry("profiles.get(missing)", ["profiles"], step("get", o.missing)),
        entry("projects.get(missing)", ["projects"], step("get", o.missing)),
        entry("networks.get(missing)", ["networks"], step("get", o.missing)),
        entry("storage_pools.get(missing)", ["storage_pools"], step("get", o.missing)),
        entry("pool.volumes.get(missing)", *pool, ["volumes"], step("get", "custom", o.missing)),
        entry("images.get(missing)", ["images"], step("get", missing_fp)),
        entry("images.get_by_alias(missing)", ["images"], step("get_by_alias", o.missing)),
        entry("certificates.get(missing)", ["certificates"], step("get", missing_fp)),
        entry("operations.get(missing)", ["operations"], step("get", "0" * 8)),
        entry("instance.snapshots.get(missing)", *ct, ["snapshots"], step("get", o.missing)),
        entry("volume.snapshots.get(missing)", *volume, ["snapshots"], step("get", o.missing)),
        entry(
            "instances.create(duplicate)",
            ["instances"],
            step("create", {"name": o.container, "source": image_source}, wait=True),
        ),
        entry("profiles.create(duplicate)", ["profiles"], step("create", o.profile)),
        entry("projects.create(duplicate)", ["projects"], step("create", o.project)),
        entry(
            "networks.create(duplicate)",
            ["networks"],
            step("create", o.network, type="bridge"),
        ),
        entry(
            "storage_pools.create(duplicate)",
            ["storage_pools"],
            step("create", {"name": o.pool, "driver": "dir"}),
        ),
        entry(
            "pool.volumes.create(duplicate)",
            *pool,
            ["volumes"],
            step("create", {"name": o.volume, "type": "custom", "config": {}}),
        ),
        entry(
            "instance.snapshots.create(duplicate)",
            *ct,
            ["snapshots"],
            step("create", "snap0", wait=True),
        ),
        entry(
            "volume.snapshots.create(duplicate)", *volume, ["snapshots"], step("create", "snap0")
        ),
        entry(
            "image.add_alias(duplicate)",
            ["images"],
            step("get", o.image),
            step("add_alias", o.alias, ""),
        ),
        entry("instance.delete(running)", *ct, step("delete", wait=True)),
        entry("instance.start(running)", *ct, step("start", wait=True)),
        entry("profile.delete(default)", ["profiles"], step("get", "default"), step("delete")),
        entry(
            "instances.create(bad image)",
            ["instances"],
            step(
                "create",
                {"name": o.missing, "source": {"type": "image", "alias": o.missing}},
                wait=True,
            ),
        ),
        entry(
            "instances.create(bad name)",
            ["instances"],
            step("create", {"name": "bad name!", "source": {"type": "none"}}, wait=True),
        ),
        entry(
            "profiles.create(bad config)",
            ["profiles"],
            step("create", o.missing, config={"bogus.key": "1"}),
        ),
        entry(
            "networks.create(bad type)", ["networks"], step("create", o.missing[-15:], type="bogus")
        ),
        entry(
            "storage_pools.create(bad driver)",
            ["storage_pools"],
            step("create", {"name": o.missing, "driver": "bogus", "config": {}}),
        ),
        entry("storage_pool.delete(in use)", *pool, step("delete")),
        entry("pool.volumes.get(bad type)", *pool, ["volumes"], step("get", "bogus", o.volume)),
        entry("images.create(str)", ["images"], step("create", "not an image", wait=True)),
        entry(
            "operations.wait_for_operation(missing)",
            ["operations"],
            step("wait_for_operation", "0" * 8),
        ),
        entry("instance.files.get(missing)", *ct, ["files"], step("get", "/no/such/file")),
        entry(
            "instance.files.put(missing dir)", *ct, ["files"], step("put", "/no/such/dir/f", "x")
        ),
        entry("certificates.create(str)", ["certificates"], step("create", "", "not a cert")),
        entry(
            "certificates.create(not a cert)",
            ["certificates"],
            step("create", "", {"bytes": "not a certificate"}),
        ),
        entry(
            "images.create(not an image)",
            ["images"],
            step("create", {"bytes": "not an image"}, wait=True),
        ),
        entry("instance.execute(missing command)", *ct, step("execute", ["/no/such/command"])),
    ]


def upstream_read(endpoint: str, plan: list[dict[str, Any]]) -> dict[str, Any]:
    """``plan`` read through upstream pylxd 2.4.2 on the server at ``endpoint`` (a unix
    socket; scripts/upstream-venv makes the venv)."""
    if not UPSTREAM_PYTHON.exists():
        subprocess.run([str(ROOT / "scripts" / "upstream-venv")], check=True)
    request = {"endpoint": endpoint, "plan": plan}
    done = subprocess.run(
        [str(UPSTREAM_PYTHON), "-I", str(READER)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result
