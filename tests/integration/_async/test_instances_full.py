"""One-request reads and partial writes of an instance on the real daemon (LXD and
Incus): ``instances.get(name, full=True)`` (``instance_get_full``: state, snapshots and
backups with it) and ``patch_metadata()`` (``PATCH …/metadata``)."""

from __future__ import annotations

import logging

import pytest

from pylxd.aio import Client

from .instance_helpers import make_instance

pytestmark = pytest.mark.integration


async def test_get_full_brings_state_snapshots_and_backups_in_one_request(
    instance_name, image_alias, caplog
) -> None:
    async with Client() as client:
        instance = await make_instance(client, instance_name, image_alias, start=True)
        await instance.snapshots.create("snap0", wait=True)
        await instance.backups.create(wait=True)

        with caplog.at_level(logging.DEBUG, logger="pylxd.http"):
            full = await client.instances.get(instance_name, full=True)
        requests = [r.getMessage() for r in caplog.records if r.name == "pylxd.http"]
        assert len(requests) == 1 and "recursion=1" in requests[0]

        assert full.status == "Running" and full.state_data["status"] == "Running"
        assert full.state_data["processes"] > 0
        assert [s["name"] for s in full.snapshots_data] == ["snap0"]
        assert len(full.backups_data) == 1
        plain = await client.instances.get(instance_name)
        assert plain.config == full.config


async def test_patch_metadata_merges_properties(instance_name, image_alias) -> None:
    async with Client() as client:
        instance = await make_instance(client, instance_name, image_alias)
        before = await instance.get_metadata()
        await instance.patch_metadata({"properties": {"os": "patched", "pylxd": "yes"}})
        after = await instance.get_metadata()
        assert after["properties"]["os"] == "patched" and after["properties"]["pylxd"] == "yes"
        kept = {k: v for k, v in before["properties"].items() if k != "os"}
        assert kept.items() <= after["properties"].items()
        assert after["architecture"] == before["architecture"]


async def test_configuration_metadata_documents_every_key() -> None:
    async with Client() as client:
        if not client.has_api_extension("metadata_configuration"):
            from pylxd.exceptions import LXDAPIExtensionNotAvailable

            with pytest.raises(LXDAPIExtensionNotAvailable, match="metadata_configuration"):
                await client.server.configuration_metadata()
            return
        documented = await client.server.configuration_metadata()
        assert {"server", "instance"} <= set(documented["configs"])
