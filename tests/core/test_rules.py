"""URL, endpoint, token, TLS, envelope, operation and exec rules, without a server."""

from __future__ import annotations

import base64
import io
import ssl
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from pylxd._core.endpoint import resolve_endpoint
from pylxd._core.envelope import check_response, metadata, operation_id, response_operation
from pylxd._core.exec import OutputSink, exec_request, stdin_chunks
from pylxd._core.operations import is_final, is_success, resource_name, server_wait_seconds
from pylxd._core.response import Response
from pylxd._core.tls import (
    build_ssl_context,
    certificate_base64,
    certificate_fingerprint,
    is_pinned_certificate,
)
from pylxd._core.tokens import encode_trust_token, is_trust_token
from pylxd._core.urls import (
    attribute_segment,
    join_path,
    name_from_url,
    quote_segment,
    with_query,
)
from pylxd.exceptions import (
    BadRequest,
    ClientConnectionFailed,
    Conflict,
    Forbidden,
    InUse,
    LXDAPIException,
    NotFound,
)
from tests.certs import make_cert


def response(status: int, body: bytes) -> Response:
    return Response(status, {}, body, "/1.0/x")


# -- urls --------------------------------------------------------------------------


def test_segments_are_quoted() -> None:
    assert quote_segment("a/b?c#d e%") == "a%2Fb%3Fc%23d%20e%25"
    assert join_path("/1.0/instances", "x y") == "/1.0/instances/x%20y"
    assert attribute_segment("network_acls") == "network-acls"
    assert name_from_url("/1.0/instances/my%20c1?project=p") == "my c1"


def test_query_building() -> None:
    assert with_query("/p", None) == "/p"
    assert with_query("/p", {"a": None}) == "/p"
    assert with_query("/p", {"recursion": 1, "force": True}) == "/p?recursion=1&force=true"
    assert with_query("/p?x=1", {"y": "a b"}) == "/p?x=1&y=a+b"
    query = with_query("/p", {"recursion": "2;fields=state.network"}).split("?", 1)[1]
    assert parse_qs(query) == {"recursion": ["2;fields=state.network"]}


# -- endpoints -----------------------------------------------------------------------


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


# -- tokens and TLS ---------------------------------------------------------------------


def test_trust_tokens() -> None:
    token = encode_trust_token("me", "abc", ["127.0.0.1:8443"], "s3cret")
    assert is_trust_token(token)
    assert is_trust_token(f"  {token}\n")
    assert not is_trust_token("a-trust-password")
    assert not is_trust_token("aGVsbG8=")  # base64, but not a token


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory) -> tuple[str, str]:
    return make_cert(tmp_path_factory.mktemp("tls"), "pylxd", ca=False)


def test_ssl_context_modes(self_signed) -> None:
    crt, key = self_signed
    insecure = build_ssl_context(None, False)
    assert insecure.verify_mode == ssl.CERT_NONE and not insecure.check_hostname
    system = build_ssl_context(None, True)
    assert system.verify_mode == ssl.CERT_REQUIRED and system.check_hostname
    pinned = build_ssl_context((crt, key), crt)
    assert pinned.verify_mode == ssl.CERT_REQUIRED and not pinned.check_hostname
    assert is_pinned_certificate(crt)


def test_a_ca_or_a_bundle_is_not_pinned(tmp_path: Path) -> None:
    ca, _ = make_cert(tmp_path, "ca")
    leaf, _ = make_cert(tmp_path, "leaf", ca=False)
    assert not is_pinned_certificate(ca)
    bundle = tmp_path / "bundle.pem"
    bundle.write_text(Path(leaf).read_text() + Path(ca).read_text())
    assert not is_pinned_certificate(str(bundle))
    assert build_ssl_context(None, ca).check_hostname


