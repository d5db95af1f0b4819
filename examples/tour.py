"""A tour of pylxd against the local daemon: what the library does, one section at a time.

    scripts/tour                          # venv, LXD, the busybox image, then this file
    .venv/bin/python examples/tour.py     # against the local LXD
    env -u LXD_DIR INCUS_SOCKET=/var/lib/incus/unix.socket .venv/bin/python examples/tour.py

Everything the tour creates is named ``tour-…-<run id>`` and removed in ``finally`` blocks,
also when a step fails. It needs the ``busybox`` image (``PYLXD_IMAGE_ALIAS`` to use another).
"""

from __future__ import annotations

import asyncio
import io
import os
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pylxd import Client, EventType
from pylxd.exceptions import LXDAPIException, NotFound
from pylxd.progress import ProgressBar

IMAGE = os.environ.get("PYLXD_IMAGE_ALIAS", "busybox")
RUN = uuid.uuid4().hex[:6]


def unique(kind: str) -> str:
    """A name for something this run creates (bridges allow 15 characters)."""
    return f"tour-{kind}-{RUN}"


def section(title: str) -> None:
    print(f"\n== {title}")


def remove(what: str, delete: Callable[[], Any]) -> None:
    """Run a clean-up step; a missing object is fine, anything else is reported."""
    try:
        delete()
    except NotFound:
        pass
    except Exception as exc:  # clean-up goes on with the next object
        print(f"  ! could not remove {what}: {exc}")


def cluster_members(client: Client) -> list[str]:
    """The members' names in a cluster (pools and networks are first defined on each), else []."""
    if not client.server_clustered:
        return []
    return [member.server_name for member in client.cluster.members.all()]


# -- the server ------------------------------------------------------------------------------


def server(client: Client) -> None:
    section("server")
    env = client.host_info["environment"]
    print(f"connected to {client.endpoint}: {env['server']} {env['server_version']}")
    print(f"  trusted={client.trusted}  clustered={client.server_clustered}")
    print(f"  {len(client.host_info['api_extensions'])} API extensions, storage: {env['storage']}")
    names = [i.name for i in client.instances.all()]
    print(f"  {len(names)} instance(s), {len(client.images.all())} image(s)")
    print(f"  server config keys: {sorted(client.server.config)}")


# -- a container, start to finish ------------------------------------------------------------


class LifecycleListener:
    """Collects the lifecycle events of one instance, on a thread of its own."""

    def __init__(self, client: Client, instance_name: str) -> None:
        self.actions: list[str] = []
        self._name = instance_name
        self._stream = client.events(event_types={EventType.Lifecycle})
        self._stream.connect()  # events from now on are received
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        for event in self._stream:  # ends quietly once close() is called
            metadata = event.get("metadata", {})
            if metadata.get("source", "").split("?")[0].endswith(f"/{self._name}"):
                self.actions.append(metadata["action"])

    def close(self) -> list[str]:
        time.sleep(0.3)  # let the last events arrive
        self._stream.close()
        self._thread.join(5)
        return self.actions


def container_round_trip(client: Client) -> None:
    section("a container round trip")
    name = unique("c")
    listener = LifecycleListener(client, name)
    try:
        container = client.containers.create(
            {"name": name, "source": {"type": "image", "alias": IMAGE}}, wait=True
        )
        container.start(wait=True)
        print(f"created {name} from '{IMAGE}': {container.status}")

        result = container.execute(["sh", "-c", "echo $(uname -s) $(id -u); echo oops >&2"])
        print(
            f"  execute -> exit {result.exit_code}, stdout={result.stdout.strip()!r}, "
            f"stderr={result.stderr.strip()!r}"
        )

        container.config["user.tour"] = "edited in place"
        dirty = container.dirty
        container.save(wait=True)
        saved = client.instances.get(name).config["user.tour"]
        print(f"  config edit: dirty={dirty}, saved on the server: {saved!r}")

        files(container)
        interactive(container)
        snapshot_and_restore(container)

        container.stop(wait=True)
        image = container.publish(wait=True)
        assert image is not None
        try:
            alias = unique("img")
            image.add_alias(alias, "published by the tour")
            found = client.images.get_by_alias(alias)
            with tempfile.TemporaryDirectory() as tmp:
                meta, rootfs = Path(tmp, "image"), Path(tmp, "rootfs")
                # Streamed to disk, with a ready-made bar (on stderr; pylxd[progress]).
                with ProgressBar("  export", leave=False) as bar:
                    found.export(to=meta, rootfs=rootfs, progress=bar)
                size = sum(p.stat().st_size for p in (meta, rootfs) if p.exists())
            print(
                f"  published as image {image.fingerprint[:12]} (alias {alias}), "
                f"exported {size / 1e6:.1f} MB"
            )
        finally:
            remove("the image", image.delete)
        container.delete(wait=True)
    finally:
        remove(name, lambda: delete_instance(client, name))
        actions = listener.close()
    print(f"  lifecycle events seen: {', '.join(dict.fromkeys(actions))}")


