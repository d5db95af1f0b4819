"""The cluster API on a real 3-member LXD cluster (scripts/lxd-cluster), or Incus cluster
(scripts/incus-cluster)."""

from __future__ import annotations

import base64
import json
import ssl
import subprocess

import pytest

import pylxd.aio
from pylxd.aio import Client
from pylxd.aio.models import Cluster, ClusterGroup, ClusterMember
from pylxd.exceptions import LXDAPIException, LXDAPIExtensionNotAvailable, NotFound
from tests.cluster.conftest import CERT, MEMBERS, SCRIPT, SOCKETS, URLS
from tests.integration.conftest import unique_name

pytestmark = pytest.mark.integration


def image_config(name: str, alias: str) -> dict[str, object]:
    return {"name": name, "source": {"type": "image", "alias": alias}}


async def test_docs_example_cluster_and_members() -> None:
    # As the docs write it: the local daemon (LXD_DIR is member m1 in this stage).
    async with pylxd.aio.Client() as client:
        cluster = await client.cluster.get()
        assert isinstance(cluster, Cluster)
        assert cluster.server_name == "m1"
        assert cluster.enabled is True
        assert {"entity": "storage-pool", "name": "default", "key": "source"}.items() <= (
            cluster.member_config[0].items()
        )
        members = await cluster.members.all()
        assert sorted(m.server_name for m in members) == MEMBERS
        named_member = await cluster.members.get("m2")
        assert named_member.url == URLS[1]
        assert named_member.status == "Online"
        assert named_member.message == "Fully operational"
        assert isinstance(named_member.database, bool)
        assert isinstance(named_member.roles, list)
        assert named_member.architecture
        assert named_member.failure_domain == "default"
        assert "default" in named_member.groups
        assert named_member == await client.cluster.members.get("m2")
        assert client.server_clustered
        # The Cluster object offers what client.cluster offers.
        assert "default" in await cluster.groups.names()
        assert isinstance(await cluster.join_tokens.all(), list)
        assert cluster.certificate is not None


async def test_unknown_member_is_not_found() -> None:
    async with Client(endpoint=SOCKETS[1]) as client:
        with pytest.raises(NotFound, match="not found"):
            await client.cluster.members.get("no-such-member")
        assert sorted(await client.cluster.members.names()) == MEMBERS
        assert await client.cluster.members.exists("m3")
        assert not await client.cluster.members.exists("no-such-member")


async def test_member_edits_by_assignment_item_and_update() -> None:
    async with Client() as client:
        member = await client.cluster.members.get("m3")
        try:
            member.description = "edited by pylxd"
            member.failure_domain = "rack-pylxd"
            assert member.dirty
            await member.save()
            assert not member.dirty
            fresh = await ClusterMember.get(client, "m3")
            assert fresh.description == "edited by pylxd"
            assert fresh.failure_domain == "rack-pylxd"

            fresh.config["scheduler.instance"] = "manual"  # by item
            await fresh.save()
            member = await client.cluster.members.get("m3")
            assert member.config["scheduler.instance"] == "manual"
            member.config.update({"scheduler.instance": "group"})
            assert member.dirty
            await member.rollback()
            assert not member.dirty
            assert member.config["scheduler.instance"] == "manual"

            fresh.roles = ["no-such-role"]
            with pytest.raises(LXDAPIException, match="role"):
                await fresh.save()
        finally:
            restored = await client.cluster.members.get("m3")
            restored.description = ""
            restored.failure_domain = "default"
            restored.config = {}
            await restored.save()
        assert (await client.cluster.members.get("m3")).failure_domain == "default"


async def test_member_state_needs_its_extension() -> None:
    async with Client() as client:
        member = await client.cluster.members.get("m1")
        if client.has_api_extension("cluster_member_state"):
            state = await member.state()
            assert "default" in state.storage_pools
        else:
            with pytest.raises(LXDAPIExtensionNotAvailable, match="cluster_member_state"):
                await member.state()


async def test_create_with_target_lands_there_and_moves(instance_name, image_alias) -> None:
    async with Client() as client:
        instance = await client.instances.create(
            image_config(instance_name, image_alias), wait=True, target="m2"
        )
        assert instance.location == "m2"
        assert (await client.instances.get(instance_name)).location == "m2"
        await instance.move("m3")
        assert instance.location == "m3"
        await instance.start(wait=True)
        assert (await instance.execute(["hostname"])).stdout.strip() == instance_name
        with pytest.raises(LXDAPIException):
            await instance.move("m1")  # a running instance cannot move


async def test_create_with_unknown_target_is_refused(instance_name, image_alias) -> None:
    async with Client() as client:
        with pytest.raises(LXDAPIException):
            await client.instances.create(
                image_config(instance_name, image_alias), wait=True, target="no-such-member"
            )


