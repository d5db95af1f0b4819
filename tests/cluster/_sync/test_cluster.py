# Generated from tests/cluster/_async/test_cluster.py by tools/unasync.py: do not edit, edit the source.
"""The cluster API on a real 3-member LXD cluster (scripts/lxd-cluster), or Incus cluster
(scripts/incus-cluster)."""

from __future__ import annotations

import base64
import json
import ssl
import subprocess

import pytest

import pylxd
from pylxd import Client
from pylxd.models import Cluster, ClusterGroup, ClusterMember
from pylxd.exceptions import LXDAPIException, LXDAPIExtensionNotAvailable, NotFound
from tests.cluster.conftest import CERT, MEMBERS, SCRIPT, SOCKETS, URLS
from tests.integration.conftest import unique_name

pytestmark = pytest.mark.integration


def image_config(name: str, alias: str) -> dict[str, object]:
    return {"name": name, "source": {"type": "image", "alias": alias}}


def test_docs_example_cluster_and_members() -> None:
    # As the docs write it: the local daemon (LXD_DIR is member m1 in this stage).
    with pylxd.Client() as client:
        cluster = client.cluster.get()
        assert isinstance(cluster, Cluster)
        assert cluster.server_name == "m1"
        assert cluster.enabled is True
        assert {"entity": "storage-pool", "name": "default", "key": "source"}.items() <= (
            cluster.member_config[0].items()
        )
        members = cluster.members.all()
        assert sorted(m.server_name for m in members) == MEMBERS
        named_member = cluster.members.get("m2")
        assert named_member.url == URLS[1]
        assert named_member.status == "Online"
        assert named_member.message == "Fully operational"
        assert isinstance(named_member.database, bool)
        assert isinstance(named_member.roles, list)
        assert named_member.architecture
        assert named_member.failure_domain == "default"
        assert "default" in named_member.groups
        assert named_member == client.cluster.members.get("m2")
        assert client.server_clustered
        # The Cluster object offers what client.cluster offers.
        assert "default" in cluster.groups.names()
        assert isinstance(cluster.join_tokens.all(), list)
        assert cluster.certificate is not None


def test_unknown_member_is_not_found() -> None:
    with Client(endpoint=SOCKETS[1]) as client:
        with pytest.raises(NotFound, match="not found"):
            client.cluster.members.get("no-such-member")
        assert sorted(client.cluster.members.names()) == MEMBERS
        assert client.cluster.members.exists("m3")
        assert not client.cluster.members.exists("no-such-member")


def test_member_edits_by_assignment_item_and_update() -> None:
    with Client() as client:
        member = client.cluster.members.get("m3")
        try:
            member.description = "edited by pylxd"
            member.failure_domain = "rack-pylxd"
            assert member.dirty
            member.save()
            assert not member.dirty
            fresh = ClusterMember.get(client, "m3")
            assert fresh.description == "edited by pylxd"
            assert fresh.failure_domain == "rack-pylxd"

            fresh.config["scheduler.instance"] = "manual"  # by item
            fresh.save()
            member = client.cluster.members.get("m3")
            assert member.config["scheduler.instance"] == "manual"
            member.config.update({"scheduler.instance": "group"})
            assert member.dirty
            member.rollback()
            assert not member.dirty
            assert member.config["scheduler.instance"] == "manual"

            fresh.roles = ["no-such-role"]
            with pytest.raises(LXDAPIException, match="role"):
                fresh.save()
        finally:
            restored = client.cluster.members.get("m3")
            restored.description = ""
            restored.failure_domain = "default"
            restored.config = {}
            restored.save()
        assert (client.cluster.members.get("m3")).failure_domain == "default"


def test_member_state_needs_its_extension() -> None:
    with Client() as client:
        member = client.cluster.members.get("m1")
        if client.has_api_extension("cluster_member_state"):
            state = member.state()
            assert "default" in state.storage_pools
        else:
            with pytest.raises(LXDAPIExtensionNotAvailable, match="cluster_member_state"):
                member.state()


def test_create_with_target_lands_there_and_moves(instance_name, image_alias) -> None:
    with Client() as client:
        instance = client.instances.create(
            image_config(instance_name, image_alias), wait=True, target="m2"
        )
        assert instance.location == "m2"
        assert (client.instances.get(instance_name)).location == "m2"
        instance.move("m3")
        assert instance.location == "m3"
        instance.start(wait=True)
        assert (instance.execute(["hostname"])).stdout.strip() == instance_name
        with pytest.raises(LXDAPIException):
            instance.move("m1")  # a running instance cannot move


def test_create_with_unknown_target_is_refused(instance_name, image_alias) -> None:
    with Client() as client:
        with pytest.raises(LXDAPIException):
            client.instances.create(
                image_config(instance_name, image_alias), wait=True, target="no-such-member"
            )


def test_groups_crud_and_placement(group_name, instance_name, image_alias) -> None:
    with Client() as client:
        group = client.cluster.groups.create(group_name, "pylxd test", members=["m3"])
        assert isinstance(group, ClusterGroup)
        assert group.members == ["m3"]
        assert group.description == "pylxd test"
        assert client.cluster.groups.exists(group_name)
        assert group_name in [g.name for g in client.cluster.groups.all()]
        # Incus says it in its database's words.
        with pytest.raises(LXDAPIException, match="already exists|UNIQUE constraint failed"):
            client.cluster.groups.create(group_name)
        assert group_name in (client.cluster.members.get("m3")).groups

        instance = client.instances.create(
            image_config(instance_name, image_alias), wait=True, target=f"@{group_name}"
        )
        assert instance.location == "m3"

        group.description = "by assignment"
        group.members.append("m2")
        group.save()
        fresh = client.cluster.groups.get(group_name)
        assert fresh.description == "by assignment"
        assert sorted(fresh.members) == ["m2", "m3"]

        new_name = unique_name("grp")
        fresh.rename(new_name)
        assert fresh.name == new_name
        instance.delete(wait=True)  # placed through the group: it follows no rename
        assert not client.cluster.groups.exists(group_name)
        with pytest.raises(LXDAPIException, match="Only empty cluster groups"):
            fresh.delete()
        fresh.members = []
        fresh.save()
        fresh.delete()
        with pytest.raises(NotFound):
            client.cluster.groups.get(new_name)
        with pytest.raises(LXDAPIException):
            client.cluster.groups.create("bad/name")


