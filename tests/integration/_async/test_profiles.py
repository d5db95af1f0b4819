"""Profiles on the real daemons: the documented examples, every method, bad input."""

from __future__ import annotations

import pytest

from pylxd.aio import Client
from pylxd.aio.models import Profile
from pylxd.exceptions import Conflict, LXDAPIException, LXDAPIExtensionNotAvailable, NotFound
from tests.integration.conftest import unique_name

pytestmark = pytest.mark.integration


@pytest.fixture
def profile_name(admin):
    """A unique profile name; whatever profile carries it (or its renamed twin) is deleted."""
    name = unique_name("prof")
    yield name
    for leftover in (name, f"{name}-renamed"):
        try:
            admin.api.profiles[leftover].delete()
        except NotFound:
            pass


async def test_documented_create_example(profile_name, client) -> None:
    with pytest.raises(LXDAPIException, match='must have a "pool" property'):
        profile = await client.profiles.create(
            profile_name,
            config={"security.nesting": "true"},
            devices={"root": {"path": "/", "size": "10GB", "type": "disk"}},
        )
    profile = await client.profiles.create(
        profile_name,
        config={"security.nesting": "true"},
        devices={"root": {"path": "/", "size": "10GB", "type": "disk", "pool": "default"}},
    )
    assert isinstance(profile, Profile) and profile.name == profile_name
    assert profile.config == {"security.nesting": "true"}
    assert profile.devices["root"]["size"] == "10GB"
    assert profile.used_by == [] and not profile.dirty


async def test_documented_get_update_save_example(profile_name, client) -> None:
    await client.profiles.create(profile_name, description="before")
    profile = await client.profiles.get(profile_name)
    profile.config.update({"security.nesting": "true"})
    profile.devices.update(
        {"eth0": {"parent": "lxdbr0", "nictype": "bridged", "type": "nic", "name": "eth0"}}
    )
    assert profile.dirty
    await profile.save()
    assert not profile.dirty
    fresh = await client.profiles.get(profile_name)
    assert fresh.config == {"security.nesting": "true"}
    assert fresh.devices["eth0"]["parent"] == "lxdbr0"
    assert fresh.description == "before"  # save() PUTs the whole profile back


async def test_all_exists_names_rename_delete(profile_name, client) -> None:
    made = await client.profiles.create(profile_name, config={"user.a": "1"})
    assert await client.profiles.exists(profile_name)
    assert not await client.profiles.exists(f"{profile_name}-missing")
    listed = {p.name: p for p in await client.profiles.all()}
    assert listed[profile_name] == made and listed[profile_name].config == {"user.a": "1"}
    assert "default" in listed

    renamed = await made.rename(f"{profile_name}-renamed")
    assert renamed is made and made.name == f"{profile_name}-renamed"
    assert not await client.profiles.exists(profile_name)
    assert (await client.profiles.get(made.name)).config == {"user.a": "1"}

    await made.delete()
    assert not await client.profiles.exists(made.name)
    with pytest.raises(NotFound, match="Profile not found"):
        await client.profiles.get(made.name)


async def test_upstream_classmethods(profile_name, client) -> None:
    made = await Profile.create(client, profile_name, config={"user.x": "y"}, devices={})
    assert await Profile.exists(client, profile_name)
    assert (await Profile.get(client, profile_name)) == made
    assert profile_name in [p.name for p in await Profile.all(client)]


async def test_edits_by_assignment_by_item_and_patch(profile_name, client) -> None:
    profile = await client.profiles.create(profile_name)
    profile.description = "by assignment"
    profile.config["user.item"] = "by item"
    await profile.save()
    await profile.patch({"config": {"user.patched": "yes"}})
    fresh = await client.profiles.get(profile_name)
    assert fresh.description == "by assignment"
    assert fresh.config == {"user.item": "by item", "user.patched": "yes"}
    assert profile.config == fresh.config  # patch() read it back


async def test_used_by_lists_the_instances(
    profile_name, instance_name, image_alias, client
) -> None:
    await client.profiles.create(profile_name, config={"user.from-profile": "1"})
    instance = await client.instances.create(
        {
            "name": instance_name,
            "source": {"type": "image", "alias": image_alias},
            "profiles": ["default", profile_name],
        },
        wait=True,
    )
    assert instance.expanded_config["user.from-profile"] == "1"
    profile = await client.profiles.get(profile_name)
    assert [url.split("?")[0] for url in profile.used_by] == [f"/1.0/instances/{instance_name}"]
    with pytest.raises(LXDAPIException, match="currently in use"):
        await profile.delete()


async def test_bad_input(profile_name, client) -> None:
    with pytest.raises(LXDAPIException, match="Unknown configuration key: bogus.key"):
        await client.profiles.create(profile_name, config={"bogus.key": "1"})
    assert not await client.profiles.exists(profile_name)

    profile = await client.profiles.create(profile_name)
    with pytest.raises(Conflict, match="already exists") as caught:
        await client.profiles.create(profile_name)
    assert caught.value.error  # LXD's own text

    profile.config["bogus.key"] = "1"
    with pytest.raises(LXDAPIException, match="Unknown configuration key: bogus.key"):
        await profile.save()
    await profile.rollback()
    assert profile.config == {} and not profile.dirty

    with pytest.raises(NotFound, match="Profile not found"):
        await client.profiles.get(f"{profile_name}-missing")
    with pytest.raises(NotFound):
        await Profile.get(client, f"{profile_name}-missing")


async def test_per_call_project(admin, profile_name) -> None:
    project = unique_name("proj")
    async with Client() as client:
        await client.projects.create(project, config={"features.profiles": "true"})
        try:
            made = await client.profiles.create(
                profile_name, config={"user.where": project}, project=project
            )
            assert not await client.profiles.exists(profile_name)  # not in the default project
            assert await client.profiles.exists(profile_name, project=project)
            got = await client.profiles.get(profile_name, project=project)
            assert got.config == {"user.where": project}
            assert profile_name in [p.name for p in await client.profiles.all(project=project)]
            # The object remembers its project: edits and deletes go there.
            got.config["user.edited"] = "1"
            await got.save()
            assert (await made.api.get()).json()["metadata"]["config"]["user.edited"] == "1"
            async with Client(project=project) as bound:  # a client bound to the project
                assert (await bound.profiles.get(profile_name)).config["user.edited"] == "1"
            await got.delete()
            assert not await client.profiles.exists(profile_name, project=project)
            if client.has_api_extension("profiles_all_projects"):
                everywhere = await client.profiles.all(all_projects=True)
                assert {"default"} <= {p.project for p in everywhere}
            else:
                with pytest.raises(LXDAPIExtensionNotAvailable, match="profiles_all_projects"):
                    await client.profiles.all(all_projects=True)
        finally:
            for leftover in await client.profiles.all(project=project):
                if leftover.name != "default":
                    await leftover.delete()
            await (await client.projects.get(project)).delete()
