# Generated from tests/integration/_async/test_instances_full.py by tools/unasync.py: do not edit, edit the source.
"""One-request reads and partial writes of an instance on the real daemon (LXD and
Incus): ``instances.get(name, full=True)`` (``instance_get_full``: state, snapshots and
backups with it) and ``patch_metadata()`` (``PATCH …/metadata``)."""

from __future__ import annotations

import logging

import pytest

from pylxd import Client

from .instance_helpers import make_instance

pytestmark = pytest.mark.integration


def test_get_full_brings_state_snapshots_and_backups_in_one_request(
    instance_name, image_alias, caplog
) -> None:
    with Client() as client:
        instance = make_instance(client, instance_name, image_alias, start=True)
        instance.snapshots.create("snap0", wait=True)
        instance.backups.create(wait=True)

        with caplog.at_level(logging.DEBUG, logger="pylxd.http"):
            full = client.instances.get(instance_name, full=True)
        requests = [r.getMessage() for r in caplog.records if r.name == "pylxd.http"]
        assert len(requests) == 1 and "recursion=1" in requests[0]

        assert full.status == "Running" and full.state_data["status"] == "Running"
        assert full.state_data["processes"] > 0
        assert [s["name"] for s in full.snapshots_data] == ["snap0"]
        assert len(full.backups_data) == 1
        plain = client.instances.get(instance_name)
        assert plain.config == full.config


def test_patch_metadata_merges_properties(instance_name, image_alias) -> None:
    with Client() as client:
        instance = make_instance(client, instance_name, image_alias)
        before = instance.get_metadata()
        instance.patch_metadata({"properties": {"os": "patched", "pylxd": "yes"}})
        after = instance.get_metadata()
        assert after["properties"]["os"] == "patched" and after["properties"]["pylxd"] == "yes"
        kept = {k: v for k, v in before["properties"].items() if k != "os"}
        assert kept.items() <= after["properties"].items()
        assert after["architecture"] == before["architecture"]


def test_configuration_metadata_documents_every_key() -> None:
    with Client() as client:
        if not client.has_api_extension("metadata_configuration"):
            from pylxd.exceptions import LXDAPIExtensionNotAvailable

            with pytest.raises(LXDAPIExtensionNotAvailable, match="metadata_configuration"):
                client.server.configuration_metadata()
            return
        documented = client.server.configuration_metadata()
        assert {"server", "instance"} <= set(documented["configs"])
