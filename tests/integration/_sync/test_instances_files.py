# Generated from tests/integration/_async/test_instances_files.py by tools/unasync.py: do not edit, edit the source.
"""instance.files on a real container: round trips, metadata, symlinks, trees, streaming."""

from __future__ import annotations

import hashlib
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from pylxd import Client
from pylxd.exceptions import LXDAPIException, NotFound
from tests.integration.conftest import shared_container, unique_name

pytestmark = pytest.mark.integration

MiB = 1 << 20
ODD = "odd name #?%&ü ✓"


@pytest.fixture(scope="module")
def container(admin) -> Iterator[str]:
    """One running container for the module (files need no fresh one per test)."""
    yield from shared_container(admin, "files")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sample(size: int) -> bytes:
    return (bytes(range(256)) * (size // 256 + 1))[:size] if size != 4095 else os.urandom(size)


@pytest.mark.parametrize("size", [0, 1, 4095, MiB, 256])
def test_round_trips_are_exact(container, size) -> None:
    data = bytes(range(256)) if size == 256 else sample(size)
    with Client() as client:
        files = (client.instances.get(container)).files
        path = f"/tmp/rt-{size}"
        files.put(path, data)
        assert sha(files.get(path)) == sha(data)
        # streamed both ways: a file object in, a file object out, and open() by chunks
        files.put(path + ".s", io.BytesIO(data))
        sink = io.BytesIO()
        assert files.get(path + ".s", to=sink) == b""
        assert sha(sink.getvalue()) == sha(data)
        with files.open(path + ".s", chunk_size=1000) as remote:
            assert remote.stat.size == size and remote.stat.is_file
            received = [chunk for chunk in remote]
        assert all(0 < len(c) <= 1000 for c in received)
        assert sha(b"".join(received)) == sha(data)


def test_64_mib_round_trip_through_local_files(container, tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    with open(source, "wb") as f:
        for _ in range(64):
            f.write(os.urandom(MiB))
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    with Client() as client:
        files = (client.instances.get(container)).files
        sent = []
        files.put("/tmp/big.bin", source, progress=lambda d, t: sent.append((d, t)))
        assert sent[0] == (0, 64 * MiB) and sent[-1] == (64 * MiB, 64 * MiB)
        assert (files.stat("/tmp/big.bin")).is_file
        target = tmp_path / "back.bin"
        got = []
        files.get("/tmp/big.bin", to=target, progress=lambda d, t: got.append((d, t)))
        assert got[-1] == (64 * MiB, 64 * MiB)
        assert all(a[0] <= b[0] for a, b in zip(got, got[1:], strict=False))
        assert hashlib.sha256(target.read_bytes()).hexdigest() == digest
        assert sha(files.get("/tmp/big.bin")) == digest
        files.delete("/tmp/big.bin")


def test_every_kind_of_data_is_accepted(container, tmp_path: Path) -> None:
    local = tmp_path / "local.txt"
    local.write_bytes(b"from a path")

    def chunks():
        yield b"gen"
        yield b"erated"

    with Client() as client:
        files = (client.instances.get(container)).files
        cases = {
            "text": ("héllo ✓", "héllo ✓".encode()),
            "bytes": (b"\x00\xff", b"\x00\xff"),
            "path": (local, b"from a path"),
            "fileobj": (io.BytesIO(b"file object"), b"file object"),
            "iterable": ([b"a", b"b", b"c"], b"abc"),
            "generator": (chunks(), b"generated"),
        }
        for name, (data, expected) in cases.items():
            files.put(f"/tmp/kind-{name}", data)
            assert files.get(f"/tmp/kind-{name}") == expected, name
        files.put("/tmp/kind-text", b" more", append=True)
        assert files.get("/tmp/kind-text") == "héllo ✓ more".encode()


def test_modes_and_owners_are_set_and_read_back(container, tmp_path: Path, client) -> None:
    files = (client.instances.get(container)).files
    files.put("/tmp/owned", b"x", mode=0o640, uid=1234, gid=5678)
    info = files.stat("/tmp/owned")
    assert (info.type, info.mode, info.uid, info.gid) == ("file", 0o640, 1234, 5678)
    files.put("/tmp/owned-too", b"x", mode="0755")
    assert (files.stat("/tmp/owned-too")).mode == 0o755
    local = tmp_path / "script"
    local.write_bytes(b"#!/bin/sh\n")
    local.chmod(0o710)
    files.put("/tmp/script", local, mode=True)
    assert (files.stat("/tmp/script")).mode == 0o710
    with pytest.raises(ValueError):
        files.put("/tmp/owned", b"x", mode="rwx")

    files.mk_dir("/tmp/made", mode=0o701, uid=7, gid=8)
    info = files.stat("/tmp/made")
    assert (info.is_dir, info.mode, info.uid, info.gid) == (True, 0o701, 7, 8)
    files.mk_dir("/tmp/made")  # an existing directory is kept
    assert "made" in files.listdir("/tmp")


def test_symlinks_listings_and_deletes(container, client) -> None:
    files = (client.instances.get(container)).files
    files.mk_dir("/tmp/ls")
    files.put("/tmp/ls/target", b"t")
    files.symlink("/tmp/ls/link", "target")
    files.symlink("/tmp/ls/abs", "/etc/hostname")
    assert sorted(files.listdir("/tmp/ls")) == ["abs", "link", "target"]
    assert (files.stat("/tmp/ls/link")).is_symlink
    assert files.readlink("/tmp/ls/link") == "/tmp/ls/target"  # LXD resolves it
    assert files.readlink("/tmp/ls/abs") == "/etc/hostname"
    with pytest.raises(OSError):
        files.readlink("/tmp/ls/target")
    with pytest.raises(NotADirectoryError):
        files.listdir("/tmp/ls/target")

    assert files.delete_available()
    for name in ("link", "abs", "target"):
        files.delete(f"/tmp/ls/{name}")
    assert files.listdir("/tmp/ls") == []
    files.delete("/tmp/ls")
    assert not files.exists("/tmp/ls")


def test_missing_paths_raise_not_found_with_lxds_text(container, client) -> None:
    files = (client.instances.get(container)).files
    calls = [
        lambda: files.get("/tmp/missing"),
        lambda: files.get("/tmp/missing", to=io.BytesIO()),
        lambda: files.stat("/tmp/missing"),
        lambda: files.listdir("/tmp/missing"),
        lambda: files.delete("/tmp/missing"),
        lambda: files.put("/tmp/no/such/dir/file", b"x"),
    ]
    for call in calls:
        with pytest.raises(NotFound) as caught:
            call()
        error = caught.value
        assert error.status_code == 404
        assert str(error) == error.response.json()["error"]  # LXD's own text
    with pytest.raises(NotFound):
        with files.open("/tmp/missing"):
            pass
    assert not files.exists("/tmp/missing")
    with pytest.raises(LXDAPIException):
        files.put("/", b"x")  # a directory cannot be written as a file


def make_tree(root: Path) -> None:
    (root / "a" / "b" / "c").mkdir(parents=True)
    (root / "empty").mkdir()
    (root / "a" / "b" / "c" / "deep.txt").write_bytes(b"deep")
    (root / "a" / ODD).write_bytes(os.urandom(5000))
    (root / "run.sh").write_bytes(b"#!/bin/sh\necho hi\n")
    (root / "run.sh").chmod(0o755)
    (root / "private").write_bytes(b"secret")
    (root / "private").chmod(0o600)
    (root / "ro-dir").mkdir()
    (root / "ro-dir" / "f").write_bytes(b"")
    (root / "ro-dir").chmod(0o555)
    os.symlink("a/b/c/deep.txt", root / "link")
    os.symlink("/etc/hostname", root / "outside")
    os.symlink(ODD, root / "a" / "odd link")


def snapshot(root: Path) -> dict[str, tuple[str, int, str]]:
    """Every path below ``root`` → (type, mode, content digest or link target)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            info = path.lstat()
            key = str(path.relative_to(root))
            if stat.S_ISLNK(info.st_mode):
                out[key] = ("link", 0, os.readlink(path))
            elif stat.S_ISDIR(info.st_mode):
                out[key] = ("dir", stat.S_IMODE(info.st_mode), "")
            else:
                out[key] = ("file", stat.S_IMODE(info.st_mode), sha(path.read_bytes()))
    return out


def test_recursive_put_then_get_gives_the_same_tree(container, tmp_path: Path) -> None:
    src, back = tmp_path / "src", tmp_path / "back"
    src.mkdir()
    make_tree(src)
    remote = f"/tmp/{unique_name('tree')} {ODD}"
    with Client() as client:
        files = (client.instances.get(container)).files
        progress = []
        files.recursive_put(src, remote, progress=lambda d, t: progress.append((d, t)))
        total = sum(p.stat().st_size for p in src.rglob("*") if p.is_file() and not p.is_symlink())
        assert progress[-1] == (total, total)
        assert (files.stat(f"{remote}/run.sh")).mode == 0o755
        assert (files.stat(f"{remote}/link")).is_symlink
        assert files.listdir(f"{remote}/empty") == []

        files.recursive_get(remote, back)
        try:
            assert snapshot(back) == snapshot(src)
            assert snapshot(back)["link"] == ("link", 0, "a/b/c/deep.txt")
            assert snapshot(back)["outside"] == ("link", 0, "/etc/hostname")
        finally:
            for path in (src / "ro-dir", back / "ro-dir"):
                if path.exists():
                    path.chmod(0o755)

        single = tmp_path / "single"
        files.recursive_get(f"{remote}/run.sh", single)
        assert single.read_bytes() == b"#!/bin/sh\necho hi\n"
        assert stat.S_IMODE(single.stat().st_mode) == 0o755
        with pytest.raises(NotADirectoryError):
            files.recursive_put(src / "run.sh", remote)


def test_files_over_https_with_a_client_certificate(
    container, https_url, client_cert, trust_token, tmp_path: Path
) -> None:
    with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        client.authenticate(trust_token)
        files = (client.instances.get(container)).files
        data = os.urandom(3 * MiB + 7)
        files.put("/tmp/tls.bin", io.BytesIO(data), mode=0o600)
        assert sha(files.get("/tmp/tls.bin")) == sha(data)
        with files.open("/tmp/tls.bin") as remote:
            assert remote.stat.mode == 0o600
            assert sha(remote.read()) == sha(data)
        src = tmp_path / "src"
        (src / "empty").mkdir(parents=True)
        (src / "x").write_bytes(b"x")
        os.symlink("x", src / "l")
        files.recursive_put(src, "/tmp/tls-tree")
        files.recursive_get("/tmp/tls-tree", tmp_path / "back")
        assert snapshot(tmp_path / "back") == snapshot(src)
