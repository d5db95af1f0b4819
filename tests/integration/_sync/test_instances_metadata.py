# Generated from tests/integration/_async/test_instances_metadata.py by tools/unasync.py: do not edit, edit the source.
"""Log files (recorded exec output among them), image metadata and templates."""

from __future__ import annotations

import pytest

from pylxd._core.urls import logs_relative_name
from pylxd.exceptions import LXDAPIException, NotFound

from .instance_helpers import make_instance, read_file


def test_log_files_list_get_delete(instance_name, image_alias, client) -> None:
    container = make_instance(client, instance_name, image_alias, start=True)
    names = container.logs.all()
    assert "lxc.log" in names
    assert isinstance(container.logs.get("lxc.log"), str)
    with pytest.raises(LXDAPIException):
        container.logs.get("no-such.log")  # LXD: NotFound, or "not valid"

    # An exec whose output the server records leaves log files behind.
    body = {
        "command": ["echo", "recorded"],
        "record-output": True,
        "wait-for-websocket": False,
        "interactive": False,
    }
    response = container.api.exec.post(json=body)
    done = client.operations.wait_for_operation(response.json()["operation"])
    stdout = logs_relative_name(done.metadata["output"]["1"])
    assert stdout in container.logs.all()
    assert container.logs.get(stdout) == "recorded\n"
    container.logs.delete(stdout)
    assert stdout not in container.logs.all()
    with pytest.raises(LXDAPIException):
        container.logs.delete("lxc.log")  # the server keeps its own


def test_metadata_and_templates_applied_on_start(instance_name, image_alias, client) -> None:
    container = make_instance(client, instance_name, image_alias)
    meta = container.get_metadata()
    assert meta["architecture"] and "properties" in meta
    assert container.templates.all() == []

    container.templates.put("hello.tpl", "Hello {{ instance.name }}\n")
    assert container.templates.all() == ["hello.tpl"]
    assert container.templates.get("hello.tpl") == "Hello {{ instance.name }}\n"
    meta["templates"] = {"/etc/hello": {"when": ["start"], "template": "hello.tpl"}}
    meta["properties"]["description"] = "edited by pylxd"
    container.put_metadata(meta)
    fresh = container.get_metadata()
    assert fresh["properties"]["description"] == "edited by pylxd"
    assert fresh["templates"]["/etc/hello"]["template"] == "hello.tpl"

    container.start(wait=True)
    assert read_file(container, "/etc/hello") == f"Hello {instance_name}\n"

    container.templates.delete("hello.tpl")
    assert container.templates.all() == []
    with pytest.raises(NotFound):
        container.templates.get("hello.tpl")
    with pytest.raises(LXDAPIException):
        container.put_metadata({"templates": "not a map"})
