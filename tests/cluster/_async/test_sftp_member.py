"""SFTP to an instance on another member: the member the client talks to forwards the
upgrade (LXD 5.0.2), over its unix socket and over HTTPS."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pylxd.aio import Client
from tests.cluster.conftest import CERT, URLS
from tests.integration._async.instance_helpers import image_config

pytestmark = pytest.mark.integration


async def test_sftp_reaches_an_instance_on_another_member(
    instance_name, image_alias, tmp_path: Path
) -> None:
    async with Client() as client:  # member m1's socket
        instance = await client.instances.create(
            image_config(instance_name, image_alias), wait=True, target="m3"
        )
        assert instance.location == "m3"
        async with await instance.sftp() as sftp:
            await sftp.putfo(io.BytesIO(b"via m1"), "/root/note")
        (tmp_path / "src" / "d").mkdir(parents=True)
        (tmp_path / "src" / "d" / "f").write_bytes(b"tree")
        await instance.files.recursive_put(tmp_path / "src", "/root/tree")
    async with Client(endpoint=URLS[1], cert=CERT, verify=False) as remote:  # m2, HTTPS
        instance = await remote.instances.get(instance_name)
        async with await instance.sftp() as sftp:
            sink = io.BytesIO()
            await sftp.getfo("/root/note", sink)
            assert sink.getvalue() == b"via m1"
        await instance.files.recursive_get("/root/tree", tmp_path / "back")
        assert (tmp_path / "back" / "d" / "f").read_bytes() == b"tree"
