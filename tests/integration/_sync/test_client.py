# Generated from tests/integration/_async/test_client.py by tools/unasync.py: do not edit, edit the source.
"""The client against the real daemon: connection, the api tree, errors, trust, TLS."""

from __future__ import annotations

import pytest

from pylxd import Client
from pylxd.exceptions import (
    ClientConnectionFailed,
    LXDAPIException,
    LXDAPIExtensionNotAvailable,
    NotFound,
    OperationFailed,
)
from tests.certs import make_cert

pytestmark = pytest.mark.integration


def test_connects_on_the_local_socket(client) -> None:
    assert client.endpoint.is_unix
    assert client.trusted
    assert client.host_info["environment"]["server"] in ("lxd", "incus")
    assert client.websocket_url.startswith("ws+unix://")


def test_api_tree_returns_our_response(client) -> None:
    response = client.api.instances.get()
    assert response.ok and response.status_code == 200
    body = response.json()
    assert body["type"] == "sync"
    assert isinstance(body["metadata"], list)


def test_missing_object_raises_not_found_with_lxds_message() -> None:
    with Client() as client:
        with pytest.raises(NotFound) as caught:
            client.api.instances["nope-pylxd-missing"].get()
    assert caught.value.status_code == 404
    assert "not found" in str(caught.value).lower()
    assert caught.value.response is not None


def test_names_in_the_api_tree_are_quoted(client) -> None:
    with pytest.raises(LXDAPIException, match="Invalid instance name"):
        client.api.instances["a/b?c#d e"].get()
    node = client.api.storage_pools["my pool"]
    assert node.path == "/1.0/storage-pools/my%20pool"


def test_api_extensions(client) -> None:
    assert client.has_api_extension("instances")
    assert not client.has_api_extension("no_such_extension_pylxd")
    client.assert_has_api_extension("instances")
    with pytest.raises(LXDAPIExtensionNotAvailable, match="no_such_extension_pylxd"):
        client.assert_has_api_extension("no_such_extension_pylxd")


def test_resources(client) -> None:
    resources = client.get_resources()
    assert resources["cpu"]["total"] >= 1
    assert client.get_resources() is resources  # fetched once


def test_failed_operation_raises_its_error_text(instance_name: str, image_alias: str) -> None:
    with Client() as client:
        config = {
            "name": instance_name,
            "source": {"type": "image", "alias": image_alias},
            "config": {"raw.lxc": "lxc.no_such_key = 1"},
        }
        instance = client.instances.create(config, wait=True)
        with pytest.raises(OperationFailed) as caught:
            instance.start(wait=True)
    assert str(caught.value)
    assert isinstance(caught.value, LXDAPIException)


def test_unreachable_socket_raises_client_connection_failed(tmp_path) -> None:
    with pytest.raises(ClientConnectionFailed):
        with Client(endpoint=str(tmp_path / "no.socket")):
            pass


def test_https_untrusted_then_trust_token(https_url, client_cert, trust_token) -> None:
    with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        assert not client.trusted
        client.authenticate(trust_token)
        assert client.trusted
        response = client.api.instances.get()
        assert response.json()["type"] == "sync"


def test_https_exec_uses_the_client_certificate(
    https_url, client_cert, trust_token, instance_name, image_alias
) -> None:
    with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        client.authenticate(trust_token)
        config = {"name": instance_name, "source": {"type": "image", "alias": image_alias}}
        instance = client.instances.create(config, wait=True)
        instance.start(wait=True)
        result = instance.execute(["sh", "-c", "cat; echo err >&2"], stdin_payload="over tls")
        assert result == (0, "over tls", "err\n")


def test_https_trust_password(https_url, client_cert, trust_password) -> None:
    with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        assert not client.trusted
        with pytest.raises(LXDAPIException):
            client.authenticate("not-the-password")
        assert not client.trusted
        client.authenticate(trust_password)
        assert client.trusted


def test_https_pinned_server_certificate(https_url, client_cert, server_cert_file) -> None:
    with Client(endpoint=https_url, cert=client_cert, verify=server_cert_file) as client:
        assert client.host_info["api_status"] == "stable"


def test_https_pinning_ignores_the_name_used(
    https_host_url, client_cert, server_cert_file, trust_token, instance_name, image_alias
) -> None:
    with Client(endpoint=https_host_url, cert=client_cert, verify=server_cert_file) as client:
        client.authenticate(trust_token)
        config = {"name": instance_name, "source": {"type": "image", "alias": image_alias}}
        instance = client.instances.create(config, wait=True)
        instance.start(wait=True)
        assert (instance.execute(["echo", "pinned"])).stdout == "pinned\n"
    with pytest.raises(ClientConnectionFailed):
        with Client(endpoint=https_host_url, cert=client_cert, verify=True):
            pass


def test_https_refuses_a_server_certificate_that_was_not_pinned(
    https_url, client_cert, tmp_path
) -> None:
    other_crt, _key = make_cert(tmp_path, "not-the-server")
    with pytest.raises(ClientConnectionFailed):
        with Client(endpoint=https_url, cert=client_cert, verify=other_crt):
            pass


def test_https_untrusted_client_is_refused_with_lxds_message(https_url, client_cert) -> None:
    with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        assert not client.trusted
        with pytest.raises(LXDAPIException) as caught:
            client.api.instances.get()
    assert caught.value.status_code == 403


def test_https_default_verify_refuses_self_signed_server(https_url, client_cert) -> None:
    with pytest.raises(ClientConnectionFailed):
        with Client(endpoint=https_url, cert=client_cert):
            pass
