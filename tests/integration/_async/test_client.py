"""The client against the real daemon: connection, the api tree, errors, trust, TLS."""

from __future__ import annotations

import pytest

from pylxd.aio import Client
from pylxd.exceptions import (
    ClientConnectionFailed,
    LXDAPIException,
    LXDAPIExtensionNotAvailable,
    NotFound,
    OperationFailed,
)
from tests.certs import make_cert

pytestmark = pytest.mark.integration


async def test_connects_on_the_local_socket(client) -> None:
    assert client.endpoint.is_unix
    assert client.trusted
    assert client.host_info["environment"]["server"] in ("lxd", "incus")
    assert client.websocket_url.startswith("ws+unix://")


async def test_api_tree_returns_our_response(client) -> None:
    response = await client.api.instances.get()
    assert response.ok and response.status_code == 200
    body = response.json()
    assert body["type"] == "sync"
    assert isinstance(body["metadata"], list)


async def test_missing_object_raises_not_found_with_lxds_message() -> None:
    async with Client() as client:
        with pytest.raises(NotFound) as caught:
            await client.api.instances["nope-pylxd-missing"].get()
    assert caught.value.status_code == 404
    assert "not found" in str(caught.value).lower()
    assert caught.value.response is not None


async def test_names_in_the_api_tree_are_quoted(client) -> None:
    with pytest.raises(LXDAPIException, match="Invalid instance name"):
        await client.api.instances["a/b?c#d e"].get()
    node = client.api.storage_pools["my pool"]
    assert node.path == "/1.0/storage-pools/my%20pool"


async def test_api_extensions(client) -> None:
    assert client.has_api_extension("instances")
    assert not client.has_api_extension("no_such_extension_pylxd")
    client.assert_has_api_extension("instances")
    with pytest.raises(LXDAPIExtensionNotAvailable, match="no_such_extension_pylxd"):
        client.assert_has_api_extension("no_such_extension_pylxd")


async def test_resources(client) -> None:
    resources = await client.get_resources()
    assert resources["cpu"]["total"] >= 1
    assert await client.get_resources() is resources  # fetched once


async def test_failed_operation_raises_its_error_text(instance_name: str, image_alias: str) -> None:
    async with Client() as client:
        config = {
            "name": instance_name,
            "source": {"type": "image", "alias": image_alias},
            "config": {"raw.lxc": "lxc.no_such_key = 1"},
        }
        instance = await client.instances.create(config, wait=True)
        with pytest.raises(OperationFailed) as caught:
            await instance.start(wait=True)
    assert str(caught.value)
    assert isinstance(caught.value, LXDAPIException)


async def test_unreachable_socket_raises_client_connection_failed(tmp_path) -> None:
    with pytest.raises(ClientConnectionFailed):
        async with Client(endpoint=str(tmp_path / "no.socket")):
            pass


async def test_https_untrusted_then_trust_token(https_url, client_cert, trust_token) -> None:
    async with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        assert not client.trusted
        await client.authenticate(trust_token)
        assert client.trusted
        response = await client.api.instances.get()
        assert response.json()["type"] == "sync"


async def test_https_exec_uses_the_client_certificate(
    https_url, client_cert, trust_token, instance_name, image_alias
) -> None:
    async with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        await client.authenticate(trust_token)
        config = {"name": instance_name, "source": {"type": "image", "alias": image_alias}}
        instance = await client.instances.create(config, wait=True)
        await instance.start(wait=True)
        result = await instance.execute(["sh", "-c", "cat; echo err >&2"], stdin_payload="over tls")
        assert result == (0, "over tls", "err\n")


async def test_https_trust_password(https_url, client_cert, trust_password) -> None:
    async with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        assert not client.trusted
        with pytest.raises(LXDAPIException):
            await client.authenticate("not-the-password")
        assert not client.trusted
        await client.authenticate(trust_password)
        assert client.trusted


async def test_https_pinned_server_certificate(https_url, client_cert, server_cert_file) -> None:
    async with Client(endpoint=https_url, cert=client_cert, verify=server_cert_file) as client:
        assert client.host_info["api_status"] == "stable"


async def test_https_pinning_ignores_the_name_used(
    https_host_url, client_cert, server_cert_file, trust_token, instance_name, image_alias
) -> None:
    async with Client(endpoint=https_host_url, cert=client_cert, verify=server_cert_file) as client:
        await client.authenticate(trust_token)
        config = {"name": instance_name, "source": {"type": "image", "alias": image_alias}}
        instance = await client.instances.create(config, wait=True)
        await instance.start(wait=True)
        assert (await instance.execute(["echo", "pinned"])).stdout == "pinned\n"
    with pytest.raises(ClientConnectionFailed):
        async with Client(endpoint=https_host_url, cert=client_cert, verify=True):
            pass


async def test_https_refuses_a_server_certificate_that_was_not_pinned(
    https_url, client_cert, tmp_path
) -> None:
    other_crt, _key = make_cert(tmp_path, "not-the-server")
    with pytest.raises(ClientConnectionFailed):
        async with Client(endpoint=https_url, cert=client_cert, verify=other_crt):
            pass


async def test_https_untrusted_client_is_refused_with_lxds_message(https_url, client_cert) -> None:
    async with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        assert not client.trusted
        with pytest.raises(LXDAPIException) as caught:
            await client.api.instances.get()
    assert caught.value.status_code == 403


async def test_https_default_verify_refuses_self_signed_server(https_url, client_cert) -> None:
    with pytest.raises(ClientConnectionFailed):
        async with Client(endpoint=https_url, cert=client_cert):
            pass
