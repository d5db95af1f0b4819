# Generated from tests/integration/_async/test_progress.py by tools/unasync.py: do not edit, edit the source.
"""Progress of the long transfers the other tests do not watch: backups of instances and of
volumes, both ways, with a recording callback and with the ready-made
:class:`pylxd.progress.ProgressBar`."""

from __future__ import annotations

import io
from pathlib import Path

from pylxd.progress import ProgressBar
from tests.integration.conftest import unique_name

from .instance_helpers import make_instance


class Recorder:
    """A ``progress=`` callback that keeps every ``(done, total)``."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int | None]] = []

    def __call__(self, done: int, total: int | None) -> None:
        self.calls.append((done, total))

    def check(self, size: int) -> None:
        """Counted up to ``size``, never backwards, the total right when it is known."""
        dones = [done for done, _total in self.calls]
        assert dones[0] == 0 and dones[-1] == size and dones == sorted(dones), self.calls
        assert {total for _done, total in self.calls} <= {size, None}, self.calls


def test_instance_backup_export_and_import(
    instance_name, image_alias, client, tmp_path: Path
) -> None:
    container = make_instance(client, instance_name, image_alias)
    backup = container.backups.create()
    tarball = tmp_path / "backup.tar.gz"
    exported = Recorder()
    size = backup.export(to=str(tarball), progress=exported)
    exported.check(size)
    assert size == tarball.stat().st_size > 0
    in_memory = Recorder()
    assert backup.export(progress=in_memory) == tarball.read_bytes()
    in_memory.check(size)

    imported = Recorder()
    restored_name = unique_name("restored")
    with tarball.open("rb") as source:
        restored = client.instances.create_from_backup(
            source, name=restored_name, wait=True, progress=imported
        )
    try:
        imported.check(size)
        assert imported.calls[-1] == (size, size)  # a file: its size is known up front
        assert restored.name == restored_name
    finally:
        restored.delete(wait=True)


def test_volume_backup_with_the_ready_made_bar(pool_name, client, tmp_path: Path) -> None:
    pool = client.storage_pools.get(pool_name)
    volume = pool.volumes.create({"name": "vol"})
    backup = volume.backups.create("b1")
    tarball = tmp_path / "vol.tar.gz"
    screen = io.StringIO()
    with tarball.open("wb") as target, ProgressBar("export vol", file=screen) as bar:
        written = backup.export(target, progress=bar)
    assert written == tarball.stat().st_size > 0
    assert "export vol" in screen.getvalue() and "100%" in screen.getvalue()

    imported = Recorder()
    restored = pool.volumes.create_from_backup(
        tarball.read_bytes(), name="restored", progress=imported
    )
    assert restored.name == "restored"
    imported.check(written)
    backup.delete()


def test_a_file_put_with_the_ready_made_bar(instance_name, image_alias, client) -> None:
    container = make_instance(client, instance_name, image_alias, start=True)
    screen = io.StringIO()
    bar = ProgressBar("put", file=screen)
    container.files.put("/tmp/progress.bin", b"x" * (3 << 20), progress=bar)
    assert "put" in screen.getvalue() and "100%" in screen.getvalue()
    assert bar.n == 0  # the bar closed itself at the end
    assert len(container.files.get("/tmp/progress.bin")) == 3 << 20
    container.stop(wait=True)
