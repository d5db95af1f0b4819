"""Copies on one server: with and without snapshots, to another pool, to another project."""

from __future__ import annotations

import pytest

from pylxd.aio import Client
from pylxd.exceptions import LXDAPIException

from ..conftest import unique_name
from .instance_helpers import (
    image_config,
    make_instance,
    read_file,
    write_file,
)


async def test_copy_here_with_and_without_snapshots_and_to_another_pool(
    instance_name, image_alias, pool_name
) -> None:
    names = [unique_name("copy"), unique_name("copy")]
    async with Client() as client:
        try:
            source = await make_instance(client, instance_name, image_alias, start=True)
            await write_file(source, "/root/kept", "content")
            await source.snapshots.create("snap", wait=True)

            copy = await source.copy(names[0])
            assert type(copy) is type(source) and copy.name == names[0]
            assert [s.name for s in await copy.snapshots.all()] == ["snap"]
            await copy.start(wait=True)
            assert await read_file(copy, "/root/kept") == "content"
            await copy.stop(wait=True)

            root = {"root": {"path": "/", "type": "disk", "pool": pool_name}}
            bare = await source.copy(
                names[1], instance_only=True, devices=root, config={"user.copied": "yes"}
            )
            assert await bare.snapshots.all() == []
            assert bare.expanded_devices["root"]["pool"] == pool_name
            assert bare.config["user.copied"] == "yes"

            with pytest.raises(LXDAPIException):
                await source.copy(names[0])  # the name is taken: LXD's own error
        finally:
            for name in names:
                if await client.instances.exists(name):
                    await (await client.instances.get(name)).delete(wait=True)


async def test_copy_and_create_in_another_project(instance_name, image_alias, project_name) -> None:
    project = project_name
    async with Client() as client:
        source = await make_instance(client, instance_name, image_alias)
        copy = await source.copy(project=project)
        assert copy.name == instance_name and copy.project == project
        assert (await copy.state()).status == "Stopped"
        async with Client(project=project) as in_project:
            assert await in_project.instances.exists(instance_name)

        other = unique_name("proj")
        created = await client.instances.create(
            image_config(other, image_alias), wait=True, project=project
        )
        assert created.name == other and created.project == project
        assert not await client.instances.exists(other)  # not in the default project
        await created.delete(wait=True)
