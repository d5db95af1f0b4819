# Generated from tests/integration/_async/test_collection.py by tools/unasync.py: do not edit, edit the source.
"""The shared collection base on a real collection (profiles), through a local resource class."""

from __future__ import annotations

import pytest

from pylxd._sync.collection import Collection, NamedModel
from pylxd._core.fields import Attribute
from pylxd import Client
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


def test_collection_get_all_exists_create_rename_save_delete() -> None:
    name, renamed = unique_name("coll"), unique_name("coll")
    with Client() as client:
        things = Collection(client, Thing)
        made = things._create({"name": name, "config": {"user.a": "1"}}, name)
        try:
            assert made.config == {"user.a": "1"} and not made.dirty
            assert things.exists(name) and Thing.exists(client, name)
            assert name in things.names()
            listed = {thing.name: thing for thing in things.all()}
            assert listed[name] == made and listed[name].config == {"user.a": "1"}
            with pytest.raises(LXDAPIException, match="already exists"):
                things._create({"name": name}, name)

            got = Thing.get(client, name)
            got.config["user.b"] = "2"
            got.description = "edited"
            got.save()
            again = things.get(name)
            assert again.config == {"user.a": "1", "user.b": "2"}
            assert again.description == "edited"

            again.rename(renamed)
            assert again.name == renamed and not things.exists(name)
            assert (things.get(renamed)).api.path.endswith(f"/profiles/{renamed}")
        finally:
            for leftover in (name, renamed):
                if things.exists(leftover):
                    things.api[leftover].delete()
        with pytest.raises(NotFound):
            things.get(renamed)


def test_nested_resources_need_their_parent(client) -> None:
    with pytest.raises(TypeError, match="parent"):
        Collection(client, NamedModel)
