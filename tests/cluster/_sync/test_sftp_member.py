# Generated from tests/cluster/_async/test_sftp_member.py by tools/unasync.py: do not edit, edit the source.
"""SFTP to an instance on another member: the member the client talks to forwards the
upgrade (LXD 5.0.2), over its unix socket and over HTTPS."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pylxd import Client
from tests.cluster.conftest import CERT, URLS
from tests.integration._sync.instance_helpers import image_config

pytestmark = pytest.mark.integration


def test_sftp_reaches_an_instance_on_another_member(
    instance_name, image_alias, tmp_path: Path
) -> None:
    with Client() as client:  # member m1's socket
        instance = client.instances.create(
            image_config(instance_name, image_alias), wait=True, target="m3"
        )
        assert instance.location == "m3"
        with instance.sftp() as sftp:
            sftp.putfo(io.BytesIO(b"via m1"), "/root/note")
        (tmp_path / "src" / "d").mkdir(parents=True)
        (tmp_path / "src" / "d" / "f").write_bytes(b"tree")
        instance.files.recursive_put(tmp_path / "src", "/root/tree")
    with Client(endpoint=URLS[1], cert=CERT, verify=False) as remote:  # m2, HTTPS
        instance = remote.instances.get(instance_name)
        with instance.sftp() as sftp:
            sink = io.BytesIO()
            sftp.getfo("/root/note", sink)
            assert sink.getvalue() == b"via m1"
        instance.files.recursive_get("/root/tree", tmp_path / "back")
        assert (tmp_path / "back" / "d" / "f").read_bytes() == b"tree"
