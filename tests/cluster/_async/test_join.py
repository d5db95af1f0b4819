"""Joining a standalone LXD (or Incus) into the running cluster with a join token
(``client.cluster.join``), then removing it. The cluster's membership changes only while
its lock (``PYLXD_CLUSTER_LOCK`` of its env file: ``/tmp/pylxd-cluster.lock`` for the LXD
cluster) is held (other engineers' runs share the cluster), and it is left at its 3
members, ONLINE."""

from __future__ import annotations

import base64
import fcntl
import json
import os
from collections.abc import Iterator

import pytest

from pylxd import Client as BlockingClient
from pylxd.aio import Client
from pylxd.exceptions import ClientConnectionFailed, NotFound
from tests.cluster.conftest import MEMBERS, SOCKETS

pytestmark = pytest.mark.integration

LOCK = os.environ.get("PYLXD_CLUSTER_LOCK", "/tmp/pylxd-cluster.lock")  # per cluster
POOL_SOURCE = [{"entity": "storage-pool", "name": "default", "key": "source", "value": ""}]


@pytest.fixture
def membership_lock(cluster_admin: BlockingClient) -> Iterator[None]:
    """Hold the cluster's membership lock; afterwards only our members are left."""
    with open(LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            for member in cluster_admin.cluster.members.all():
                if member.server_name not in MEMBERS:
                    member.delete(wait=True, force=True)
            fcntl.flock(lock, fcntl.LOCK_UN)


async def test_join_a_standalone_server_then_remove_it(membership_lock, spare_server) -> None:
    socket, address = spare_server
    name = f"m{len(MEMBERS) + 1}"
    async with Client(endpoint=SOCKETS[0]) as cluster, Client(endpoint=socket) as standalone:
        assert standalone.server_clustered is False
        token = await cluster.cluster.join_tokens.create(name)

        joined = await standalone.cluster.join(token, address, POOL_SOURCE)

        assert joined.server_name == name and joined.enabled is True
        assert standalone.server_clustered is True
        members = {m.server_name: m.status for m in await cluster.cluster.members.all()}
        assert members == {**{m: "Online" for m in MEMBERS}, name: "Online"}
        # The new member serves the cluster's requests.
        assert sorted(m.server_name for m in await standalone.cluster.members.all()) == sorted(
            members
        )

        await (await cluster.cluster.members.get(name)).delete(wait=True)

        with pytest.raises(NotFound):
            await cluster.cluster.members.get(name)
        members = {m.server_name: m.status for m in await cluster.cluster.members.all()}
        assert members == {m: "Online" for m in MEMBERS}


async def test_a_bad_token_or_a_wrong_certificate_is_refused_before_joining() -> None:
    # Refused before any request: the cluster's own client stands in for the joiner.
    async with Client(endpoint=SOCKETS[0]) as cluster:
        standalone = cluster
        with pytest.raises(ValueError, match="not a cluster join token"):
            await standalone.cluster.join("not-a-token", "127.0.0.1:8443")
        real = await cluster.cluster.join_tokens.create("pylxd-never-joins")
        try:
            decoded = json.loads(base64.b64decode(str(real)))
            forged = base64.b64encode(
                json.dumps({**decoded, "fingerprint": "0" * 64}).encode()
            ).decode()
            with pytest.raises(ClientConnectionFailed, match="join token's certificate"):
                await standalone.cluster.join(forged, "127.0.0.1:8443")
            members = sorted(m.server_name for m in await cluster.cluster.members.all())
            assert members == MEMBERS
        finally:
            await real.revoke()
