"""``all(filter=...)``: listings filtered by the server (LXD's ``api_filtering``,
``storage_volume_api_filtering``; Incus' ``api_filtering_extended`` on every collection),
on the real daemon (LXD and Incus). A server that does not filter a resource is refused
before the request: LXD 5.0.2 would answer the whole, unfiltered list."""

from __future__ import annotations

import pytest

from pylxd.aio import Client
from pylxd.exceptions import LXDAPIException, LXDAPIExtensionNotAvailable

from ..conftest import unique_name
from ..image_server import unified_image

pytestmark = pytest.mark.integration


@pytest.fixture
def two_instances(admin, image_alias):
    """Two containers sharing a unique ``user.batch`` value; the first one running."""
    batch = unique_name("batch")
    names = [unique_name("flt"), unique_name("flt")]
    for index, name in enumerate(names):
        instance = admin.instances.create(
            {
                "name": name,
                "source": {"type": "image", "alias": image_alias},
                "config": {"user.batch": batch, "user.role": "web" if index else "db server"},
            },
            wait=True,
        )
        if index == 0:
            instance.start(wait=True)
    yield batch, names
    for name in names:
        instance = admin.instances.get(name)
        if instance.status != "Stopped":
            instance.stop(force=True, wait=True)
        instance.delete(wait=True)


async def test_instances_filtered_by_status_and_config(two_instances) -> None:
    batch, (running, stopped) = two_instances
    async with Client() as client:
        both = await client.instances.all(filter=f"config.user.batch eq {batch}")
        assert sorted(i.name for i in both) == sorted([running, stopped])

        found = await client.instances.all(
            filter=f"status eq Running and config.user.batch eq {batch}"
        )
        assert [i.name for i in found] == [running] and found[0].status == "Running"

        as_pairs = await client.instances.all(
            filter={"config.user.batch": batch, "status": "Stopped"}
        )
        assert [i.name for i in as_pairs] == [stopped]

        quoted = await client.instances.all(
            filter={"config.user.batch": batch, "config.user.role": "db server"}
        )
        assert [i.name for i in quoted] == [running]

        typed = await client.containers.all(filter=f"config.user.batch eq {batch}")
        assert sorted(i.name for i in typed) == sorted([running, stopped])
        assert await client.virtual_machines.all(filter=f"config.user.batch eq {batch}") == []

        names = await client.instances.all(recursion=0, filter=f"config.user.batch eq {batch}")
        assert sorted(i.name for i in names) == sorted([running, stopped])
        assert await client.instances.all(filter=f"config.user.batch eq {batch}-none") == []


async def test_images_and_volumes_filtered(tmp_path, made_images, pool_name) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    tag = unique_name("tag")
    async with Client() as client:
        await client.images.create(path, properties={"tag": tag})
        found = await client.images.all(filter=f"properties.tag eq {tag}")
        assert [image.fingerprint for image in found] == [fingerprint]
        assert await client.images.all(filter={"properties.tag": f"{tag}-none"}) == []

        pool = await client.storage_pools.get(pool_name)
        await pool.volumes.create({"name": "wanted", "config": {"user.tag": tag}})
        await pool.volumes.create({"name": "other", "config": {}})
        volumes = await pool.volumes.all(filter=f"config.user.tag eq {tag}")
        assert [v.name for v in volumes] == ["wanted"]
        assert sorted(v.name for v in await pool.volumes.all()) == ["other", "wanted"]


async def test_other_collections_need_incus_extended_filters() -> None:
    async with Client() as client:
        if not client.has_api_extension("api_filtering_extended"):
            with pytest.raises(LXDAPIExtensionNotAvailable, match="api_filtering_extended"):
                await client.profiles.all(filter="name eq default")
            return
        assert [p.name for p in await client.profiles.all(filter="name eq default")] == ["default"]
        assert [p.name for p in await client.projects.all(filter={"name": "default"})] == [
            "default"
        ]
        # Incus refuses what it cannot read, with its own message.
        with pytest.raises(LXDAPIException, match="bogus"):
            await client.instances.all(filter="bogus eq 1")


async def test_an_empty_or_unquotable_filter_is_refused_before_any_request() -> None:
    async with Client() as client:
        with pytest.raises(ValueError, match="empty filter"):
            await client.instances.all(filter="  ")
        with pytest.raises(ValueError, match="double quote"):
            await client.images.all(filter={"properties.tag": 'say "hi"'})
