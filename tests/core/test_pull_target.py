"""The local side of a pull (``_core.pull_target``): names refused, links never followed,
set-ID bits and the umask, any depth. No daemon: the server's part is played by hand."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pylxd._core.files import local_entries, open_local_file, put_data
from pylxd._core.pull_target import PullTarget, checked_names, current_umask, local_mode
from pylxd.exceptions import PylxdError, UnsafePath
from tests.faults.deep import make_deep_tree, scratch

__all__ = ["scratch"]  # the fixture


@pytest.mark.parametrize(
    "listing",
    [["a", "a"], [".."], ["."], [""], ["a/b"], ["/etc"], ["a\0b"], [3], "ab", {"a": 1}],
)
def test_hostile_listings_are_refused(listing) -> None:
    with pytest.raises(UnsafePath) as caught:
        checked_names(listing, "/srv")
    assert isinstance(caught.value, PylxdError) and caught.value.path == "/srv"


def test_odd_but_plain_names_pass() -> None:
    names = ["a\\b", "a;b", "#?%", " sp ace", "new\nline", os.fsdecode(b"bad\xffname"), "..."]
    assert checked_names(names, "/srv") == names


def test_modes_lose_set_id_bits_and_the_umask() -> None:
    assert local_mode(0o4755, 0o022) == 0o755
    assert local_mode(0o2775, 0o002) == 0o775
    assert local_mode(0o1777, 0o022) == 0o1755  # sticky kept: it only restricts
    assert local_mode(0o6755, 0o022, keep_setid=True) == 0o6755
    assert local_mode(0o777, 0o077) == 0o700
    mask = os.umask(0o027)
    try:
        assert current_umask() == 0o027
    finally:
        os.umask(mask)


def test_a_second_pull_never_writes_through_links_an_earlier_one_made(tmp_path: Path) -> None:
    host = tmp_path / "host"
    host.mkdir()
    (host / "secret").write_bytes(b"host data")
    dest = tmp_path / "dest"
    with PullTarget(dest) as first:  # the container had links to host paths
        first.make_dir(str(dest), 0o755)
        first.symlink(str(dest / "f"), str(host / "secret"))
        first.symlink(str(dest / "d"), str(host))
        first.finish()
    with PullTarget(dest) as second:  # now the same names are a file and a directory
        second.make_dir(str(dest), 0o755)
        with second.open_file(str(dest / "f"), 0o6777) as sink:
            sink.write(b"from the container")
        second.make_dir(str(dest / "d"), 0o755)
        with second.open_file(str(dest / "d" / "secret"), 0o644) as sink:
            sink.write(b"from the container")
        second.finish()
    assert (host / "secret").read_bytes() == b"host data"
    assert sorted(os.listdir(host)) == ["secret"]
    assert not (dest / "f").is_symlink() and not (dest / "d").is_symlink()
    assert (dest / "f").read_bytes() == b"from the container"
    assert stat.S_IMODE((dest / "f").stat().st_mode) == 0o6777 & ~0o6000 & ~current_umask()


def test_a_directory_in_the_way_of_a_file_is_refused(tmp_path: Path) -> None:
    with PullTarget(tmp_path / "dest") as target:
        target.make_dir(str(tmp_path / "dest"), 0o755)
        target.make_dir(str(tmp_path / "dest" / "x"), 0o755)
        with pytest.raises(UnsafePath):
            target.open_file(str(tmp_path / "dest" / "x"), 0o644)
        with pytest.raises(UnsafePath):
            target.symlink(str(tmp_path / "dest" / "x"), "/etc")
        with pytest.raises(UnsafePath):  # a path that is not under a directory it made
            target.open_file(str(tmp_path / "elsewhere"), 0o644)


def test_a_directory_swapped_for_a_link_mid_pull_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    dest = tmp_path / "dest"
    with PullTarget(dest) as target:
        target.make_dir(str(dest), 0o755)
        target.make_dir(str(dest / "d"), 0o755)
        target.close()
        (dest / "d").rmdir()
        os.symlink(outside, dest / "d")  # what a racing process could do
        with pytest.raises(UnsafePath):
            target.open_file(str(dest / "d" / "f"), 0o644)
    assert os.listdir(outside) == []


def test_deep_trees_have_no_depth_limit(scratch: Path) -> None:
    tmp_path = scratch
    make_deep_tree(tmp_path / "src", 1200)
    entries = list(local_entries(str(tmp_path / "src"), "/r"))
    assert len(entries) == 1202 and entries[-1].kind == "file"
    dest = tmp_path / "dest"
    with PullTarget(dest) as target:
        local = str(dest)
        for _entry in entries[:-1]:
            target.make_dir(local, 0o755)
            local = os.path.join(local, "d")
        with target.open_file(os.path.join(os.path.dirname(local), "leaf"), 0o644) as sink:
            sink.write(b"x")
        target.finish()
    assert (Path(local).parent / "leaf").read_bytes() == b"x"


def test_get_to_a_path_replaces_a_link_there(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    os.symlink(victim, tmp_path / "to")
    with open_local_file(tmp_path / "to") as sink:
        sink.write(b"new")
    assert victim.read_bytes() == b"keep" and (tmp_path / "to").read_bytes() == b"new"


@pytest.mark.parametrize("data", [None, 3, 1.5, [0, 1], [b"a", 2], {b"a": 1}, object()])
def test_put_refuses_what_it_does_not_take(data) -> None:
    with pytest.raises(TypeError):
        put_data(data)


def test_put_refuses_a_text_file_and_non_bytes_chunks(tmp_path: Path) -> None:
    (tmp_path / "t").write_text("x")
    with open(tmp_path / "t") as text, pytest.raises(TypeError):
        put_data(text)
    with pytest.raises(TypeError):
        put_data(iter([1, 2]))  # the first chunk is checked before any request
    later = put_data(iter([b"a", 2]))
    assert next(later) == b"a"
    with pytest.raises(TypeError):
        next(later)
    assert put_data("é") == "é".encode() and put_data(iter([])) == b""
