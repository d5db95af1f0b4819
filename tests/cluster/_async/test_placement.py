"""``target=`` on the creates LXD places per member: volumes, and the per-member step of
pools and networks (pending until created without ``target``)."""

from __future__ import annotations

import pytest

from pylxd.aio import Client
from pylxd.exceptions import LXDAPIException, NotFound
from tests.cluster.conftest import MEMBERS
from tests.integration.conftest import unique_name

pytestmark = pytest.mark.integration


async def test_volume_created_on_a_member() -> None:
    name = unique_name("vol")
    async with Client() as client:
        pool = await client.storage_pools.get("default")
        volume = await pool.volumes.create({"name": name}, target="m3")
        try:
            assert volume.location == "m3"
            assert volume.name == name
        finally:
            await (
                client.api.storage_pools["default"]
                .volumes.custom[name]
                .delete(params={"target": "m3"})
            )
        with pytest.raises(LXDAPIException):
            await pool.volumes.create({"name": unique_name("vol")}, target="no-such-member")


async def test_pool_pending_per_member_then_created(tmp_path) -> None:
    name = unique_name("pool")[:20]
    async with Client() as client:
        try:
            for member in MEMBERS:
                pending = await client.storage_pools.create(
                    {"name": name, "driver": "dir", "config": {"source": ""}}, target=member
                )
                assert pending.status == "Pending"
            pool = await client.storage_pools.create({"name": name, "driver": "dir"})
            assert pool.status == "Created"
            assert sorted(pool.locations) == MEMBERS
        finally:
            try:
                await client.api.storage_pools[name].delete()
            except NotFound:
                pass


async def test_network_pending_on_a_member() -> None:
    name = f"pyl{unique_name()[-8:]}"
    async with Client() as client:
        try:
            network = await client.networks.create(name, type="bridge", target="m2")
            assert network.status == "Pending"
            assert network.locations == ["m2"]
        finally:
            try:
                await client.api.networks[name].delete()
            except NotFound:
                pass
