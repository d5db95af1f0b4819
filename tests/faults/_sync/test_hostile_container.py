# Generated from tests/faults/_async/test_hostile_container.py by tools/unasync.py: do not edit, edit the source.
"""A hostile container against a real daemon (LXD, and Incus in scripts/test's Incus pass):
symlink swaps between two pulls into the same directory, set-ID files, odd names, trees
1,200 levels deep. Every pull runs over SFTP and over the HTTP files API (the two walks
share the local rules). Each scenario prints its outcome and the time the client took.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import pylxd._drivers.sftp as sftp_driver
from pylxd import Client
from pylxd.exceptions import NotFound
from tests.faults.deep import make_deep_tree, scratch
from tests.integration.conftest import admin, shared_container, unique_name

__all__ = ["admin", "scratch"]  # the fixtures

pytestmark = pytest.mark.integration

DEPTH = 1200
BAD_UTF8 = os.fsdecode(b"not-utf8-\xff\xfe")
ODD = ["a;b", "back\\slash", "h#sh", "q?mark", "per%25cent", "sp ace", "new\nline", "semi;%23"]


@pytest.fixture(scope="module")
def container(admin) -> Iterator[str]:
    yield from shared_container(admin, "hostile")


@pytest.fixture(params=["sftp", "http"])
def transport(request, monkeypatch) -> str:
    """Trees over SFTP (the server offers it, paramiko is there) or the HTTP walk."""
    if request.param == "http":
        monkeypatch.setattr(sftp_driver, "sftp_available", lambda: False)
    return str(request.param)


@pytest.fixture
def remote_dir(admin, container) -> Iterator[str]:
    """A directory of the test's own in the container, removed afterwards."""
    path = f"/tmp/{unique_name('hostile')}"
    yield path
    admin.instances.get(container).execute(["rm", "-rf", path])


@contextmanager
def timed(scenario: str) -> Iterator[None]:
    started = time.monotonic()
    yield
    print(f"\nSCENARIO {scenario}: ok in {time.monotonic() - started:.2f} s")


@contextmanager
def host_file(tmp_path: Path) -> Iterator[Path]:
    """A host file outside every destination; the test checks it was never touched."""
    host = tmp_path / "host"
    host.mkdir()
    secret = host / "secret"
    secret.write_bytes(b"host data")
    secret.chmod(0o600)
    yield secret
    assert secret.read_bytes() == b"host data"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert sorted(os.listdir(host)) == ["secret"]


def files_of(client: Client, name: str):
    return (client.instances.get(name)).files


def test_a_file_swapped_for_a_link_to_a_host_file(
    container, remote_dir, transport, tmp_path: Path
) -> None:
    dest = tmp_path / "dest"
    with host_file(tmp_path) as secret:
        with Client() as client:
            files = files_of(client, container)
            files.mk_dir(remote_dir)
            files.symlink(f"{remote_dir}/f", str(secret))
            files.recursive_get(remote_dir, dest)
            # A link out of the tree is kept as a link, never followed.
            assert os.readlink(dest / "f") == str(secret)
            files.delete(f"{remote_dir}/f")
            files.put(f"{remote_dir}/f", b"from the container", mode=0o777)
            with timed(f"file swapped for a link, second pull ({transport})"):
                files.recursive_get(remote_dir, dest)
        assert not (dest / "f").is_symlink()
        assert (dest / "f").read_bytes() == b"from the container"


def test_a_directory_swapped_for_a_link_to_a_host_directory(
    container, remote_dir, transport, tmp_path: Path
) -> None:
    dest = tmp_path / "dest"
    with host_file(tmp_path) as secret:
        with Client() as client:
            files = files_of(client, container)
            files.mk_dir(remote_dir)
            files.symlink(f"{remote_dir}/d", str(secret.parent))
            files.symlink(f"{remote_dir}/root", str(secret.parent))
            files.recursive_get(remote_dir, dest)
            files.recursive_get(f"{remote_dir}/root", tmp_path / "root")
            assert os.readlink(dest / "d") == str(secret.parent)
            assert os.readlink(tmp_path / "root") == str(secret.parent)
            for link in ("d", "root"):  # each link becomes a directory holding "secret"
                files.delete(f"{remote_dir}/{link}")
                files.mk_dir(f"{remote_dir}/{link}")
                files.put(f"{remote_dir}/{link}/secret", b"evil", mode=0o4777)
            with timed(f"directory swapped for a link, second pull ({transport})"):
                files.recursive_get(remote_dir, dest)
                files.recursive_get(f"{remote_dir}/root", tmp_path / "root")
        for copy in (dest / "d", tmp_path / "root"):
            assert not copy.is_symlink() and copy.is_dir()
            assert (copy / "secret").read_bytes() == b"evil"


