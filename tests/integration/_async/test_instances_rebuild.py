"""Incus 6.0's instance verbs on the real incusd: ``rebuild(image=...)`` and
``rebuild(empty=True)`` (``instances_rebuild``), ``access()`` (``instance_access``). LXD
5.0.2 has neither: the call is refused before any request."""

from __future__ import annotations

import pytest

from pylxd.aio import Client
from pylxd.exceptions import LXDAPIException, LXDAPIExtensionNotAvailable

from .instance_helpers import make_instance, read_file, write_file

pytestmark = pytest.mark.integration


async def test_rebuild_from_an_image_then_empty(instance_name, image_alias) -> None:
    async with Client() as client:
        instance = await make_instance(client, instance_name, image_alias, start=True)
        if not client.has_api_extension("instances_rebuild"):
            await instance.stop(wait=True)
            with pytest.raises(LXDAPIExtensionNotAvailable, match="instances_rebuild"):
                await instance.rebuild(image_alias)
            return
        await write_file(instance, "/root/gone", "before the rebuild")
        instance.config["user.kept"] = "yes"
        await instance.save(wait=True)
        await instance.snapshots.create("before", wait=True)

        with pytest.raises(LXDAPIException, match="(?i)stopped"):
            await instance.rebuild(image_alias)
        await instance.stop(wait=True)

        # The dir driver cannot replace a root filesystem that has snapshots.
        with pytest.raises(LXDAPIException, match="snapshots"):
            await instance.rebuild(image_alias)
        await (await instance.snapshots.get("before")).delete(wait=True)

        await instance.rebuild(image_alias)
        assert instance.config["user.kept"] == "yes"  # the configuration stays
        await instance.start(wait=True)
        result = await instance.execute(["cat", "/root/gone"])
        assert result.exit_code != 0  # a fresh root filesystem
        await write_file(instance, "/root/new", "after")
        assert await read_file(instance, "/root/new") == "after"
        await instance.stop(wait=True)

        fingerprint = instance.config["volatile.base_image"]
        await instance.rebuild({"fingerprint": fingerprint})
        await instance.rebuild(empty=True)
        assert instance.status == "Stopped"
        with pytest.raises(LXDAPIException):  # nothing left in the root filesystem
            await instance.files.get("/bin/busybox")


async def test_rebuild_needs_exactly_one_source(instance_name, image_alias) -> None:
    async with Client() as client:
        instance = await make_instance(client, instance_name, image_alias)
        with pytest.raises(ValueError, match="one of them"):
            await instance.rebuild()
        with pytest.raises(ValueError, match="one of them"):
            await instance.rebuild(image_alias, empty=True)


async def test_instance_access_lists_who_may_use_it(
    instance_name, image_alias, https_url, client_cert, trust_token
) -> None:
    async with Client() as local:
        await make_instance(local, instance_name, image_alias)
    async with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        await client.authenticate(trust_token)
        instance = await client.instances.get(instance_name)
        if not client.has_api_extension("instance_access"):
            with pytest.raises(LXDAPIExtensionNotAvailable, match="instance_access"):
                await instance.access()
            return
        entries = await instance.access()
        assert isinstance(entries, list)
        for entry in entries:  # Incus 6.0 with TLS auth: every trusted certificate, admin
            assert set(entry) >= {"identifier", "role", "provider"}
