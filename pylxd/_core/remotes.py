"""Remotes as ``lxc`` and ``incus`` know them: their ``config.yml``, the client certificate
beside it, and the server certificates ``remote add`` saved in ``servercerts/``.

Where each CLI keeps its configuration:

- ``lxc``: ``$LXD_CONF``, else the snap's ``~/snap/lxd/common/config`` when it has a
  ``config.yml``, else ``~/.config/lxc``;
- ``incus``: ``$INCUS_CONF``, else ``~/.config/incus``.

A remote is ``addr`` (``unix://`` for the local daemon, ``unix:///path``, or
``https://host:port``), ``protocol`` (``lxd``, ``incus`` or ``simplestreams``), ``project``,
``public`` and ``auth_type``. Both CLIs know ``local`` (the local daemon) without it being
written down, and ``default-remote`` defaults to it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, NamedTuple

from pylxd._core import config_yaml
from pylxd._core.endpoint import CERT_FILE_NAME, KEY_FILE_NAME, SNAP_ROOT, Cert, local_socket
from pylxd.exceptions import RemoteConfigError

__all__ = ["CLIS", "Remote", "RemoteConfig", "config_dir", "find_remote", "read_config"]

#: The command-line clients whose configuration is read, in the order they are searched.
CLIS = ("lxc", "incus")
#: The protocol each CLI's remotes speak when their entry does not say.
_PROTOCOL = {"lxc": "lxd", "incus": "incus"}


class Remote(NamedTuple):
    """How to reach one remote: what :class:`~pylxd.Client` is given."""

    name: str
    endpoint: str
    cert: Cert | None
    verify: bool | str
    project: str | None


class RemoteConfig(NamedTuple):
    """One CLI's configuration: where it is and what it says."""

    cli: str
    directory: str
    remotes: dict[str, dict[str, Any]]
    default_remote: str
    #: Whether ``config.yml`` exists (without it, only the built-in ``local`` is known).
    found: bool

    @property
    def path(self) -> str:
        return os.path.join(self.directory, "config.yml")


def config_dir(cli: str, env: Mapping[str, str] | None = None) -> str:
    """The directory ``cli`` (``"lxc"`` or ``"incus"``) keeps its configuration in."""
    env = os.environ if env is None else env
    if cli == "lxc":
        if env.get("LXD_CONF"):
            return env["LXD_CONF"]
        if os.path.exists(os.path.join(SNAP_ROOT, "config.yml")):
            return SNAP_ROOT.rstrip("/")
        return os.path.expanduser("~/.config/lxc")
    if cli == "incus":
        return env.get("INCUS_CONF") or os.path.expanduser("~/.config/incus")
    raise ValueError(f"cli must be one of {CLIS}, not {cli!r}")


def read_config(cli: str, directory: str | os.PathLike[str] | None = None) -> RemoteConfig:
    """``cli``'s configuration (in ``directory`` if given), with the built-in ``local``.

    Raises:
        RemoteConfigError: the file cannot be read or is not such a configuration.
    """
    where = os.fspath(directory) if directory is not None else config_dir(cli)
    path = os.path.join(where, "config.yml")
    try:
        with open(path, encoding="utf-8") as f:
            data = config_yaml.parse(f.read()) or {}
        found = True
    except FileNotFoundError:
        data, found = {}, False
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise RemoteConfigError(f"cannot read {path}: {exc}", path=path) from exc
    remotes = data.get("remotes") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(remotes, (dict, type(None))):
        raise RemoteConfigError(f"{path} is not an {cli} client configuration", path=path)
    known: dict[str, dict[str, Any]] = {"local": {"addr": "unix://"}}
    for name, remote in (remotes or {}).items():
        if not isinstance(remote, dict) or not isinstance(remote.get("addr"), str):
            raise RemoteConfigError(f"{path}: remote {name!r} has no addr", path=path)
        known[str(name)] = remote
    default = data.get("default-remote") or "local"
    return RemoteConfig(cli, where, known, str(default), found)


