"""The shared collection base on a real collection (profiles), through a local resource class."""

from __future__ import annotations

import pytest

from pylxd._async.collection import Collection, NamedModel
from pylxd._core.fields import Attribute
from pylxd.aio import Client
from pylxd.exceptions import LXDAPIException, NotFound
from tests.integration.conftest import unique_name

pytestmark = pytest.mark.integration


class Thing(NamedModel):
    """A profile, seen through nothing but the base classes."""

    name: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    config: Attribute[dict[str, str]] = Attribute()
    devices: Attribute[dict[str, dict[str, str]]] = Attribute()
    used_by: Attribute[list[str]] = Attribute(readonly=True)
    project: Attribute[str] = Attribute(readonly=True, optional=True)

    _collection_path = "profiles"


async def test_collection_get_all_exists_create_rename_save_delete() -> None:
    name, renamed = unique_name("coll"), unique_name("coll")
    async with Client() as client:
        things = Collection(client, Thing)
        made = await things._create({"name": name, "config": {"user.a": "1"}}, name)
        try:
            assert made.config == {"user.a": "1"} and not made.dirty
            assert await things.exists(name) and await Thing.exists(client, name)
            assert name in await things.names()
            listed = {thing.name: thing for thing in await things.all()}
            assert listed[name] == made and listed[name].config == {"user.a": "1"}
            with pytest.raises(LXDAPIException, match="already exists"):
                await things._create({"name": name}, name)

            got = await Thing.get(client, name)
            got.config["user.b"] = "2"
            got.description = "edited"
            await got.save()
            again = await things.get(name)
            assert again.config == {"user.a": "1", "user.b": "2"}
            assert again.description == "edited"

            await again.rename(renamed)
            assert again.name == renamed and not await things.exists(name)
            assert (await things.get(renamed)).api.path.endswith(f"/profiles/{renamed}")
        finally:
            for leftover in (name, renamed):
                if await things.exists(leftover):
                    await things.api[leftover].delete()
        with pytest.raises(NotFound):
            await things.get(renamed)


async def test_nested_resources_need_their_parent(client) -> None:
    with pytest.raises(TypeError, match="parent"):
        Collection(client, NamedModel)