def test_get_to_a_path_never_writes_through_a_link(
    container, remote_dir, tmp_path: Path
) -> None:
    with host_file(tmp_path) as secret:
        target = tmp_path / "to"
        os.symlink(secret, target)
        with Client() as client:
            files = files_of(client, container)
            files.mk_dir(remote_dir)
            files.put(f"{remote_dir}/f", b"pulled")
            with timed("get(to=a link to a host file)"):
                files.get(f"{remote_dir}/f", to=target)
        assert not target.is_symlink() and target.read_bytes() == b"pulled"


def test_set_id_bits_are_dropped_and_the_umask_honoured(
    container, remote_dir, transport, tmp_path: Path
) -> None:
    mask = os.umask(0o027)
    try:
        with Client() as client:
            instance = client.instances.get(container)
            files = instance.files
            files.mk_dir(remote_dir)
            files.put(f"{remote_dir}/suid", b"#!/bin/sh\n")
            files.put(f"{remote_dir}/plain", b"x", mode=0o666)
            # The files API drops set-ID bits on a push: the container sets them itself.
            chmod = f"chmod 6755 {remote_dir}/suid && chmod 2775 {remote_dir}"
            assert (instance.execute(["sh", "-c", chmod])).exit_code == 0
            modes = instance.execute(["stat", "-c", "%a", f"{remote_dir}/suid", remote_dir])
            assert modes.stdout.split() == ["6755", "2775"]
            with timed(f"set-ID files pulled ({transport})"):
                files.recursive_get(remote_dir, tmp_path / "dropped")
            files.recursive_get(remote_dir, tmp_path / "kept", keep_setid=True)
    finally:
        os.umask(mask)

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    assert mode(tmp_path / "dropped" / "suid") == 0o750
    assert mode(tmp_path / "dropped") == 0o750
    assert mode(tmp_path / "dropped" / "plain") == 0o640
    # LXD's and Incus' files API report the permission bits only (0755 for 6755): the
    # set-ID bits come over SFTP (and from a hostile server: tests/faults/.../listing).
    setid = 0o6000 if transport == "sftp" else 0
    assert mode(tmp_path / "kept" / "suid") == 0o750 | setid
    assert mode(tmp_path / "kept") == 0o750 | (setid & 0o2000)


def test_odd_names_round_trip(container, remote_dir, transport) -> None:
    with Client() as client:
        files = files_of(client, container)
        files.mk_dir(remote_dir)
        started = time.monotonic()
        for name in [*ODD, BAD_UTF8]:
            path = f"{remote_dir}/{name}"
            content = os.fsencode(name)
            files.put(path, content)
            assert files.get(path) == content
            assert (files.stat(path)).is_file and files.exists(path)
        listed = files.listdir(remote_dir)
        # LXD's JSON listing cannot carry bytes that are not UTF-8 (U+FFFD stands for
        # them): listdir asks SFTP for the bytes, when there is SFTP.
        bad = BAD_UTF8 if transport == "sftp" else "not-utf8-\ufffd\ufffd"
        assert sorted(listed) == sorted([*ODD, bad])
        for name in [*ODD, BAD_UTF8]:
            files.delete(f"{remote_dir}/{name}")
        assert files.listdir(remote_dir) == []
        print(
            f"\nSCENARIO odd names put/get/stat/listdir/delete ({transport}): ok in "
            f"{time.monotonic() - started:.2f} s"
        )


