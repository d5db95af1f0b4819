"""How SFTP tree transfers cut their small files into batches (no daemon)."""

from __future__ import annotations

from pylxd._drivers import sftp_batch
from pylxd._drivers.sftp_batch import batches


def test_batches_hold_at_most_the_byte_budget_and_never_drop_a_file(monkeypatch) -> None:
    monkeypatch.setattr(sftp_batch, "BATCH_BYTES", 10)
    sizes = [4, 4, 4, 0, 11, 1, 9, 1]
    cut = batches(sizes, lambda size: size)
    assert [list(b) for b in cut] == [[4, 4], [4, 0], [11], [1, 9], [1]]
    assert batches([], len) == []


def test_batches_hold_at_most_256_files() -> None:
    cut = batches([0] * 600, lambda size: size)
    assert [len(b) for b in cut] == [256, 256, 88]
