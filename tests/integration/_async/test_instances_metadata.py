"""Log files (recorded exec output among them), image metadata and templates."""

from __future__ import annotations

import pytest

from pylxd._core.urls import logs_relative_name
from pylxd.exceptions import LXDAPIException, NotFound

from .instance_helpers import make_instance, read_file


async def test_log_files_list_get_delete(instance_name, image_alias, client) -> None:
    container = await make_instance(client, instance_name, image_alias, start=True)
    names = await container.logs.all()
    assert "lxc.log" in names
    assert isinstance(await container.logs.get("lxc.log"), str)
    with pytest.raises(LXDAPIException):
        await container.logs.get("no-such.log")  # LXD: NotFound, or "not valid"

    # An exec whose output the server records leaves log files behind.
    body = {
        "command": ["echo", "recorded"],
        "record-output": True,
        "wait-for-websocket": False,
        "interactive": False,
    }
    response = await container.api.exec.post(json=body)
    done = await client.operations.wait_for_operation(response.json()["operation"])
    stdout = logs_relative_name(done.metadata["output"]["1"])
    assert stdout in await container.logs.all()
    assert await container.logs.get(stdout) == "recorded\n"
    await container.logs.delete(stdout)
    assert stdout not in await container.logs.all()
    with pytest.raises(LXDAPIException):
        await container.logs.delete("lxc.log")  # the server keeps its own


async def test_metadata_and_templates_applied_on_start(instance_name, image_alias, client) -> None:
    container = await make_instance(client, instance_name, image_alias)
    meta = await container.get_metadata()
    assert meta["architecture"] and "properties" in meta
    assert await container.templates.all() == []

    await container.templates.put("hello.tpl", "Hello {{ instance.name }}\n")
    assert await container.templates.all() == ["hello.tpl"]
    assert await container.templates.get("hello.tpl") == "Hello {{ instance.name }}\n"
    meta["templates"] = {"/etc/hello": {"when": ["start"], "template": "hello.tpl"}}
    meta["properties"]["description"] = "edited by pylxd"
    await container.put_metadata(meta)
    fresh = await container.get_metadata()
    assert fresh["properties"]["description"] == "edited by pylxd"
    assert fresh["templates"]["/etc/hello"]["template"] == "hello.tpl"

    await container.start(wait=True)
    assert await read_file(container, "/etc/hello") == f"Hello {instance_name}\n"

    await container.templates.delete("hello.tpl")
    assert await container.templates.all() == []
    with pytest.raises(NotFound):
        await container.templates.get("hello.tpl")
    with pytest.raises(LXDAPIException):
        await container.put_metadata({"templates": "not a map"})
