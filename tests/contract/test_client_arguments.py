"""The client's arguments, checked before any I/O (the asyncio client connects later)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pylxd.aio import Client
from pylxd.exceptions import ClientConnectionFailed, InvalidEndpoint
from tests.certs import make_cert


def test_endpoints() -> None:
    assert Client("/var/lib/lxd/unix.socket").endpoint.is_unix
    assert Client("https://127.0.0.1:8443", verify=False).endpoint.scheme == "https"
    assert Client("https://127.0.0.1:8443/", verify=False).endpoint.host == "127.0.0.1:8443"
    with pytest.raises(InvalidEndpoint):
        Client("ftp://nope")


def test_certificates_are_a_pair_of_paths(tmp_path: Path) -> None:
    crt, key = make_cert(tmp_path, "c")
    client = Client("https://127.0.0.1:8443", cert=(Path(crt), Path(key)), verify=Path(crt))
    assert client.cert == (crt, key) and client.verify == crt
    with pytest.raises(TypeError, match="pair"):
        Client("https://127.0.0.1:8443", cert=crt)  # type: ignore[arg-type]
    with pytest.raises(ClientConnectionFailed, match="certificates"):
        Client("https://127.0.0.1:8443", cert=(str(tmp_path / "x.crt"), key))


def test_an_http_endpoint_with_a_certificate_is_https(tmp_path: Path) -> None:
    cert = make_cert(tmp_path, "c")
    assert Client("http://10.0.0.1:8443", cert=cert, verify=False).endpoint.scheme == "https"


def test_requests_sessions_are_refused() -> None:
    with pytest.raises(TypeError, match="session"):
        Client(session=object())  # type: ignore[arg-type]