def test_ssl_context_missing_files(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        build_ssl_context((str(tmp_path / "no.crt"), str(tmp_path / "no.key")), False)


def test_certificate_base64_is_the_der_body(self_signed) -> None:
    import base64

    pem = Path(self_signed[0]).read_text()
    assert base64.b64decode(certificate_base64(pem)) == ssl.PEM_cert_to_DER_cert(pem)
    with pytest.raises(ValueError):
        certificate_base64("not a certificate")


def test_certificate_fingerprint_from_pem_text_pem_bytes_and_der(self_signed) -> None:
    import hashlib

    pem = Path(self_signed[0]).read_text()
    der = ssl.PEM_cert_to_DER_cert(pem)
    expected = hashlib.sha256(der).hexdigest()
    assert certificate_fingerprint(pem) == expected
    assert certificate_fingerprint(pem.encode()) == expected
    assert certificate_fingerprint(der) == expected
    assert base64.b64decode(certificate_base64(der)) == der
    with pytest.raises(ValueError):
        certificate_fingerprint(b"-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----")


# -- envelope and errors --------------------------------------------------------------


def test_errors_map_to_exceptions_with_lxds_text() -> None:
    body = b'{"type":"error","error_code":404,"error":"Instance not found"}'
    with pytest.raises(NotFound, match="Instance not found") as caught:
        check_response(response(404, body))
    assert caught.value.status_code == 404 and caught.value.error == "Instance not found"
    with pytest.raises(Conflict):
        check_response(response(409, b'{"error":"exists"}'))
    with pytest.raises(Forbidden):
        check_response(response(403, b'{"error":"not authorized"}'))
    with pytest.raises(LXDAPIException, match="plain text failure"):
        check_response(response(500, b"plain text failure"))
    ok = response(200, b'{"type":"sync","metadata":{"a":1}}')
    assert check_response(ok) is ok and metadata(ok) == {"a": 1}


def test_duplicates_refused_with_a_500_are_conflicts() -> None:
    profile = b'{"type":"error","error_code":500,"error":"Error inserting \\"p\\" into database: The profile already exists"}'
    with pytest.raises(Conflict, match="The profile already exists") as caught:
        check_response(response(500, profile))
    assert caught.value.status_code == 500  # what LXD said, not a made-up 409
    project = b'{"type":"error","error_code":500,"error":"UNIQUE constraint failed: projects.name"}'
    with pytest.raises(Conflict, match="UNIQUE constraint"):
        check_response(response(500, project))
    with pytest.raises(Conflict, match="already exists"):  # error envelope sent with HTTP 200
        metadata(response(200, b'{"type":"error","error_code":500,"error":"x already exists"}'))
    with pytest.raises(LXDAPIException) as other:
        check_response(response(500, b'{"type":"error","error":"Unknown configuration key: x"}'))
    assert type(other.value) is LXDAPIException
    with pytest.raises(NotFound):  # the status wins over the text
        check_response(response(404, b'{"error":"already exists somewhere, not found"}'))


def test_bad_requests_and_objects_in_use() -> None:
    in_use = b'{"type":"error","error_code":400,"error":"The storage pool is currently in use"}'
    with pytest.raises(InUse, match="currently in use") as caught:
        check_response(response(400, in_use))
    assert isinstance(caught.value, BadRequest) and caught.value.status_code == 400
    with pytest.raises(InUse, match="still in use"):
        metadata(response(200, b'{"type":"error","error_code":400,"error":"Volume still in use"}'))
    with pytest.raises(BadRequest) as plain:
        check_response(response(400, b'{"error":"Invalid value for size"}'))
    assert type(plain.value) is BadRequest
    # "in use" elsewhere than LXD's error text, or with another status, is not InUse.
    with pytest.raises(BadRequest) as other:
        check_response(response(400, b'{"error":"bad","metadata":{"x":"in use"}}'))
    assert type(other.value) is BadRequest
    with pytest.raises(LXDAPIException) as server:
        check_response(response(500, b'{"error":"Disk in use by another process"}'))
    assert type(server.value) is LXDAPIException


def test_operation_errors_prefer_err() -> None:
    body = b'{"type":"sync","metadata":{"status":"Failure","err":"boom"}}'
    assert str(LXDAPIException(response(200, body))) == "boom"


def test_metadata_of_a_non_lxd_body() -> None:
    with pytest.raises(LXDAPIException, match="not an LXD response"):
        metadata(response(200, b"<html>"))


def test_operations_helpers() -> None:
    assert operation_id("/1.0/operations/abc-1") == "abc-1"
    assert operation_id("/1.0/operations/abc-1?project=p") == "abc-1"
    assert operation_id("abc-1") == "abc-1"
    async_body = b'{"type":"async","operation":"/1.0/operations/x","metadata":{}}'
    assert response_operation(response(202, async_body)) == "/1.0/operations/x"
    assert response_operation(response(200, b'{"type":"sync"}')) is None
    assert is_final(200) and is_final(400) and not is_final(103) and not is_final(None)
    assert is_success(200) and not is_success(401)
    assert server_wait_seconds(0.2) == 1 and server_wait_seconds(2.5) == 3
    assert resource_name({"resources": {"instances": ["/1.0/instances/c1"]}}, "instances") == "c1"
    assert resource_name({}, "instances") is None


# -- exec --------------------------------------------------------------------------


def test_exec_request() -> None:
    body = exec_request(["ls", "-l"], {"A": "1"}, 1000, None, "/tmp")
    assert body == {
        "command": ["ls", "-l"],
        "environment": {"A": "1"},
        "wait-for-websocket": True,
        "interactive": False,
        "user": 1000,
        "cwd": "/tmp",
    }
    with pytest.raises(TypeError):
        exec_request("ls -l", None, None, None, None)


def test_stdin_chunks() -> None:
    assert list(stdin_chunks(None, "utf-8")) == []
    assert b"".join(stdin_chunks("héllo", "utf-8")) == "héllo".encode()
    big = b"x" * 200_000
    chunks = list(stdin_chunks(big, "utf-8"))
    assert len(chunks) > 1 and b"".join(chunks) == big
    assert b"".join(stdin_chunks(io.BytesIO(b"file"), "utf-8")) == b"file"
    assert b"".join(stdin_chunks(io.StringIO("text"), "utf-8")) == b"text"
    assert b"".join(stdin_chunks(iter([b"a", "b"]), "utf-8")) == b"ab"


def test_output_sink_decoding_and_handlers() -> None:
    sink = OutputSink(True, None, None)
    sink.write("é".encode()[:1])
    sink.write("é".encode()[1:])
    assert sink.result() == "é"
    raw = OutputSink(False, None, None)
    raw.write(b"\xff")
    assert raw.result() == b"\xff"
    seen: list[str] = []
    handled = OutputSink(True, "utf-8", seen.append)
    handled.write("é".encode()[:1])
    handled.write("é".encode()[1:] + b"!")
    assert handled.result() == "" and "".join(seen) == "é!"
    latin = OutputSink(True, "latin-1", None)
    latin.write(b"\xe9")
    assert latin.result() == "é"
