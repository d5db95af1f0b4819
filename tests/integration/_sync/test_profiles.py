# Generated from tests/integration/_async/test_profiles.py by tools/unasync.py: do not edit, edit the source.
"""Profiles on the real daemons: the documented examples, every method, bad input."""

from __future__ import annotations

import pytest

from pylxd import Client
from pylxd.models import Profile
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


def test_documented_create_example(profile_name, client) -> None:
    with pytest.raises(LXDAPIException, match='must have a "pool" property'):
        profile = client.profiles.create(
            profile_name,
            config={"security.nesting": "true"},
            devices={"root": {"path": "/", "size": "10GB", "type": "disk"}},
        )
    profile = client.profiles.create(
        profile_name,
        config={"security.nesting": "true"},
        devices={"root": {"path": "/", "size": "10GB", "type": "disk", "pool": "default"}},
    )
    assert isinstance(profile, Profile) and profile.name == profile_name
    assert profile.config == {"security.nesting": "true"}
    assert profile.devices["root"]["size"] == "10GB"
    assert profile.used_by == [] and not profile.dirty


def test_documented_get_update_save_example(profile_name, client) -> None:
    client.profiles.create(profile_name, description="before")
    profile = client.profiles.get(profile_name)
    profile.config.update({"security.nesting": "true"})
    profile.devices.update(
        {"eth0": {"parent": "lxdbr0", "nictype": "bridged", "type": "nic", "name": "eth0"}}
    )
    assert profile.dirty
    profile.save()
    assert not profile.dirty
    fresh = client.profiles.get(profile_name)
    assert fresh.config == {"security.nesting": "true"}
    assert fresh.devices["eth0"]["parent"] == "lxdbr0"
    assert fresh.description == "before"  # save() PUTs the whole profile back


def test_all_exists_names_rename_delete(profile_name, client) -> None:
    made = client.profiles.create(profile_name, config={"user.a": "1"})
    assert client.profiles.exists(profile_name)
    assert not client.profiles.exists(f"{profile_name}-missing")
    listed = {p.name: p for p in client.profiles.all()}
    assert listed[profile_name] == made and listed[profile_name].config == {"user.a": "1"}
    assert "default" in listed

    renamed = made.rename(f"{profile_name}-renamed")
    assert renamed is made and made.name == f"{profile_name}-renamed"
    assert not client.profiles.exists(profile_name)
    assert (client.profiles.get(made.name)).config == {"user.a": "1"}

    made.delete()
    assert not client.profiles.exists(made.name)
    with pytest.raises(NotFound, match="Profile not found"):
        client.profiles.get(made.name)


def test_upstream_classmethods(profile_name, client) -> None:
    made = Profile.create(client, profile_name, config={"user.x": "y"}, devices={})
    assert Profile.exists(client, profile_name)
    assert (Profile.get(client, profile_name)) == made
    assert profile_name in [p.name for p in Profile.all(client)]


def test_edits_by_assignment_by_item_and_patch(profile_name, client) -> None:
    profile = client.profiles.create(profile_name)
    profile.description = "by assignment"
    profile.config["user.item"] = "by item"
    profile.save()
    profile.patch({"config": {"user.patched": "yes"}})
    fresh = client.profiles.get(profile_name)
    assert fresh.description == "by assignment"
    assert fresh.config == {"user.item": "by item", "user.patched": "yes"}
    assert profile.config == fresh.config  # patch() read it back


def test_used_by_lists_the_instances(
    profile_name, instance_name, image_alias, client
) -> None:
    client.profiles.create(profile_name, config={"user.from-profile": "1"})
    instance = client.instances.create(
        {
            "name": instance_name,
            "source": {"type": "image", "alias": image_alias},
            "profiles": ["default", profile_name],
        },
        wait=True,
    )
    assert instance.expanded_config["user.from-profile"] == "1"
    profile = client.profiles.get(profile_name)
    assert [url.split("?")[0] for url in profile.used_by] == [f"/1.0/instances/{instance_name}"]
    with pytest.raises(LXDAPIException, match="currently in use"):
        profile.delete()


def test_bad_input(profile_name, client) -> None:
    with pytest.raises(LXDAPIException, match="Unknown configuration key: bogus.key"):
        client.profiles.create(profile_name, config={"bogus.key": "1"})
    assert not client.profiles.exists(profile_name)

    profile = client.profiles.create(profile_name)
    with pytest.raises(Conflict, match="already exists") as caught:
        client.profiles.create(profile_name)
    assert caught.value.error  # LXD's own text

    profile.config["bogus.key"] = "1"
    with pytest.raises(LXDAPIException, match="Unknown configuration key: bogus.key"):
        profile.save()
    profile.rollback()
    assert profile.config == {} and not profile.dirty

    with pytest.raises(NotFound, match="Profile not found"):
        client.profiles.get(f"{profile_name}-missing")
    with pytest.raises(NotFound):
        Profile.get(client, f"{profile_name}-missing")


def test_per_call_project(admin, profile_name) -> None:
    project = unique_name("proj")
    with Client() as client:
        client.projects.create(project, config={"features.profiles": "true"})
        try:
            made = client.profiles.create(
                profile_name, config={"user.where": project}, project=project
            )
            assert not client.profiles.exists(profile_name)  # not in the default project
            assert client.profiles.exists(profile_name, project=project)
            got = client.profiles.get(profile_name, project=project)
            assert got.config == {"user.where": project}
            assert profile_name in [p.name for p in client.profiles.all(project=project)]
            # The object remembers its project: edits and deletes go there.
            got.config["user.edited"] = "1"
            got.save()
            assert (made.api.get()).json()["metadata"]["config"]["user.edited"] == "1"
            with Client(project=project) as bound:  # a client bound to the project
                assert (bound.profiles.get(profile_name)).config["user.edited"] == "1"
            got.delete()
            assert not client.profiles.exists(profile_name, project=project)
            if client.has_api_extension("profiles_all_projects"):
                everywhere = client.profiles.all(all_projects=True)
                assert {"default"} <= {p.project for p in everywhere}
            else:
                with pytest.raises(LXDAPIExtensionNotAvailable, match="profiles_all_projects"):
                    client.profiles.all(all_projects=True)
        finally:
            for leftover in client.profiles.all(project=project):
                if leftover.name != "default":
                    leftover.delete()
            (client.projects.get(project)).delete()