def delete_instance(client: Client, name: str) -> None:
    instance = client.instances.get(name)
    if instance.status != "Stopped":
        instance.stop(force=True, wait=True)
    instance.delete(wait=True)


def files(container: Any) -> None:
    container.files.put("/tmp/hello.txt", "hello from the tour\n", mode=0o640)
    stat = container.files.stat("/tmp/hello.txt")
    print(
        f"  files: put + get {container.files.get('/tmp/hello.txt')!r}, "
        f"stat: {stat.type}, mode {oct(stat.mode)}, uid {stat.uid}"
    )

    big = io.BytesIO(os.urandom(3 << 20))  # sent in 1 MiB chunks, never whole
    seen: list[int] = []
    container.files.put("/tmp/big.bin", big, progress=lambda done, total: seen.append(done))
    with tempfile.TemporaryFile() as sink:
        container.files.get("/tmp/big.bin", to=sink)  # streamed into the file
        same = sink.tell() == len(big.getvalue())
    print(f"  files: 3 MiB streamed up in {len(seen)} chunks and back down, same size: {same}")

    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp, "tree")
        (tree / "sub").mkdir(parents=True)
        (tree / "a.txt").write_text("a\n")
        (tree / "sub" / "b.sh").write_text("#!/bin/sh\necho b\n")
        (tree / "sub" / "b.sh").chmod(0o755)
        (tree / "link").symlink_to("a.txt")
        container.files.recursive_put(tree, "/tmp/tree")
        container.files.recursive_get("/tmp/tree", Path(tmp, "back"))
        back = sorted(str(p.relative_to(Path(tmp, "back"))) for p in Path(tmp, "back").rglob("*"))
        executable = os.access(Path(tmp, "back", "sub", "b.sh"), os.X_OK)
    print(f"  files: recursive put/get {back}, b.sh still executable: {executable}")


def interactive(container: Any) -> None:
    with container.interactive(["sh"], pty=True) as session:
        session.send("echo $((6 * 7))\n")
        answer = session.read_until("42", timeout=10)
        session.send("exit 3\n")
        code = session.wait(timeout=10)
    print(f"  interactive shell: answered {answer.decode().split()[-1]}, exit code {code}")


def snapshot_and_restore(container: Any) -> None:
    snapshot = container.snapshots.create("before", wait=True)
    try:
        container.files.delete("/tmp/hello.txt")
        gone = not container.files.exists("/tmp/hello.txt")
        container.stop(wait=True)
        snapshot.restore(wait=True)
        back = container.files.exists("/tmp/hello.txt")
        container.start(wait=True)
        names = [s.name for s in container.snapshots.all()]
        print(f"  snapshot {names}: file deleted={gone}, back after restore={back}")
    finally:
        remove("the snapshot", lambda: snapshot.delete(wait=True))


# -- profiles, projects ----------------------------------------------------------------------


def profiles(client: Client) -> None:
    section("profiles")
    name = unique("profile")
    profile = client.profiles.create(name, config={"limits.memory": "64MiB"}, description="tour")
    try:
        profile.config["limits.processes"] = "100"
        profile.save()
        again = client.profiles.get(name)
        print(f"created {name}: config {again.config}")
        print(f"  {len(client.profiles.all())} profile(s) on the server")
    finally:
        remove(name, profile.delete)
    print(f"  deleted; exists={client.profiles.exists(name)}")


def project(client: Client) -> None:
    section("a project")
    name = unique("project")
    project = client.projects.create(name, description="made by the tour")
    try:
        client.profiles.create("web", config={"user.role": "web"}, project=name)
        in_project = sorted(p.name for p in client.profiles.all(project=name))
        print(f"created {name}: profiles in it {in_project}")
        print(f"  features: {sorted(k for k in project.config if k.startswith('features.'))}")
        remove("profile web", lambda: client.profiles.get("web", project=name).delete())
    finally:
        remove(name, project.delete)
    print(f"  deleted; exists={client.projects.exists(name)}")


# -- networks, storage -----------------------------------------------------------------------


def network(client: Client) -> None:
    section("a bridge network (no addresses) and an ACL")
    name = f"tourbr{RUN}"  # an interface name: 15 characters at most
    acl_name = unique("acl")
    try:
        try:
            bridge(client, name)
        except LXDAPIException as exc:
            if not client.server_clustered:
                raise
            # Members sharing one host (a test cluster) each make the same interface.
            print(f"  the cluster refused the bridge: {exc}")

        ssh = {"action": "allow", "protocol": "tcp", "destination_port": "22", "state": "enabled"}
        acl = client.network_acls.create(acl_name, ingress=[ssh])
        acl.egress.append({"action": "drop", "destination": "192.0.2.0/24", "state": "enabled"})
        acl.save()
        acl = client.network_acls.get(acl_name)
        print(f"  ACL {acl_name}: {len(acl.ingress)} ingress, {len(acl.egress)} egress rule(s)")
    finally:
        remove(acl_name, lambda: client.network_acls.get(acl_name).delete())
        remove(name, lambda: client.networks.get(name).delete())
    print(f"  deleted; exists={client.networks.exists(name)}")


