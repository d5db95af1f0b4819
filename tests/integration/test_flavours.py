"""What differs between the flavours on purpose: lazy fetch (blocking) vs NotLoadedError
(asyncio), and the blocking client's connect-in-constructor."""

from __future__ import annotations

import pytest

import pylxd
import pylxd.aio
from pylxd.exceptions import ClientConnectionFailed, NotLoadedError

pytestmark = pytest.mark.integration


def test_blocking_sparse_objects_fetch_on_first_read(instance_name, image_alias) -> None:
    client = pylxd.Client()
    client.instances.create(
        {
            "name": instance_name,
            "source": {"type": "image", "alias": image_alias},
            "config": {"user.lazy": "yes"},
        },
        wait=True,
    )
    [sparse] = [i for i in client.instances.all(recursion=0) if i.name == instance_name]
    assert repr(sparse) and sparse == client.instances.get(instance_name)  # no I/O needed
    assert sparse.config["user.lazy"] == "yes"  # fetched here
    assert sparse.status == "Stopped"
    client.close()


async def test_asyncio_sparse_objects_say_what_to_do(instance_name, image_alias) -> None:
    async with pylxd.aio.Client() as client:
        await client.instances.create(
            {"name": instance_name, "source": {"type": "image", "alias": image_alias}}, wait=True
        )
        [sparse] = [i for i in await client.instances.all(recursion=0) if i.name == instance_name]
        with pytest.raises(NotLoadedError, match="await"):
            _ = sparse.config
        await sparse.sync()
        assert isinstance(sparse.config, dict)


def test_blocking_client_connects_in_the_constructor(tmp_path) -> None:
    with pytest.raises(ClientConnectionFailed):
        pylxd.Client(endpoint=str(tmp_path / "nothing.socket"))


async def test_asyncio_client_needs_connect_for_host_info() -> None:
    client = pylxd.aio.Client()
    with pytest.raises(ClientConnectionFailed, match="connect"):
        _ = client.host_info
    await client.connect()
    assert client.trusted
    await client.aclose()
