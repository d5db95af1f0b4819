"""The server itself: host_info, its config read and changed, warnings, metrics, resources."""

from __future__ import annotations

import uuid

import pytest

from pylxd.aio import Client
from pylxd.aio.models import Server, ServerWarning
from pylxd.exceptions import Forbidden, LXDAPIException, NotFound
from tests.integration.conftest import (
    fingerprint,
    shared_container,
)

pytestmark = pytest.mark.integration

KEY = "images.remote_cache_expiry"  # harmless on a shared daemon: the image cache's age


@pytest.fixture
def restore_server_config(admin):
    """Puts the server's config back as it was (every key), whatever the test did."""
    before = admin.api.get().json()["metadata"]["config"]
    yield before.get(KEY, "")
    after = admin.api.get().json()["metadata"]["config"]
    changed = {k: v for k, v in before.items() if after.get(k) != v}
    changed.update({k: "" for k in after if k not in before})
    if changed:
        admin.api.patch(json={"config": changed})


async def test_host_info(client) -> None:
    info = client.host_info
    assert info["api_version"] == "1.0" and info["auth"] == "trusted"
    assert info["environment"]["server_version"]
    assert "projects" in info["api_extensions"]
    assert client.server.environment == info["environment"]
    assert client.server.api_extensions == info["api_extensions"]
    assert isinstance(client.server, Server) and client.server.config == info["config"]


async def test_server_config_read_and_saved(admin, restore_server_config, client) -> None:
    server = client.server
    assert server.config.get(KEY, "") == restore_server_config
    server.config[KEY] = "3"
    assert server.dirty and server.config_changes() == {KEY: "3"}
    await server.save()
    assert not server.dirty
    assert admin.api.get().json()["metadata"]["config"][KEY] == "3"
    assert client.host_info["config"][KEY] == "3"  # read back

    # A concurrent change by someone else to another key is not undone by save().
    del server.config[KEY]
    assert server.config_changes() == {KEY: ""}
    await server.save()
    assert KEY not in admin.api.get().json()["metadata"]["config"]
    assert "core.https_address" in server.config  # the other keys are still there

    await server.patch({"config": {KEY: "4"}})
    assert server.config[KEY] == "4"
    await server.sync()
    assert server.config[KEY] == "4"


async def test_unknown_server_config_key_is_refused(admin, restore_server_config) -> None:
    if admin.is_incus:
        # Incus 6.0 refuses the key but drops core.https_address on the way: on the shared
        # daemon that would cut everyone's HTTPS tests off until restored.
        pytest.skip("Incus 6.0 loses core.https_address when it refuses a server config key")
    async with Client() as client:
        client.server.config["bogus.key"] = "1"
        with pytest.raises(LXDAPIException, match="bogus.key"):
            await client.server.save()
        await client.server.rollback()
        assert "bogus.key" not in client.server.config
        assert "bogus.key" not in admin.api.get().json()["metadata"]["config"]
        with pytest.raises(TypeError):
            await client.server.delete()


async def test_warnings_all_get_acknowledge(admin, client) -> None:
    warnings = await client.warnings.all()
    if not warnings:
        pytest.skip("the server has raised no warning to read")
    assert all(isinstance(w, ServerWarning) and w.uuid and w.type for w in warnings)
    assert {w.uuid for w in await client.warnings.all(all_projects=True)} >= {
        w.uuid for w in warnings
    }
    assert all(w.project == "default" for w in await client.warnings.all(project="default"))

    warning = warnings[0]
    got = await client.warnings.get(warning.uuid)
    assert got == warning and got.last_message == warning.last_message
    assert await client.warnings.exists(warning.uuid)
    before = got.status
    try:
        await got.acknowledge()
        assert (await client.warnings.get(warning.uuid)).status == "acknowledged"
        await got.reset()
        assert (await client.warnings.get(warning.uuid)).status == "new"
    finally:
        admin.api.warnings[warning.uuid].put(json={"status": before})


async def test_missing_warning() -> None:
    missing = str(uuid.uuid4())
    async with Client() as client:
        assert not await client.warnings.exists(missing)
        with pytest.raises(NotFound):
            await client.warnings.get(missing)
        with pytest.raises(NotFound):
            await client.api.warnings[missing].delete()


@pytest.fixture(scope="module")
def running_instance(admin):
    """A running container: LXD's metrics are per instance (a server with none running
    answers only ``# EOF``)."""
    yield from shared_container(admin, "metrics")


async def test_metrics_over_the_socket(running_instance, client) -> None:
    text = await client.server.metrics()
    assert "# TYPE" in text and "_cpu_seconds_total" in text
    assert "# TYPE" in await client.server.metrics(project="default")


async def test_metrics_over_https_need_a_trusted_certificate(
    admin, https_url, client_cert, running_instance
) -> None:
    crt, _key = client_cert
    async with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        with pytest.raises(Forbidden):
            await client.server.metrics()
        with open(crt, "rb") as f:
            admin.certificates.create("", f.read(), cert_type="metrics")
        assert admin.certificates.get(fingerprint(crt)).type == "metrics"
        text = await client.server.metrics()
        assert "# TYPE" in text
        await client.connect()
        assert not client.trusted  # a metrics certificate reads metrics, nothing else


async def test_resources(client) -> None:
    resources = await client.server.resources()
    assert resources["cpu"]["total"] >= 1 and resources["memory"]["total"] > 0
    assert await client.get_resources() is resources