def bridge(client: Client, name: str) -> None:
    for member in cluster_members(client):  # in a cluster: pending on each member first
        client.networks.create(name, type="bridge", target=member)
    network = client.networks.create(
        name, type="bridge", config={"ipv4.address": "none", "ipv6.address": "none"}
    )
    print(f"created {name}: type={network.type}, managed={network.managed}")
    network.description = "the tour's bridge"
    network.save()
    print(f"  description saved: {client.networks.get(name).description!r}")


def storage(client: Client) -> None:
    section("a storage pool (dir) with a volume and a snapshot")
    name = unique("pool")
    source = tempfile.mkdtemp(prefix="pylxd-tour-")
    definition: dict[str, Any] = {"name": name, "driver": "dir", "config": {"source": source}}
    try:
        if members := cluster_members(client):  # pending on each member (its default source)
            for member in members:
                client.storage_pools.create({**definition, "config": {}}, target=member)
            definition = {"name": name, "driver": "dir"}
        pool = client.storage_pools.create(definition)
        print(f"created pool {name}: driver {pool.driver}, status {pool.status}")
        volume = pool.volumes.create({"name": "data", "config": {}})
        try:
            snapshot = volume.snapshots.create("s0")
            volume.config["user.tour"] = "yes"
            volume.save()
            names = [v.name for v in pool.volumes.all()]
            snapshots = volume.snapshots.all()  # names, as old pylxd lists them
            print(f"  volumes {names}, snapshots {snapshots}")
            print(f"  volume config saved: {pool.volumes.get('custom', 'data').config}")
            remove("snapshot s0", snapshot.delete)
        finally:
            remove("volume data", volume.delete)
    finally:
        remove(name, lambda: client.storage_pools.get(name).delete())
        remove(source, lambda: os.rmdir(source))
    print(f"  deleted; exists={client.storage_pools.exists(name)}")


# -- a cluster, if this is one ---------------------------------------------------------------


def cluster(client: Client) -> None:
    if not client.server_clustered:
        return  # nothing to show on a single server
    section("the cluster")
    print(f"this member: {client.cluster.get().server_name}")
    for member in client.cluster.members.all():
        print(f"  {member.server_name:12} {member.status:8} {member.url}")


def failover(client: Client) -> None:
    section("failover between endpoints")
    live = client.endpoint.socket_path
    if live is None:
        print("  skipped: the tour's client is not on a unix socket")
        return
    dead = f"/tmp/pylxd-tour-{RUN}-nothing-here.socket"
    with Client(endpoint=[dead, live]) as other:
        version = other.host_info["environment"]["server_version"]
        print(f"endpoints [{dead}, {live}]")
        print(f"  the first cannot be reached; answered by {other.endpoint} ({version})")


# -- the asyncio client ----------------------------------------------------------------------


async def asyncio_tour() -> None:
    from pylxd.aio import Client as AsyncClient
    from pylxd.aio.fleet import Fleet

    section("asyncio: the same things, concurrently")
    async with AsyncClient() as client:
        started = time.perf_counter()
        instances, images, profiles, pools = await asyncio.gather(
            client.instances.all(),
            client.images.all(),
            client.profiles.all(),
            client.storage_pools.all(),
        )
        took = (time.perf_counter() - started) * 1000
        print(
            f"4 listings at once in {took:.0f} ms: {len(instances)} instance(s), "
            f"{len(images)} image(s), {len(profiles)} profile(s), {len(pools)} pool(s)"
        )

        names = [unique(f"f{i}") for i in range(3)]
        fleet = Fleet(client, concurrency=3)
        started = time.perf_counter()
        try:
            configs = [{"name": n, "source": {"type": "image", "alias": IMAGE}} for n in names]
            created = await fleet.create(configs)
            started_ = await fleet.start([r.unwrap() for r in created])
            results = await fleet.execute([r.unwrap() for r in started_], ["hostname"])
            hostnames = [r.unwrap().stdout.strip() for r in results]
            print(f"fleet of 3: created, started, executed -> {hostnames}")
        finally:
            deleted = await fleet.delete(names, force=True)
            failed = [r for r in deleted if not r.ok and not isinstance(r.error, NotFound)]
            for result in failed:
                print(f"  ! could not remove {result.name}: {result.error}")
        print(f"  and deleted, in {time.perf_counter() - started:.1f} s")


def main() -> None:
    started = time.perf_counter()
    with Client() as client:
        server(client)
        cluster(client)
        container_round_trip(client)
        profiles(client)
        project(client)
        network(client)
        storage(client)
        failover(client)
    asyncio.run(asyncio_tour())
    print(f"\ntour done in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
