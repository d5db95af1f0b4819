"""``Client.from_remote()`` with configurations written by the real command-line clients:
``lxc remote add`` on LXD (a trust token, or the trust password), ``incus remote add`` on
Incus (the Incus pass), each into a configuration directory of its own
(``LXD_CONF``/``INCUS_CONF``). Every certificate trusted here is removed afterwards."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from pylxd.aio import Client
from pylxd.exceptions import NotFound, RemoteConfigError
from tests.integration.conftest import HTTPS_ADDRESS, fingerprint, unique_name


class CLIRemote:
    """A remote added by the CLI of the daemon under test, in ``directory``."""

    def __init__(self, admin, directory: Path) -> None:
        self.admin = admin
        self.directory = directory
        self.cli = "incus" if admin.is_incus else "lxc"
        self.name = unique_name("remote")

    def run(self, *args: str) -> str:
        variable = "INCUS_CONF" if self.cli == "incus" else "LXD_CONF"
        env = {**os.environ, variable: str(self.directory)}
        done = subprocess.run(
            [self.cli, *args], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def add_with_token(self, token: str) -> None:
        if self.cli == "incus":
            url = f"https://{HTTPS_ADDRESS}"
            self.run("remote", "add", self.name, url, "--accept-certificate", "--token", token)
        else:  # lxc 5.0 takes the token in place of the address (it holds the addresses)
            self.run("remote", "add", self.name, token, "--accept-certificate")

    def untrust(self) -> None:
        crt = self.directory / "client.crt"
        if crt.exists():
            try:
                self.admin.api.certificates[fingerprint(str(crt))].delete()
            except NotFound:
                pass


@pytest.fixture
def cli_remote(admin, tmp_path: Path) -> Iterator[CLIRemote]:
    remote = CLIRemote(admin, tmp_path / "conf")
    if shutil.which(remote.cli) is None:
        pytest.fail(f"the {remote.cli} command is not installed")
    yield remote
    remote.untrust()


async def test_a_remote_added_with_a_token(cli_remote, trust_token, monkeypatch) -> None:
    cli_remote.add_with_token(trust_token)
    conf = cli_remote.directory
    async with Client.from_remote(cli_remote.name, config=conf) as client:
        assert client.trusted
        assert client.endpoint.host == HTTPS_ADDRESS
        assert client.verify == str(conf / "servercerts" / f"{cli_remote.name}.crt")  # pinned
        # The remote's project as the CLI wrote it; lxc 5.0 writes none (the server's
        # default project then, as for the CLI).
        written = (conf / "config.yml").read_text()
        assert client.project == ("default" if "project: default" in written else None)
        assert isinstance(await client.instances.all(), list)
    # Found through the CLI's own variable, as the CLI finds it.
    variable = "INCUS_CONF" if cli_remote.cli == "incus" else "LXD_CONF"
    monkeypatch.setenv(variable, str(conf))
    async with Client.from_remote(cli_remote.name, cli=cli_remote.cli) as client:
        assert client.trusted
    # The default remote, once the CLI switched to it; then "local", the local daemon.
    cli_remote.run("remote", "switch", cli_remote.name)
    async with Client.from_remote(cli=cli_remote.cli) as client:
        assert client.endpoint.host == HTTPS_ADDRESS and client.trusted
    async with Client.from_remote("local", cli=cli_remote.cli) as client:
        assert client.endpoint.is_unix and client.trusted
        assert client.is_incus == (cli_remote.cli == "incus")


async def test_a_remote_added_with_the_trust_password(cli_remote, trust_password) -> None:
    url = f"https://{HTTPS_ADDRESS}"
    cli_remote.run(
        "remote", "add", cli_remote.name, url, "--accept-certificate", "--password", trust_password
    )
    async with Client.from_remote(cli_remote.name, config=cli_remote.directory) as client:
        assert client.trusted


async def test_clear_errors_name_the_file(cli_remote, trust_token) -> None:
    cli_remote.add_with_token(trust_token)
    conf = cli_remote.directory
    with pytest.raises(RemoteConfigError, match="no remote 'nope'") as caught:
        Client.from_remote("nope", config=conf)
    assert caught.value.path == str(conf / "config.yml")
    with pytest.raises(RemoteConfigError, match="simplestreams"):
        Client.from_remote("images", config=conf)
    (conf / "client.key").rename(conf / "elsewhere.key")
    with pytest.raises(RemoteConfigError, match="client.key") as caught:
        Client.from_remote(cli_remote.name, config=conf)
    assert caught.value.path == str(conf / "client.key")
    with pytest.raises(RemoteConfigError, match="config.yml"):
        Client.from_remote(cli_remote.name, config=conf / "missing")


async def test_a_generated_certificate_is_trusted_like_the_clis_own(
    cli_remote, trust_token
) -> None:
    """``generate_client_certificate`` first, then the CLI adds the remote with that pair."""
    import pylxd

    cert, key = pylxd.generate_client_certificate(cli_remote.directory)
    assert (cli_remote.directory / "client.key").stat().st_mode & 0o777 == 0o600
    before = Path(cert).read_bytes()
    cli_remote.add_with_token(trust_token)
    assert Path(cert).read_bytes() == before  # the CLI used it, did not make its own
    async with Client.from_remote(cli_remote.name, config=cli_remote.directory) as client:
        assert client.trusted and client.cert is not None and client.cert.key == key
