"""Projects, and working inside one: a bound client, per-call project=, all_projects."""

from __future__ import annotations

import pytest

from pylxd.aio import Client
from pylxd.aio.models import Project
from pylxd.exceptions import Conflict, LXDAPIException, LXDAPIExtensionNotAvailable, NotFound
from tests.integration.conftest import delete_project, unique_name

pytestmark = pytest.mark.integration


@pytest.fixture
def new_project_name(admin):
    """A unique project name; whatever project carries it (or its renamed twin) is deleted."""
    name = unique_name("proj")
    yield name
    for leftover in (name, f"{name}-renamed"):
        delete_project(admin, leftover)


def image_config(name: str, alias: str) -> dict[str, object]:
    return {"name": name, "source": {"type": "image", "alias": alias}}


async def test_create_get_all_exists_save_rename_delete(new_project_name, client) -> None:
    project = await client.projects.create(
        new_project_name, description="made by a test", config={"features.images": "false"}
    )
    assert isinstance(project, Project)
    assert project.description == "made by a test"
    assert project.config["features.images"] == "false"
    assert project.used_by is not None and not project.dirty
    assert await client.projects.exists(new_project_name)
    assert await Project.exists(client, new_project_name)
    listed = {p.name: p for p in await client.projects.all()}
    assert listed[new_project_name] == project and "default" in listed
    assert (await Project.get(client, new_project_name)) == project

    project.description = "edited"
    project.config["limits.instances"] = "3"
    await project.save()
    fresh = await client.projects.get(new_project_name)
    assert fresh.description == "edited" and fresh.config["limits.instances"] == "3"

    renamed = await project.rename(f"{new_project_name}-renamed")
    assert renamed is project and project.name == f"{new_project_name}-renamed"
    assert not await client.projects.exists(new_project_name)
    assert await client.projects.exists(project.name)

    await project.delete()
    with pytest.raises(NotFound):
        await client.projects.get(project.name)


async def test_upstream_create_classmethod(new_project_name, client) -> None:
    project = await Project.create(client, new_project_name, "described", {})
    assert project.description == "described"


async def test_state_is_the_resource_usage(
    project_name, instance_name, image_alias, client
) -> None:
    project = await client.projects.get(project_name)
    before = await project.state()
    assert before["resources"]["instances"] == {"Limit": -1, "Usage": 0}
    await client.instances.create(
        image_config(instance_name, image_alias), wait=True, project=project_name
    )
    after = await project.state()
    assert after["resources"]["instances"]["Usage"] == 1


async def test_bad_input(new_project_name, client) -> None:
    with pytest.raises(LXDAPIException, match="bogus.key"):
        await client.projects.create(new_project_name, config={"bogus.key": "1"})
    assert not await client.projects.exists(new_project_name)
    await client.projects.create(new_project_name)
    with pytest.raises(Conflict):
        await client.projects.create(new_project_name)
    with pytest.raises(NotFound):
        await client.projects.get(f"{new_project_name}-missing")
    with pytest.raises(ValueError, match="not both"):
        await client.instances.all(project="default", all_projects=True)


async def test_bound_client_and_per_call_project(
    project_name, instance_name, image_alias, client
) -> None:
    made = await client.instances.create(
        image_config(instance_name, image_alias), wait=True, project=project_name
    )
    assert made.project == project_name
    assert not await client.instances.exists(instance_name)
    assert await client.instances.exists(instance_name, project=project_name)
    got = await client.instances.get(instance_name, project=project_name)
    assert got.project == project_name
    assert [i.name for i in await client.instances.all(project=project_name)] == [instance_name]
    assert [i.name for i in await client.containers.all(project=project_name)] == [instance_name]
    got.config["user.edited"] = "yes"
    await got.save(wait=True)

    # A client bound to the project sees the same instance.
    async with Client(project=project_name) as bound:
        assert bound.project == project_name
        seen = await bound.instances.get(instance_name)
        assert seen.config["user.edited"] == "yes"
        names = [i.name for i in await bound.instances.all(recursion=0)]
        assert names == [instance_name]

    # Every project's instances, each remembering its own project.
    everywhere = await client.instances.all(all_projects=True)
    mine = [i for i in everywhere if i.name == instance_name]
    assert [i.project for i in mine] == [project_name]
    sparse = [
        i
        for i in await client.instances.all(recursion=0, all_projects=True)
        if i.name == instance_name
    ]
    assert [i.project for i in sparse] == [project_name]
    await mine[0].delete(wait=True)  # goes to its project
    assert not await client.instances.exists(instance_name, project=project_name)


async def test_operations_per_project(project_name, instance_name, image_alias, client) -> None:
    await client.instances.create(
        image_config(instance_name, image_alias), wait=True, project=project_name
    )
    in_project = await client.operations.all(project=project_name)
    assert all(op.id for op in in_project)
    if client.has_api_extension("operations_get_query_all_projects"):
        everywhere = await client.operations.list(all_projects=True)
        assert {op.id for op in in_project} <= {op.id for op in everywhere}
    else:
        with pytest.raises(LXDAPIExtensionNotAvailable):
            await client.operations.all(all_projects=True)