def find_remote(
    name: str | None = None,
    *,
    cli: str | None = None,
    config: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> Remote:
    """The remote called ``name`` (``None``: the default remote), as the CLI would reach it.

    Args:
        name: a remote's name, or ``None`` for ``default-remote``.
        cli: ``"lxc"`` or ``"incus"``; ``None`` searches ``lxc``'s configuration first, then
            ``incus``' (the first that names the remote; for the default remote, the first
            configuration file that exists).
        config: a configuration directory (or its ``config.yml``) to read instead.

    Raises:
        RemoteConfigError: no such remote, an image server (``simplestreams``), an
            authentication pylxd does not do, or a certificate file that is missing (the
            message names the file).
    """
    if cli is not None and cli not in CLIS:
        raise ValueError(f"cli must be one of {CLIS}, not {cli!r}")
    if config is not None:
        directory = os.fspath(config)
        if os.path.basename(directory) == "config.yml":
            directory = os.path.dirname(directory)
        configs = [read_config(cli or "lxc", directory)]
        if not configs[0].found:
            raise RemoteConfigError(f"no {configs[0].path}", path=configs[0].path)
    else:
        configs = [read_config(each, config_dir(each, env)) for each in ([cli] if cli else CLIS)]
    existing = [each for each in configs if each.found] or configs[:1]
    if name is None:
        chosen = existing[0]
        name = chosen.default_remote
    else:
        chosen = next((each for each in existing if name in each.remotes), existing[0])
    if name not in chosen.remotes:
        looked = ", ".join(each.path for each in configs)
        known = ", ".join(sorted({remote for each in existing for remote in each.remotes}))
        raise RemoteConfigError(
            f"no remote {name!r} in {looked} (known: {known})", path=chosen.path
        )
    return _remote(chosen, name, env)


def _remote(config: RemoteConfig, name: str, env: Mapping[str, str] | None) -> Remote:
    """How ``config``'s remote ``name`` is reached: endpoint, certificates, project."""
    remote = config.remotes[name]
    addr = str(remote["addr"])
    project = str(remote["project"]) if remote.get("project") else None
    protocol = remote.get("protocol") or _PROTOCOL[config.cli]
    where = f"remote {name!r} in {config.path}"
    if protocol == "simplestreams":
        raise RemoteConfigError(
            f"{where} is a simplestreams image server ({addr}), not an LXD or Incus server: "
            "copy its images with client.images.create_from_simplestreams()",
            path=config.path,
        )
    if protocol not in ("lxd", "incus"):
        raise RemoteConfigError(f"{where} speaks {protocol!r}, not lxd or incus", path=config.path)
    auth = remote.get("auth_type") or "tls"
    if auth != "tls":
        raise RemoteConfigError(
            f"{where} authenticates with {auth!r}: pylxd uses TLS client certificates",
            path=config.path,
        )
    if addr.startswith("unix:"):
        socket = addr[len("unix:") :].lstrip("/")
        if socket:
            endpoint = "/" + socket
        else:  # "unix://": the CLI's own local daemon
            endpoint = local_socket(_local_env(config.cli, os.environ if env is None else env))
        return Remote(name, endpoint, None, True, project)
    cert: Cert | None = Cert(
        os.path.join(config.directory, CERT_FILE_NAME),
        os.path.join(config.directory, KEY_FILE_NAME),
    )
    missing = [path for path in cert or () if not os.path.exists(path)]
    if missing and remote.get("public"):
        cert = None  # a public server: reachable without a client certificate
    elif missing:
        raise RemoteConfigError(
            f"{where} needs a client certificate: {' and '.join(missing)} missing "
            f"(pylxd.generate_client_certificate({config.directory!r}) makes one, the way "
            f"{config.cli} does; the server must then trust it)",
            path=missing[0],
        )
    saved = os.path.join(config.directory, "servercerts", f"{name}.crt")
    verify: bool | str = saved if os.path.exists(saved) else True
    return Remote(name, addr, cert, verify, project)


def _local_env(cli: str, env: Mapping[str, str]) -> Mapping[str, str]:
    """The environment :func:`local_socket` reads to find ``cli``'s own daemon: ``incus``'
    ``local`` is Incus even when ``$LXD_DIR`` is set, and ``lxc``'s is LXD."""
    if cli == "incus":
        incus = {k: v for k, v in env.items() if k in ("INCUS_SOCKET", "INCUS_DIR")}
        return incus or {"INCUS_DIR": _incus_dir()}
    return {k: v for k, v in env.items() if k == "LXD_DIR"}


def _incus_dir() -> str:
    """Incus' daemon directory when the environment names none."""
    for path in ("/var/lib/incus", "/run/incus"):
        if os.path.exists(os.path.join(path, "unix.socket")):
            return path
    return "/var/lib/incus"