def test_odd_names_round_trip_through_trees(
    container, remote_dir, transport, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    (src / "sub;dir").mkdir(parents=True)
    names = [*ODD, BAD_UTF8]
    for name in names:
        (src / name).write_bytes(os.fsencode(name))
        (src / "sub;dir" / name).write_bytes(b"below")
    with Client() as client:
        files = files_of(client, container)
        with timed(f"odd names recursive_put ({transport})"):
            files.recursive_put(src, remote_dir)
        for name in names:
            assert files.get(f"{remote_dir}/{name}") == os.fsencode(name)
        dest = tmp_path / "dest"
        if transport == "sftp":
            with timed("odd names recursive_get (sftp)"):
                files.recursive_get(remote_dir, dest)
            assert sorted(os.listdir(dest)) == sorted([*names, "sub;dir"])
            assert sorted(os.listdir(dest / "sub;dir")) == sorted(names)
            for name in names:
                assert (dest / name).read_bytes() == os.fsencode(name)
        else:  # LXD's listing names the non-UTF-8 file with U+FFFD: it cannot be fetched
            with pytest.raises(NotFound, match="not UTF-8"):
                files.recursive_get(remote_dir, tmp_path / "partial")
            for name in (BAD_UTF8, f"sub;dir/{BAD_UTF8}"):
                files.delete(f"{remote_dir}/{name}")
            with timed("odd names recursive_get (http)"):
                files.recursive_get(remote_dir, dest)
            assert sorted(os.listdir(dest)) == sorted([*ODD, "sub;dir"])
            for name in ODD:
                assert (dest / name).read_bytes() == os.fsencode(name)
                assert (dest / "sub;dir" / name).read_bytes() == b"below"


def test_a_tree_1200_levels_deep(container, remote_dir, transport, scratch: Path) -> None:
    # Made in the container by a shell loop (one exec), pulled, pushed back elsewhere.
    script = f"mkdir -p {remote_dir}/t && cd {remote_dir}/t && i=0 && while [ $i -lt {DEPTH} ]; "
    script += "do mkdir d && cd d && i=$((i+1)); done && printf bottom > leaf"
    with Client() as client:
        instance = client.instances.get(container)
        result = instance.execute(["sh", "-c", script])
        assert result.exit_code == 0, result.stderr
        started = time.monotonic()
        instance.files.recursive_get(f"{remote_dir}/t", scratch / "pulled")
        pulled = time.monotonic() - started
        bottom = scratch / "pulled" / Path(*["d"] * DEPTH)
        assert (bottom / "leaf").read_bytes() == b"bottom"
        assert not (bottom / "d").exists()
        started = time.monotonic()
        instance.files.recursive_put(scratch / "pulled", f"{remote_dir}/back")
        pushed = time.monotonic() - started
        leaf = f"{remote_dir}/back/" + "d/" * DEPTH + "leaf"
        assert instance.files.get(leaf) == b"bottom"
    print(
        f"\nSCENARIO {DEPTH} levels ({transport}): pulled in {pulled:.2f} s, "
        f"pushed in {pushed:.2f} s"
    )


def test_a_local_deep_tree_pushed(container, remote_dir, transport, scratch: Path) -> None:
    make_deep_tree(scratch / "src", DEPTH)
    with Client() as client:
        files = files_of(client, container)
        with timed(f"{DEPTH}-level local tree pushed ({transport})"):
            files.recursive_put(scratch / "src", remote_dir)
        assert files.get(remote_dir + "/d" * DEPTH + "/leaf") == b"bottom"


def test_recursive_put_never_uploads_what_a_link_points_to(
    container, remote_dir, transport, tmp_path: Path
) -> None:
    with host_file(tmp_path) as secret:
        src = tmp_path / "src"
        src.mkdir()
        os.symlink(secret, src / "link")
        os.symlink(secret.parent, src / "dirlink")
        with Client() as client:
            files = files_of(client, container)
            with timed(f"recursive_put of links to host paths ({transport})"):
                files.recursive_put(src, remote_dir)
            for name, target in (("link", secret), ("dirlink", secret.parent)):
                assert (files.stat(f"{remote_dir}/{name}")).is_symlink
                assert files.readlink(f"{remote_dir}/{name}") == str(target)
            result = (client.instances.get(container)).execute(
                ["sh", "-c", f"find {remote_dir} -type f | wc -l"]
            )
            assert result.stdout.strip() == "0"


@pytest.mark.parametrize(
    "data",
    [None, 7, [0, 1, 2], [b"ok", 3], iter([1]), "text-file"],
    ids=["none", "int", "ints", "mixed", "int-generator", "text-file"],
)
def test_put_refuses_what_it_does_not_take(container, remote_dir, data, tmp_path) -> None:
    if data == "text-file":
        (tmp_path / "t").write_text("text")
        data = open(tmp_path / "t")  # noqa: SIM115 - closed below
    with Client() as client:
        files = files_of(client, container)
        files.mk_dir(remote_dir)
        files.put(f"{remote_dir}/f", b"kept")
        try:
            started = time.monotonic()
            with pytest.raises(TypeError):
                files.put(f"{remote_dir}/f", data)
            took = time.monotonic() - started
        finally:
            if hasattr(data, "close"):
                data.close()
        assert files.get(f"{remote_dir}/f") == b"kept"  # no request was made
    print(f"\nSCENARIO put({type(data).__name__}): TypeError in {took * 1000:.1f} ms")


def test_a_later_bad_chunk_is_a_type_error(container, remote_dir) -> None:
    def chunks():
        yield b"first"
        yield 3  # would have been 3 NUL bytes

    with Client() as client:
        files = files_of(client, container)
        files.mk_dir(remote_dir)
        with pytest.raises(TypeError, match="chunk must be bytes"):
            files.put(f"{remote_dir}/f", chunks())
        if files.exists(f"{remote_dir}/f"):  # the upload was cut: never NUL bytes
            assert b"\0" not in files.get(f"{remote_dir}/f")


def test_a_generator_of_ints_is_refused_before_any_request(container, remote_dir) -> None:
    def ints():  # pylxd: an async generator; blocking: a plain one
        yield 0
        yield 1

    with Client() as client:
        files = files_of(client, container)
        files.mk_dir(remote_dir)
        files.put(f"{remote_dir}/f", b"kept")
        with pytest.raises(TypeError, match="chunk must be bytes, not int"):
            files.put(f"{remote_dir}/f", ints())
        assert files.get(f"{remote_dir}/f") == b"kept"
