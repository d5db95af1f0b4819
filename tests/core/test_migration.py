"""Copy and migration bodies and sources (``_core/migration.py``)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pylxd._core.endpoint import resolve_endpoint
from pylxd._core.migration import (
    copy_source,
    instance_body,
    migration_request,
    migration_source,
    operation_url,
)
from pylxd._sync.migration import source_url as _source_base_url


def test_migration_request_and_source() -> None:
    assert migration_request() == {"migration": True, "live": False}
    assert migration_request(live=True, instance_only=True) == {
        "migration": True,
        "live": True,
        "instance_only": True,
    }
    url = operation_url("https://10.0.0.1:8443", "1.0", "/1.0/operations/abc")
    assert url == "https://10.0.0.1:8443/1.0/operations/abc"
    assert operation_url("https://h:1/", "1.0", "abc") == "https://h:1/1.0/operations/abc"
    source = migration_source(url, {"fs": "s1", "control": "s2"}, "PEM", base_image="fp")
    assert source == {
        "type": "migration",
        "mode": "pull",
        "operation": url,
        "secrets": {"fs": "s1", "control": "s2"},
        "live": False,
        "certificate": "PEM",
        "base-image": "fp",
    }
    assert "certificate" not in migration_source(url, {}, None)


def test_copy_source_and_body_carry_the_definition_without_volatile_keys() -> None:
    assert copy_source("c1/snap0") == {"type": "copy", "source": "c1/snap0"}
    assert copy_source("c1", project="p", instance_only=True) == {
        "type": "copy",
        "source": "c1",
        "project": "p",
        "instance_only": True,
    }
    instance = {
        "name": "c1",
        "type": "container",
        "config": {"limits.cpu": "1", "volatile.idmap.base": "0"},
        "devices": {},
        "profiles": ["default"],
        "ephemeral": False,
        "status": "Running",
    }
    body = instance_body(instance, "c2", {"type": "copy"}, {"profiles": ["other"], "config": None})
    assert body == {
        "name": "c2",
        "source": {"type": "copy"},
        "config": {"limits.cpu": "1"},
        "devices": {},
        "profiles": ["other"],
        "ephemeral": False,
        "type": "container",
    }


def test_the_source_must_be_reachable_by_the_destination() -> None:
    https = SimpleNamespace(endpoint=resolve_endpoint("https://10.1.2.3:8443", tls=True))
    assert _source_base_url(https) == "https://10.1.2.3:8443"  # type: ignore[arg-type]
    local = SimpleNamespace(
        endpoint=resolve_endpoint("/var/lib/lxd/unix.socket", tls=False),
        host_info={"environment": {"addresses": ["127.0.0.1:8443"]}},
    )
    assert _source_base_url(local) == "https://127.0.0.1:8443"  # type: ignore[arg-type]
    local.host_info = {"environment": {"addresses": []}}
    with pytest.raises(ValueError, match="local client connection"):
        _source_base_url(local)  # type: ignore[arg-type]


def test_push_mode_source_and_allow_inconsistent() -> None:
    from pylxd._core.migration import check_mode

    pushed = migration_source(
        None, {"control": "s"}, "PEM", base_image="fp", allow_inconsistent=True
    )
    assert pushed == {
        "type": "migration",
        "mode": "push",
        "live": False,
        "allow_inconsistent": True,
        "base-image": "fp",
    }
    assert copy_source("c1", allow_inconsistent=True)["allow_inconsistent"] is True
    assert migration_request(allow_inconsistent=True)["allow_inconsistent"] is True
    assert check_mode("relay") == "relay"
    with pytest.raises(ValueError, match="pull, push, relay"):
        check_mode("carrier-pigeon")
