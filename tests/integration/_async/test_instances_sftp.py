"""instance.sftp() and recursive transfers over SFTP, on a real container."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from paramiko import SSHException

from pylxd._async.instances import sftp as sftp_module
from pylxd._drivers import sftp as sftp_driver
from pylxd._drivers import sftp_tree
from pylxd.aio import Client
from pylxd.aio.models import Instance
from pylxd.exceptions import LXDAPIException, NotFound
from tests.integration._async.test_instances_files import make_tree, snapshot
from tests.integration.conftest import shared_container, unique_name

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def container(admin) -> Iterator[str]:
    yield from shared_container(admin, "sftp")


@pytest.fixture
def sessions(monkeypatch) -> list[str]:
    """The SFTP sessions a transfer opened (their instance names)."""
    opened: list[str] = []
    real = sftp_module.open_instance_sftp

    async def spy(instance):
        opened.append(instance.name)
        return await real(instance)

    monkeypatch.setattr(sftp_module, "open_instance_sftp", spy)
    return opened


def writable(*roots: Path) -> None:
    for root in roots:
        if (root / "ro-dir").exists():
            (root / "ro-dir").chmod(0o755)


async def test_sftp_client_over_the_unix_socket(container) -> None:
    path = f"/tmp/{unique_name('sftp')}"
    async with Client() as client:
        instance = await client.instances.get(container)
        sftp = await instance.sftp()
        try:
            await sftp.mkdir(path)
            await sftp.chmod(path, 0o750)  # LXD's SFTP server ignores mkdir's mode
            await sftp.putfo(io.BytesIO(b"over sftp"), f"{path}/a.txt")
            await sftp.chmod(f"{path}/a.txt", 0o604)
            assert sorted(await sftp.listdir(path)) == ["a.txt"]
            assert (await sftp.stat(f"{path}/a.txt")).st_size == 9
            # what SFTP wrote, the files API reads
            assert await instance.files.get(f"{path}/a.txt") == b"over sftp"
            assert (await instance.files.stat(f"{path}/a.txt")).mode == 0o604
            assert (await instance.files.stat(path)).mode == 0o750
            sink = io.BytesIO()
            await sftp.getfo(f"{path}/a.txt", sink)
            assert sink.getvalue() == b"over sftp"
        finally:
            await sftp.aclose()
        await instance.execute(["rm", "-rf", path])


async def test_sftp_is_closed_with_its_client(container) -> None:
    client = Client()
    await client.connect()
    sftp = await (await client.instances.get(container)).sftp()
    assert "etc" in await sftp.listdir("/")
    await client.aclose()
    with pytest.raises((OSError, EOFError, SSHException)):
        await sftp.listdir("/")


async def test_sftp_of_a_missing_instance_is_not_found() -> None:
    async with Client() as client:
        missing = Instance(client, name=unique_name("missing"))
        with pytest.raises(NotFound):
            await missing.sftp()


async def test_sftp_over_https_with_a_client_certificate(
    container, https_url, client_cert, trust_token, tmp_path: Path, sessions
) -> None:
    async with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        await client.authenticate(trust_token)
        instance = await client.instances.get(container)
        remote = f"/tmp/{unique_name('tls-sftp')}"
        data = os.urandom(1 << 20)
        async with await instance.sftp() as sftp:
            assert "etc" in await sftp.listdir("/")
            await sftp.putfo(io.BytesIO(data), remote)
            # getfo prefetches: a thread sends the reads while this one reads the answers,
            # on one TLS connection (unserialised, ~1 in 3 was "Server connection dropped")
            for _ in range(5):
                sink = io.BytesIO()
                await sftp.getfo(remote, sink)
                assert sink.getvalue() == data
            await sftp.remove(remote)
        src = tmp_path / "src"
        src.mkdir()
        make_tree(src)
        remote = f"/tmp/{unique_name('tls-sftp')}"
        try:
            await instance.files.recursive_put(src, remote)
            await instance.files.recursive_get(remote, tmp_path / "back")
            assert snapshot(tmp_path / "back") == snapshot(src)
        finally:
            writable(src, tmp_path / "back")
            await instance.execute(["rm", "-rf", remote])
    assert sessions == [container, container]  # the two tree transfers went over SFTP


async def test_recursive_transfers_over_sftp_match_http(
    container, tmp_path: Path, sessions, monkeypatch
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    make_tree(src)
    (src / "a" / "b" / "big.bin").write_bytes(os.urandom(3000))
    (src / "a" / "b" / "big.bin").chmod(0o640)
    # Small files go in batches, medium ones (big.bin) stream alone, large ones (the
    # 5000-byte ODD) go over HTTP.
    monkeypatch.setattr(sftp_tree, "BATCH_FILE", 1024)
    monkeypatch.setattr(sftp_tree, "LARGE_FILE", 4000)
    remote = f"/tmp/{unique_name('sftp-tree')}"
    async with Client() as client:
        instance = await client.instances.get(container)
        files = instance.files
        try:
            progress = []
            await files.recursive_put(src, remote, progress=lambda d, t: progress.append((d, t)))
            total = sum(
                p.stat().st_size for p in src.rglob("*") if p.is_file() and not p.is_symlink()
            )
            assert progress[-1] == (total, total)
            assert (await files.stat(f"{remote}/a/b/big.bin")).mode == 0o640
            assert (await files.stat(f"{remote}/private")).mode == 0o600
            assert await files.listdir(f"{remote}/empty") == []
            pulled = []
            await files.recursive_get(
                remote, tmp_path / "sftp", progress=lambda d, t: pulled.append(d)
            )
            assert pulled[-1] == total and pulled == sorted(pulled)
            assert len(sessions) == 2
            assert snapshot(tmp_path / "sftp") == snapshot(src)
            assert snapshot(tmp_path / "sftp")["link"] == ("link", 0, "a/b/c/deep.txt")

            # The same tree over HTTP (no SFTP on the server, or no paramiko) is identical.
            monkeypatch.setattr(sftp_driver, "sftp_available", lambda: False)
            await files.recursive_get(remote, tmp_path / "http")
            assert len(sessions) == 2
            assert snapshot(tmp_path / "http") == snapshot(tmp_path / "sftp")
        finally:
            writable(src, tmp_path / "sftp", tmp_path / "http")
            await instance.execute(["rm", "-rf", remote])


async def test_recursive_put_over_sftp_replaces_and_keeps(container, tmp_path: Path) -> None:
    """A second push over an existing tree: files and links replaced, directories kept."""
    src = tmp_path / "src"
    (src / "d").mkdir(parents=True)
    (src / "d" / "f").write_bytes(b"one")
    os.symlink("f", src / "d" / "l")
    remote = f"/tmp/{unique_name('sftp-again')}"
    async with Client() as client:
        instance = await client.instances.get(container)
        try:
            await instance.files.recursive_put(src, remote, mode=0o600, uid=1000, gid=1001)
            info = await instance.files.stat(f"{remote}/d/f")
            assert (info.mode, info.uid, info.gid) == (0o600, 1000, 1001)
            assert (await instance.files.stat(f"{remote}/d")).uid == 1000
            (src / "d" / "f").write_bytes(b"two!")
            os.unlink(src / "d" / "l")
            os.symlink("elsewhere", src / "d" / "l")
            await instance.files.recursive_put(src, remote)
            assert await instance.files.get(f"{remote}/d/f") == b"two!"
            assert (await instance.files.stat(f"{remote}/d/f")).mode == 0o644
            listing = await instance.execute(["readlink", f"{remote}/d/l"])
            assert listing.stdout.strip() == "elsewhere"
        finally:
            await instance.execute(["rm", "-rf", remote])


async def test_pull_never_writes_through_a_local_symlink(container, tmp_path: Path) -> None:
    remote = f"/tmp/{unique_name('sftp-hostile')}"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim").write_bytes(b"keep me")
    dest = tmp_path / "dest"
    dest.mkdir()
    os.symlink(outside / "victim", dest / "f")  # where the pull writes a file
    async with Client() as client:
        instance = await client.instances.get(container)
        try:
            script = f"mkdir -p {remote}/sub && echo new > {remote}/f && echo x > '{remote}/a\\b'"
            assert (await instance.execute(["sh", "-c", script])).exit_code == 0
            await instance.files.recursive_get(remote, dest)
            assert (outside / "victim").read_bytes() == b"keep me"
            assert not (dest / "f").is_symlink() and (dest / "f").read_bytes() == b"new\n"
            assert (dest / "a\\b").read_bytes() == b"x\n"  # a backslash is a plain name

            (tmp_path / "d3").mkdir()
            os.symlink(outside, tmp_path / "d3" / "sub")  # a directory the pull would enter
            await instance.files.recursive_get(remote, tmp_path / "d3")
            assert not (tmp_path / "d3" / "sub").is_symlink()  # replaced, never followed
            assert sorted(os.listdir(outside)) == ["victim"]
        finally:
            await instance.execute(["rm", "-rf", remote])


async def test_a_refused_file_in_a_batch_is_an_lxd_error(container, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a", "b", "c"):
        (src / name).write_bytes(name.encode())
    remote = f"/tmp/{unique_name('sftp-refused')}"
    async with Client() as client:
        instance = await client.instances.get(container)
        try:
            assert (await instance.execute(["mkdir", "-p", f"{remote}/b"])).exit_code == 0
            with pytest.raises(LXDAPIException, match=f"{remote}/b"):
                await instance.files.recursive_put(src, remote)  # b is a directory there
            assert await instance.files.get(f"{remote}/a") == b"a"  # the rest went
            assert await instance.files.get(f"{remote}/c") == b"c"
        finally:
            await instance.execute(["rm", "-rf", remote])


async def test_recursive_get_of_a_missing_path_is_not_found(container, tmp_path: Path) -> None:
    async with Client() as client:
        instance = await client.instances.get(container)
        with pytest.raises(NotFound):
            await instance.files.recursive_get(f"/tmp/{unique_name('none')}", tmp_path / "x")
