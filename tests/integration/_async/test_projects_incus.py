"""``project.delete(force=True)`` (Incus' ``projects_force_delete``) and
``project.access()`` (``project_access``) on the real incusd; LXD 5.0.2 refuses both
before any request."""

from __future__ import annotations

import pytest

from pylxd.aio import Client
from pylxd.exceptions import LXDAPIException, LXDAPIExtensionNotAvailable

from ..conftest import delete_project, unique_name

pytestmark = pytest.mark.integration


async def test_force_delete_removes_a_project_with_everything_in_it(admin, image_alias) -> None:
    name = unique_name("force")
    async with Client() as client:
        project = await client.projects.create(
            name, config={"features.images": "false", "features.profiles": "true"}
        )
        try:
            await client.profiles.create(unique_name("prof"), project=name)
            await client.api.profiles.in_project(name)["default"].patch(
                json={"devices": {"root": {"type": "disk", "path": "/", "pool": "default"}}}
            )
            await client.instances.create(
                {"name": "inside", "source": {"type": "image", "alias": image_alias}},
                wait=True,
                project=name,
            )
            with pytest.raises(LXDAPIException, match="(?i)empty|in use"):
                await project.delete()
            if not client.has_api_extension("projects_force_delete"):
                with pytest.raises(LXDAPIExtensionNotAvailable, match="projects_force_delete"):
                    await project.delete(force=True)
                return
            await project.delete(wait=True, force=True)
            assert not await client.projects.exists(name)
        finally:
            if admin.projects.exists(name):
                for instance in admin.instances.all(project=name):
                    instance.delete(wait=True)
                for profile in admin.profiles.all(project=name):
                    if profile.name != "default":
                        profile.delete()
                delete_project(admin, name)


async def test_project_access(https_url, client_cert, trust_token) -> None:
    async with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        await client.authenticate(trust_token)
        project = await client.projects.get("default")
        if not client.has_api_extension("project_access"):
            with pytest.raises(LXDAPIExtensionNotAvailable, match="project_access"):
                await project.access()
            return
        entries = await project.access()
        assert isinstance(entries, list)
        for entry in entries:
            assert set(entry) >= {"identifier", "role", "provider"}
