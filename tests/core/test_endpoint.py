"""Endpoint resolution: sockets, URLs, the environment, lists (``_core/endpoint.py``)."""

from __future__ import annotations

import pytest

from pylxd._core.endpoint import resolve_endpoint, resolve_endpoints
from pylxd.exceptions import (
    ClientConnectionFailed,
    InvalidEndpoint,
)


def test_endpoint_forms() -> None:
    assert resolve_endpoint("/run/lxd.socket").socket_path == "/run/lxd.socket"
    assert resolve_endpoint("unix:///run/x.socket").socket_path == "/run/x.socket"
    assert resolve_endpoint("http+unix://%2Frun%2Fy.socket").socket_path == "/run/y.socket"
    https = resolve_endpoint("https://10.0.0.1:8443")
    assert (https.scheme, https.host, https.hostname) == ("https", "10.0.0.1:8443", "10.0.0.1")
    assert https.websocket_url == "wss://10.0.0.1:8443"
    assert https.port == 8443 and resolve_endpoint("https://h").port == 8443
    assert resolve_endpoint("http://h").port == 80
    assert resolve_endpoint("http://10.0.0.1:8443", tls=True).scheme == "https"
    assert resolve_endpoint("http://proxy:80").scheme == "http"
    v6 = resolve_endpoint("https://[::1]:8443")
    assert v6.hostname == "::1"
    with pytest.raises(ValueError, match="not an LXD endpoint"):
        resolve_endpoint("ftp://x")
    with pytest.raises(ClientConnectionFailed):
        resolve_endpoint("not a url")


def test_endpoint_from_environment() -> None:
    assert resolve_endpoint(None, env={"LXD_DIR": "/tmp/l"}).socket_path == "/tmp/l/unix.socket"
    assert resolve_endpoint(None, env={"INCUS_SOCKET": "/i.sock"}).socket_path == "/i.sock"
    assert resolve_endpoint(None, env={"INCUS_DIR": "/i"}).socket_path == "/i/unix.socket"
    assert resolve_endpoint(None, env={}).socket_path is not None


def test_resolve_endpoints_one_or_many() -> None:
    assert [str(e) for e in resolve_endpoints("/run/a.socket")] == ["/run/a.socket"]
    many = resolve_endpoints(["https://127.0.0.11:8443", "/run/b.socket"], tls=True)
    assert [e.scheme for e in many] == ["https", "http"]
    assert many[1].socket_path == "/run/b.socket"
    assert resolve_endpoints(None, env={"LXD_DIR": "/d"})[0].socket_path == "/d/unix.socket"
    for bad in ([], [None], ["ftp://x"], b"/run/a.socket"):
        with pytest.raises(InvalidEndpoint):
            resolve_endpoints(bad)  # type: ignore[arg-type]