async def test_groups_crud_and_placement(group_name, instance_name, image_alias) -> None:
    async with Client() as client:
        group = await client.cluster.groups.create(group_name, "pylxd test", members=["m3"])
        assert isinstance(group, ClusterGroup)
        assert group.members == ["m3"]
        assert group.description == "pylxd test"
        assert await client.cluster.groups.exists(group_name)
        assert group_name in [g.name for g in await client.cluster.groups.all()]
        # Incus says it in its database's words.
        with pytest.raises(LXDAPIException, match="already exists|UNIQUE constraint failed"):
            await client.cluster.groups.create(group_name)
        assert group_name in (await client.cluster.members.get("m3")).groups

        instance = await client.instances.create(
            image_config(instance_name, image_alias), wait=True, target=f"@{group_name}"
        )
        assert instance.location == "m3"

        group.description = "by assignment"
        group.members.append("m2")
        await group.save()
        fresh = await client.cluster.groups.get(group_name)
        assert fresh.description == "by assignment"
        assert sorted(fresh.members) == ["m2", "m3"]

        new_name = unique_name("grp")
        await fresh.rename(new_name)
        assert fresh.name == new_name
        await instance.delete(wait=True)  # placed through the group: it follows no rename
        assert not await client.cluster.groups.exists(group_name)
        with pytest.raises(LXDAPIException, match="Only empty cluster groups"):
            await fresh.delete()
        fresh.members = []
        await fresh.save()
        await fresh.delete()
        with pytest.raises(NotFound):
            await client.cluster.groups.get(new_name)
        with pytest.raises(LXDAPIException):
            await client.cluster.groups.create("bad/name")


async def test_join_token_created_listed_and_revoked() -> None:
    async with Client() as client:
        name = unique_name("m")[-12:]
        token = await client.cluster.join_tokens.create(name)
        try:
            assert token.server_name == name
            body = json.loads(base64.b64decode(str(token)))
            assert body["server_name"] == name
            assert body["secret"] == token.secret
            assert sorted(body["addresses"]) == sorted(u.removeprefix("https://") for u in URLS)
            assert name in [t.server_name for t in await client.cluster.join_tokens.all()]
        finally:
            await client.cluster.join_tokens.revoke(name)
        assert name not in [t.server_name for t in await client.cluster.join_tokens.all()]
        with pytest.raises(NotFound):
            await client.cluster.join_tokens.revoke(name)


async def test_enable_on_a_clustered_server_is_refused() -> None:
    async with Client() as client:
        with pytest.raises(LXDAPIException):
            await client.cluster.enable("m1")


async def test_evacuate_and_restore_move_the_instances(instance_name, image_alias) -> None:
    async with Client() as client:
        # Evacuation shuts the instance down cleanly first; busybox's init ignores LXD's
        # SIGPWR, so without this LXD waits its default 30 s before killing it.
        config = {
            **image_config(instance_name, image_alias),
            "config": {"boot.host_shutdown_timeout": "1"},
        }
        instance = await client.instances.create(config, wait=True, target="m2")
        await instance.start(wait=True)
        member = await client.cluster.members.get("m2")
        if not client.has_api_extension("clustering_evacuation_mode"):
            with pytest.raises(LXDAPIExtensionNotAvailable):
                await member.evacuate(mode="stop")
        try:
            await member.evacuate(wait=True)
            assert member.status == "Evacuated"
            await instance.sync()
            assert instance.location != "m2"
        finally:
            await member.restore(wait=True)
        assert member.status == "Online"
        await instance.sync()
        assert instance.location == "m2"
        assert instance.status == "Running"


async def test_https_client_with_a_cluster_certificate() -> None:
    async with Client(endpoint=URLS[2], cert=CERT, verify=False) as client:
        assert client.trusted
        assert (await client.cluster.get()).server_name == "m3"


async def test_enable_a_standalone_server_and_update_its_certificate(
    spare_server, tmp_path
) -> None:
    from tests.certs import make_cert

    socket, address = spare_server
    async with Client(endpoint=socket) as client:
        assert not client.server_clustered
        assert (await client.cluster.get()).enabled is False
        await client.api.patch(json={"config": {"core.https_address": address}})
        cluster = await client.cluster.enable("spare")
        assert cluster.enabled is True
        assert cluster.server_name == "spare"
        assert client.server_clustered
        assert [m.server_name for m in await cluster.members.all()] == ["spare"]

        crt, key = make_cert(tmp_path, "cluster", ca=False)
        with open(crt) as f_crt, open(key) as f_key:
            await client.cluster.certificate.put(f_crt.read(), f_key.read())
    # The server now serves the new certificate: pinning it works.
    async with Client(endpoint=socket) as client:
        await client.api.certificates.post(
            json={"type": "client", "certificate": _der_base64(CERT[0])}
        )
    async with Client(endpoint=f"https://{address}", cert=CERT, verify=crt) as client:
        assert client.trusted


async def _join_spare(client: Client, socket: str, address: str) -> None:
    """Join the spare server to our cluster with a token from ``client``."""
    token = await client.cluster.join_tokens.create("spare")
    async with Client(endpoint=socket) as spare:
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
        response = await spare.api.cluster.put(json=join)
        await spare.operations.wait_for_operation(response.json()["operation"])


async def test_join_with_a_token_then_remove_the_member(spare_server) -> None:
    socket, address = spare_server
    async with Client() as client:
        await _join_spare(client, socket, address)
        member = await client.cluster.members.get("spare")
        assert member.url == f"https://{address}"
        await member.delete()
        with pytest.raises(NotFound):
            await client.cluster.members.get("spare")
        assert sorted(m.server_name for m in await client.cluster.members.all()) == MEMBERS


async def test_an_unreachable_member_is_removed_with_force(spare_server) -> None:
    socket, address = spare_server
    async with Client() as client:
        await _join_spare(client, socket, address)
        member = await client.cluster.members.get("spare")
        # Stopped (the spare's fixture removes it afterwards, started or not).
        subprocess.run([SCRIPT, "stop", str(len(URLS) + 1)], check=True, capture_output=True)
        with pytest.raises(LXDAPIException):
            await member.delete()
        await member.delete(force=True)
        assert sorted(await client.cluster.members.names()) == MEMBERS


def _der_base64(path: str) -> str:
    with open(path) as f:
        return "".join(line for line in f.read().splitlines() if "-----" not in line)