def test_join_token_created_listed_and_revoked() -> None:
    with Client() as client:
        name = unique_name("m")[-12:]
        token = client.cluster.join_tokens.create(name)
        try:
            assert token.server_name == name
            body = json.loads(base64.b64decode(str(token)))
            assert body["server_name"] == name
            assert body["secret"] == token.secret
            assert sorted(body["addresses"]) == sorted(u.removeprefix("https://") for u in URLS)
            assert name in [t.server_name for t in client.cluster.join_tokens.all()]
        finally:
            client.cluster.join_tokens.revoke(name)
        assert name not in [t.server_name for t in client.cluster.join_tokens.all()]
        with pytest.raises(NotFound):
            client.cluster.join_tokens.revoke(name)


def test_enable_on_a_clustered_server_is_refused() -> None:
    with Client() as client:
        with pytest.raises(LXDAPIException):
            client.cluster.enable("m1")


def test_evacuate_and_restore_move_the_instances(instance_name, image_alias) -> None:
    with Client() as client:
        # Evacuation shuts the instance down cleanly first; busybox's init ignores LXD's
        # SIGPWR, so without this LXD waits its default 30 s before killing it.
        config = {
            **image_config(instance_name, image_alias),
            "config": {"boot.host_shutdown_timeout": "1"},
        }
        instance = client.instances.create(config, wait=True, target="m2")
        instance.start(wait=True)
        member = client.cluster.members.get("m2")
        if not client.has_api_extension("clustering_evacuation_mode"):
            with pytest.raises(LXDAPIExtensionNotAvailable):
                member.evacuate(mode="stop")
        try:
            member.evacuate(wait=True)
            assert member.status == "Evacuated"
            instance.sync()
            assert instance.location != "m2"
        finally:
            member.restore(wait=True)
        assert member.status == "Online"
        instance.sync()
        assert instance.location == "m2"
        assert instance.status == "Running"


def test_https_client_with_a_cluster_certificate() -> None:
    with Client(endpoint=URLS[2], cert=CERT, verify=False) as client:
        assert client.trusted
        assert (client.cluster.get()).server_name == "m3"


def test_enable_a_standalone_server_and_update_its_certificate(
    spare_server, tmp_path
) -> None:
    from tests.certs import make_cert

    socket, address = spare_server
    with Client(endpoint=socket) as client:
        assert not client.server_clustered
        assert (client.cluster.get()).enabled is False
        client.api.patch(json={"config": {"core.https_address": address}})
        cluster = client.cluster.enable("spare")
        assert cluster.enabled is True
        assert cluster.server_name == "spare"
        assert client.server_clustered
        assert [m.server_name for m in cluster.members.all()] == ["spare"]

        crt, key = make_cert(tmp_path, "cluster", ca=False)
        with open(crt) as f_crt, open(key) as f_key:
            client.cluster.certificate.put(f_crt.read(), f_key.read())
    # The server now serves the new certificate: pinning it works.
    with Client(endpoint=socket) as client:
        client.api.certificates.post(
            json={"type": "client", "certificate": _der_base64(CERT[0])}
        )
    with Client(endpoint=f"https://{address}", cert=CERT, verify=crt) as client:
        assert client.trusted


def _join_spare(client: Client, socket: str, address: str) -> None:
    """Join the spare server to our cluster with a token from ``client``."""
    token = client.cluster.join_tokens.create("spare")
    with Client(endpoint=socket) as spare:
        join = {
            "server_name": "spare",
            "server_address": address,
            "cluster_address": URLS[0].removeprefix("https://"),
            "cluster_certificate": ssl.get_server_certificate(
                (URLS[0].removeprefix("https://").rsplit(":", 1)[0], 8443)
            ),
            "cluster_token": str(token),
            "cluster_password": str(token),  # where LXD 5.0 reads it
            "enabled": True,
            "member_config": [
                {"entity": "storage-pool", "name": "default", "key": "source", "value": ""}
            ],
        }
        response = spare.api.cluster.put(json=join)
        spare.operations.wait_for_operation(response.json()["operation"])


def test_join_with_a_token_then_remove_the_member(spare_server) -> None:
    socket, address = spare_server
    with Client() as client:
        _join_spare(client, socket, address)
        member = client.cluster.members.get("spare")
        assert member.url == f"https://{address}"
        member.delete()
        with pytest.raises(NotFound):
            client.cluster.members.get("spare")
        assert sorted(m.server_name for m in client.cluster.members.all()) == MEMBERS


def test_an_unreachable_member_is_removed_with_force(spare_server) -> None:
    socket, address = spare_server
    with Client() as client:
        _join_spare(client, socket, address)
        member = client.cluster.members.get("spare")
        # Stopped (the spare's fixture removes it afterwards, started or not).
        subprocess.run([SCRIPT, "stop", str(len(URLS) + 1)], check=True, capture_output=True)
        with pytest.raises(LXDAPIException):
            member.delete()
        member.delete(force=True)
        assert sorted(client.cluster.members.names()) == MEMBERS


def _der_base64(path: str) -> str:
    with open(path) as f:
        return "".join(line for line in f.read().splitlines() if "-----" not in line)
