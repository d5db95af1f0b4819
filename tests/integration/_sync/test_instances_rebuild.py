# Generated from tests/integration/_async/test_instances_rebuild.py by tools/unasync.py: do not edit, edit the source.
"""Incus 6.0's instance verbs on the real incusd: ``rebuild(image=...)`` and
``rebuild(empty=True)`` (``instances_rebuild``), ``access()`` (``instance_access``). LXD
5.0.2 has neither: the call is refused before any request."""

from __future__ import annotations

import pytest

from pylxd import Client
from pylxd.exceptions import LXDAPIException, LXDAPIExtensionNotAvailable

from .instance_helpers import make_instance, read_file, write_file

pytestmark = pytest.mark.integration


def test_rebuild_from_an_image_then_empty(instance_name, image_alias) -> None:
    with Client() as client:
        instance = make_instance(client, instance_name, image_alias, start=True)
        if not client.has_api_extension("instances_rebuild"):
            instance.stop(wait=True)
            with pytest.raises(LXDAPIExtensionNotAvailable, match="instances_rebuild"):
                instance.rebuild(image_alias)
            return
        write_file(instance, "/root/gone", "before the rebuild")
        instance.config["user.kept"] = "yes"
        instance.save(wait=True)
        instance.snapshots.create("before", wait=True)

        with pytest.raises(LXDAPIException, match="(?i)stopped"):
            instance.rebuild(image_alias)
        instance.stop(wait=True)

        # The dir driver cannot replace a root filesystem that has snapshots.
        with pytest.raises(LXDAPIException, match="snapshots"):
            instance.rebuild(image_alias)
        (instance.snapshots.get("before")).delete(wait=True)

        instance.rebuild(image_alias)
        assert instance.config["user.kept"] == "yes"  # the configuration stays
        instance.start(wait=True)
        result = instance.execute(["cat", "/root/gone"])
        assert result.exit_code != 0  # a fresh root filesystem
        write_file(instance, "/root/new", "after")
        assert read_file(instance, "/root/new") == "after"
        instance.stop(wait=True)

        fingerprint = instance.config["volatile.base_image"]
        instance.rebuild({"fingerprint": fingerprint})
        instance.rebuild(empty=True)
        assert instance.status == "Stopped"
        with pytest.raises(LXDAPIException):  # nothing left in the root filesystem
            instance.files.get("/bin/busybox")


def test_rebuild_needs_exactly_one_source(instance_name, image_alias) -> None:
    with Client() as client:
        instance = make_instance(client, instance_name, image_alias)
        with pytest.raises(ValueError, match="one of them"):
            instance.rebuild()
        with pytest.raises(ValueError, match="one of them"):
            instance.rebuild(image_alias, empty=True)


def test_instance_access_lists_who_may_use_it(
    instance_name, image_alias, https_url, client_cert, trust_token
) -> None:
    with Client() as local:
        make_instance(local, instance_name, image_alias)
    with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        client.authenticate(trust_token)
        instance = client.instances.get(instance_name)
        if not client.has_api_extension("instance_access"):
            with pytest.raises(LXDAPIExtensionNotAvailable, match="instance_access"):
                instance.access()
            return
        entries = instance.access()
        assert isinstance(entries, list)
        for entry in entries:  # Incus 6.0 with TLS auth: every trusted certificate, admin
            assert set(entry) >= {"identifier", "role", "provider"}
