# Generated from tests/integration/_async/test_instances_recursion_fields.py by tools/unasync.py: do not edit, edit the source.
"""``instances.all(recursion=2)``: LXD's state, snapshots and backups are declared fields
(``state_data``, ``snapshots_data``, ``backups_data``), so no "unknown attribute" warning."""

from __future__ import annotations

import warnings

import pytest

from pylxd import Client
from pylxd.models import InstanceState

pytestmark = pytest.mark.integration


def test_all_recursion_2_fills_state_snapshots_backups(
    instance_name, image_alias, monkeypatch
) -> None:
    monkeypatch.setenv("PYLXD_WARNINGS", "always")  # not only the first time in the run
    with Client() as client:
        config = {"name": instance_name, "source": {"type": "image", "alias": image_alias}}
        instance = client.instances.create(config, wait=True)
        instance.snapshots.create("snap0", wait=True)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            listed = {i.name: i for i in client.instances.all(recursion=2)}
        mine = listed[instance_name]
        assert mine.state_data["status"] == "Stopped"
        assert InstanceState(mine.state_data).status == "Stopped"
        assert [s["name"] for s in mine.snapshots_data] == ["snap0"]
        assert not mine.backups_data  # none made (LXD sends null or [])
        assert callable(mine.state)  # the live method is still there
        assert (mine.state()).status == "Stopped"
        plain = (client.instances.get(instance_name)).state_data
        assert plain is None  # only recursion=2 sends it
