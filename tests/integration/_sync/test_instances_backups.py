# Generated from tests/integration/_async/test_instances_backups.py by tools/unasync.py: do not edit, edit the source.
"""Instance backups on real containers: create, list, rename, export and import streamed."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest

from pylxd import Client
from pylxd.models import Backup
from pylxd.exceptions import LXDAPIException, NotFound

from ..conftest import unique_name
from .instance_helpers import make_instance

pytestmark = pytest.mark.integration

BIG = 16_000_000  # random bytes: the tarball cannot be compressed below this
FLAT = 4 << 20  # what a stream may hold at once (chunks of 1 MiB, copies of them)


class SizedReader(io.RawIOBase):
    """A file read in small pieces, counting what was read (what a stream sends)."""

    def __init__(self, path: Path) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - closed by close()
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        data = self._file.read(min(len(buffer), 1 << 16))
        buffer[: len(data)] = data
        self.read_bytes += len(data)
        return len(data)

    def close(self) -> None:
        self._file.close()
        super().close()


def test_create_list_get_rename_delete(instance_name, image_alias, client) -> None:
    container = make_instance(client, instance_name, image_alias)
    backup = container.backups.create("first", compression_algorithm="gzip")
    assert isinstance(backup, Backup) and backup.name == "first"
    assert backup.created_at and backup.instance_only is False
    unnamed = container.backups.create(instance_only=True, expires_at="2030-01-01T00:00:00Z")
    assert unnamed.name and unnamed.instance_only is True
    assert unnamed.expires_at.startswith("2030-01-01")

    names = sorted(b.name for b in container.backups.all())
    assert names == sorted(["first", unnamed.name])
    assert container.backups.get("first") == backup

    backup.rename("renamed", wait=True)
    assert backup.name == "renamed" and container.backups.exists("renamed")
    assert not container.backups.exists("first")

    backup.delete(wait=True)
    with pytest.raises(NotFound):
        container.backups.get("renamed")
    with pytest.raises(LXDAPIException):
        container.backups.create("bad", compression_algorithm="no-such-algo")


def test_round_trip_streams_both_ways_and_keeps_the_file(
    instance_name, image_alias, tmp_path
) -> None:
    restored_name = unique_name("restored")
    with Client() as client:
        container = make_instance(client, instance_name, image_alias, start=True)
        written = container.execute(
            ["sh", "-c", f"head -c {BIG} /dev/urandom > /root/big && sha256sum /root/big"]
        )
        digest = written.stdout.split()[0]
        container.stop(wait=True)
        backup = container.backups.create("full", compression_algorithm="none")

        tarball = tmp_path / "backup.tar"
        tracemalloc.start()
        try:
            size = backup.export(to=str(tarball))
            _current, export_peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert size == tarball.stat().st_size > BIG
        assert export_peak < FLAT, f"export held {export_peak} bytes"

        with open(tarball, "rb") as f:
            head = f.read(1 << 20)
        with io.BytesIO() as buffer:
            backup.export(to=buffer)
            assert buffer.getvalue()[: 1 << 20] == head

        reader = SizedReader(tarball)
        tracemalloc.start()
        try:
            restored = client.instances.create_from_backup(
                reader, name=restored_name, wait=True
            )
            _current, import_peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            reader.close()
        assert reader.read_bytes == size
        assert import_peak < FLAT, f"import held {import_peak} bytes"
        try:
            assert restored.name == restored_name
            restored.start(wait=True)
            check = restored.execute(["sha256sum", "/root/big"])
            assert check.stdout.split()[0] == digest
            restored.stop(wait=True)
        finally:
            restored.delete(wait=True)


def test_export_to_memory_and_a_bad_import(instance_name, image_alias, client) -> None:
    container = make_instance(client, instance_name, image_alias)
    backup = container.backups.create()
    data = backup.export()
    assert isinstance(data, bytes) and len(data) > 1000
    with pytest.raises(LXDAPIException):
        client.instances.create_from_backup(b"not a tarball", name=unique_name(), wait=True)
