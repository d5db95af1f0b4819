# Generated from tests/integration/_async/test_projects.py by tools/unasync.py: do not edit, edit the source.
"""Projects, and working inside one: a bound client, per-call project=, all_projects."""

from __future__ import annotations

import pytest

from pylxd import Client
from pylxd.models import Project
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


def test_create_get_all_exists_save_rename_delete(new_project_name, client) -> None:
    project = client.projects.create(
        new_project_name, description="made by a test", config={"features.images": "false"}
    )
    assert isinstance(project, Project)
    assert project.description == "made by a test"
    assert project.config["features.images"] == "false"
    assert project.used_by is not None and not project.dirty
    assert client.projects.exists(new_project_name)
    assert Project.exists(client, new_project_name)
    listed = {p.name: p for p in client.projects.all()}
    assert listed[new_project_name] == project and "default" in listed
    assert (Project.get(client, new_project_name)) == project

    project.description = "edited"
    project.config["limits.instances"] = "3"
    project.save()
    fresh = client.projects.get(new_project_name)
    assert fresh.description == "edited" and fresh.config["limits.instances"] == "3"

    renamed = project.rename(f"{new_project_name}-renamed")
    assert renamed is project and project.name == f"{new_project_name}-renamed"
    assert not client.projects.exists(new_project_name)
    assert client.projects.exists(project.name)

    project.delete()
    with pytest.raises(NotFound):
        client.projects.get(project.name)


def test_upstream_create_classmethod(new_project_name, client) -> None:
    project = Project.create(client, new_project_name, "described", {})
    assert project.description == "described"


def test_state_is_the_resource_usage(
    project_name, instance_name, image_alias, client
) -> None:
    project = client.projects.get(project_name)
    before = project.state()
    assert before["resources"]["instances"] == {"Limit": -1, "Usage": 0}
    client.instances.create(
        image_config(instance_name, image_alias), wait=True, project=project_name
    )
    after = project.state()
    assert after["resources"]["instances"]["Usage"] == 1


def test_bad_input(new_project_name, client) -> None:
    with pytest.raises(LXDAPIException, match="bogus.key"):
        client.projects.create(new_project_name, config={"bogus.key": "1"})
    assert not client.projects.exists(new_project_name)
    client.projects.create(new_project_name)
    with pytest.raises(Conflict):
        client.projects.create(new_project_name)
    with pytest.raises(NotFound):
        client.projects.get(f"{new_project_name}-missing")
    with pytest.raises(ValueError, match="not both"):
        client.instances.all(project="default", all_projects=True)


def test_bound_client_and_per_call_project(
    project_name, instance_name, image_alias, client
) -> None:
    made = client.instances.create(
        image_config(instance_name, image_alias), wait=True, project=project_name
    )
    assert made.project == project_name
    assert not client.instances.exists(instance_name)
    assert client.instances.exists(instance_name, project=project_name)
    got = client.instances.get(instance_name, project=project_name)
    assert got.project == project_name
    assert [i.name for i in client.instances.all(project=project_name)] == [instance_name]
    assert [i.name for i in client.containers.all(project=project_name)] == [instance_name]
    got.config["user.edited"] = "yes"
    got.save(wait=True)

    # A client bound to the project sees the same instance.
    with Client(project=project_name) as bound:
        assert bound.project == project_name
        seen = bound.instances.get(instance_name)
        assert seen.config["user.edited"] == "yes"
        names = [i.name for i in bound.instances.all(recursion=0)]
        assert names == [instance_name]

    # Every project's instances, each remembering its own project.
    everywhere = client.instances.all(all_projects=True)
    mine = [i for i in everywhere if i.name == instance_name]
    assert [i.project for i in mine] == [project_name]
    sparse = [
        i
        for i in client.instances.all(recursion=0, all_projects=True)
        if i.name == instance_name
    ]
    assert [i.project for i in sparse] == [project_name]
    mine[0].delete(wait=True)  # goes to its project
    assert not client.instances.exists(instance_name, project=project_name)


def test_operations_per_project(project_name, instance_name, image_alias, client) -> None:
    client.instances.create(
        image_config(instance_name, image_alias), wait=True, project=project_name
    )
    in_project = client.operations.all(project=project_name)
    assert all(op.id for op in in_project)
    if client.has_api_extension("operations_get_query_all_projects"):
        everywhere = client.operations.list(all_projects=True)
        assert {op.id for op in in_project} <= {op.id for op in everywhere}
    else:
        with pytest.raises(LXDAPIExtensionNotAvailable):
            client.operations.all(all_projects=True)
