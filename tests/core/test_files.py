"""File stat headers, modes, body sizes and tree walks (``_core/files.py``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pylxd._core.files import (
    file_headers,
    file_stat,
    local_entries,
    mode_string,
    tree_link_target,
)


def test_file_stat_reads_lxd_and_incus_headers() -> None:
    lxd = {"X-LXD-Type": "file", "X-LXD-Mode": "0751", "X-LXD-Uid": "5", "X-LXD-Gid": "6"}
    info = file_stat({**lxd, "Content-Length": "3", "X-LXD-Modified": "then"})
    assert (info.type, info.mode, info.uid, info.gid, info.size) == ("file", 0o751, 5, 6, 3)
    assert info.is_file and not info.is_dir and info.modified == "then"
    incus = file_stat({"X-Incus-Type": "directory", "X-Incus-Mode": "0700", "Content-Length": "9"})
    assert incus.is_dir and incus.mode == 0o700 and incus.size is None


@pytest.mark.parametrize(
    ("mode", "expected"), [(0o755, "0755"), (0o100644, "0644"), ("755", "0755"), ("0640", "0640")]
)
def test_mode_string(mode, expected) -> None:
    assert mode_string(mode) == expected


@pytest.mark.parametrize("mode", ["rwx", 7.5, True, None])
def test_mode_string_refuses_what_is_not_octal(mode) -> None:
    with pytest.raises(ValueError):
        mode_string(mode)


def test_file_headers() -> None:
    assert file_headers() == {}
    assert file_headers(0o600, 1, 2, kind="symlink", append=True, size=10) == {
        "X-LXD-mode": "0600",
        "X-LXD-uid": "1",
        "X-LXD-gid": "2",
        "X-LXD-type": "symlink",
        "X-LXD-write": "append",
        "Content-Length": "10",
    }


def test_tree_link_targets_inside_the_tree_become_relative() -> None:
    assert tree_link_target("/t/a/l", "/t/b/f", "/t") == "../b/f"
    assert tree_link_target("/t/l", "/t/f", "/t/") == "f"
    assert tree_link_target("/t/l", "/etc/passwd", "/t") == "/etc/passwd"
    assert tree_link_target("/t/l", "/tother/f", "/t") == "/tother/f"
    assert tree_link_target("/t/l", "rel", "/t") == "rel"


def test_local_entries_walk_top_down_without_following_links(tmp_path: Path) -> None:
    (tmp_path / "d" / "e").mkdir(parents=True)
    (tmp_path / "d" / "f").write_bytes(b"")
    (tmp_path / "d" / "f").chmod(0o751)
    os.symlink("d", tmp_path / "link")
    entries = [(e.kind, e.remote) for e in local_entries(str(tmp_path), "/r/")]
    assert entries == [
        ("directory", "/r"),
        ("directory", "/r/d"),
        ("symlink", "/r/link"),
        ("directory", "/r/d/e"),
        ("file", "/r/d/f"),
    ]
    modes = {e.remote: e.mode for e in local_entries(str(tmp_path), "/r")}
    assert modes["/r/d/f"] == 0o751
    with pytest.raises(NotADirectoryError):
        list(local_entries(str(tmp_path / "d" / "f"), "/r"))
