"""Remotes read from lxc/incus configurations laid out here (the real CLIs write them in
tests/integration/_async/test_remotes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pylxd._core.remotes import config_dir, find_remote
from pylxd.exceptions import RemoteConfigError


def write_config(directory: Path, remotes: str, default: str = "local", pair: bool = True) -> Path:
    directory.mkdir(parents=True)
    (directory / "config.yml").write_text(f"default-remote: {default}\nremotes:\n{remotes}")
    if pair:
        (directory / "client.crt").write_text("cert")
        (directory / "client.key").write_text("key")
    return directory


SERVER = "  srv:\n    addr: https://10.0.0.1:8443\n    protocol: lxd\n    project: p1\n"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"LXD_CONF": str(tmp_path / "lxc"), "INCUS_CONF": str(tmp_path / "incus")}


def test_where_each_cli_keeps_its_configuration(env) -> None:
    assert config_dir("lxc", env) == env["LXD_CONF"]
    assert config_dir("incus", env) == env["INCUS_CONF"]
    assert config_dir("incus", {}).endswith("/.config/incus")
    with pytest.raises(ValueError, match="cli"):
        config_dir("docker", env)


def test_an_https_remote_with_its_certificates_and_project(env) -> None:
    conf = write_config(Path(env["LXD_CONF"]), SERVER)
    remote = find_remote("srv", env=env)
    assert remote.endpoint == "https://10.0.0.1:8443" and remote.project == "p1"
    assert remote.cert == (str(conf / "client.crt"), str(conf / "client.key"))
    assert remote.verify is True  # no saved server certificate: the system's CAs
    (conf / "servercerts").mkdir()
    (conf / "servercerts" / "srv.crt").write_text("pinned")
    assert find_remote("srv", env=env).verify == str(conf / "servercerts" / "srv.crt")


def test_lxc_first_then_incus_and_the_default_remote(env) -> None:
    write_config(Path(env["INCUS_CONF"]), SERVER.replace("lxd", "incus"), default="srv")
    assert find_remote("srv", env=env).endpoint == "https://10.0.0.1:8443"  # only incus has it
    assert find_remote(env=env).name == "srv"  # incus' is the only configuration
    write_config(Path(env["LXD_CONF"]), "  other:\n    addr: https://10.0.0.2:8443\n")
    assert find_remote(env=env).name == "local"  # lxc's default, lxc's file first
    assert find_remote("srv", env=env).endpoint == "https://10.0.0.1:8443"
    assert find_remote("other", cli="lxc", env=env).endpoint == "https://10.0.0.2:8443"
    with pytest.raises(RemoteConfigError, match="no remote 'other'.*known: local, srv"):
        find_remote("other", cli="incus", env=env)


def test_local_is_known_without_any_configuration(env, tmp_path: Path) -> None:
    socket = str(tmp_path / "lxd.socket")
    remote = find_remote("local", env={**env, "LXD_DIR": str(tmp_path)})
    assert remote.endpoint == str(tmp_path / "unix.socket") and remote.cert is None
    incus = find_remote(cli="incus", env={**env, "INCUS_SOCKET": socket, "LXD_DIR": "/x"})
    assert incus.endpoint == socket  # incus' local is Incus even beside $LXD_DIR
    with pytest.raises(RemoteConfigError, match="no remote 'srv'") as caught:
        find_remote("srv", env=env)
    assert caught.value.path == str(Path(env["LXD_CONF"]) / "config.yml")


def test_a_socket_remote_and_an_explicit_configuration(env, tmp_path: Path) -> None:
    conf = write_config(tmp_path / "mine", "  sock:\n    addr: unix:///run/x/unix.socket\n")
    assert find_remote("sock", config=conf, env=env).endpoint == "/run/x/unix.socket"
    assert find_remote("sock", config=conf / "config.yml", env=env).cert is None
    with pytest.raises(RemoteConfigError, match="nowhere/config.yml"):
        find_remote("sock", config=tmp_path / "nowhere", env=env)


@pytest.mark.parametrize(
    ("remote", "message"),
    [
        ("    addr: https://images.example\n    protocol: simplestreams\n", "simplestreams"),
        ("    addr: https://x:8443\n    protocol: docker\n", "docker"),
        ("    addr: https://x:8443\n    auth_type: oidc\n", "oidc"),
        ("    protocol: lxd\n", "has no addr"),
    ],
)
def test_remotes_pylxd_cannot_use(env, remote: str, message: str) -> None:
    write_config(Path(env["LXD_CONF"]), f"  bad:\n{remote}")
    with pytest.raises(RemoteConfigError, match=message):
        find_remote("bad", env=env)


def test_a_missing_certificate_names_the_file(env) -> None:
    conf = write_config(Path(env["LXD_CONF"]), SERVER, pair=False)
    with pytest.raises(RemoteConfigError, match="generate_client_certificate") as caught:
        find_remote("srv", env=env)
    assert caught.value.path == str(conf / "client.crt")
    public = "  pub:\n    addr: https://10.0.0.3:8443\n    public: true\n"
    (conf / "config.yml").write_text(f"remotes:\n{public}")
    assert find_remote("pub", env=env).cert is None  # a public server needs none


def test_an_unreadable_configuration_names_the_file(env) -> None:
    conf = Path(env["LXD_CONF"])
    conf.mkdir()
    (conf / "config.yml").write_text("remotes: [1, 2]\n")
    with pytest.raises(RemoteConfigError, match="config.yml"):
        find_remote("x", env=env)
    (conf / "config.yml").write_text("- a list\n")
    with pytest.raises(RemoteConfigError, match="not an lxc client configuration"):
        find_remote("x", env=env)
