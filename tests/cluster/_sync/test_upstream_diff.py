# Generated from tests/cluster/_async/test_upstream_diff.py by tools/unasync.py: do not edit, edit the source.
"""The differential test on the 3-member cluster: the cluster, its members and where
instances are, read through upstream pylxd 2.4.2 and through ours (see
``tests/integration/_async/test_upstream_diff.py``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pylxd import Client as BlockingClient
from pylxd import Client
from tests.cluster.conftest import MEMBERS, SOCKETS
from tests.drop_in_differences import compare, report, unexplained
from tests.integration._sync.drop_in_reader import read
from tests.integration.conftest import IMAGE_ALIAS, delete_instance, unique_name
from tests.integration.drop_in import entry, step, upstream_read

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def placed(cluster_admin: BlockingClient) -> Iterator[str]:
    """A stopped container placed on member m2."""
    name = unique_name("dropin-cl")
    source = {"type": "image", "alias": IMAGE_ALIAS}
    try:
        cluster_admin.instances.create({"name": name, "source": source}, wait=True, target="m2")
        yield name
    finally:
        delete_instance(cluster_admin, name)


def cluster_plan(instance: str) -> list[dict]:
    cluster = [["cluster"], step("get")]
    members = [["cluster"], ["members"]]
    missing = unique_name("dropin-missing")
    return [
        entry("client.server_clustered", ["server_clustered"]),
        entry("cluster.get", *cluster, kind="cluster"),
        entry("cluster.members.all", *members, step("all"), kind="member", only=MEMBERS),
        entry("cluster.members.get", *members, step("get", "m2"), kind="member"),
        entry("cluster.get().members.get", *cluster, ["members"], step("get", "m3"), kind="member"),
        entry("instances.get", ["instances"], step("get", instance), kind="instance"),
        entry("instances.all", ["instances"], step("all"), kind="instance", only=[instance]),
        entry("cluster.members.get(missing)", *members, step("get", missing)),
        entry(
            "instances.create(missing target)",
            ["instances"],
            step(
                "create", {"name": missing, "source": {"type": "none"}}, wait=True, target=missing
            ),
        ),
    ]


def test_cluster_reads_as_upstream_reads_it(placed: str) -> None:
    plan = cluster_plan(placed)
    with Client(endpoint=SOCKETS[0]) as client:
        ours = read(client, plan)
        daemon = "incus" if client.is_incus else "lxd"  # the differences explained there
    assert ours["instances.get"]["attrs"]["location"] == ["str", "m2"]
    assert "raises" in ours["cluster.members.get(missing)"]
    differences = compare(upstream_read(SOCKETS[0], plan), ours)
    left = unexplained(differences, daemon)
    assert not left, report(left)
