# Generated from tests/integration/_async/test_instance_extras.py by tools/unasync.py: do not edit, edit the source.
"""The console (log and live session), log files, image metadata and templates."""

from __future__ import annotations

import pytest

from pylxd._core.urls import logs_relative_name
from pylxd import Client
from pylxd.models import ConsoleSession
from pylxd.exceptions import LXDAPIException, NotFound, TransportTimeout

from .instance_helpers import make_instance, read_file

pytestmark = pytest.mark.integration


def type_until_echoed(session: ConsoleSession, text: str) -> bytes:
    """Type ``text`` until the console echoes it: the server attaches the console a moment
    after the session opens, and what is typed before that is lost."""
    seen = b""
    for _attempt in range(10):
        session.send(f"{text}\r")
        try:
            while text.encode() not in seen:
                chunk = session.recv(timeout=1)
                assert chunk is not None, seen
                seen += chunk
            return seen
        except TransportTimeout:
            continue
    raise AssertionError(f"the console never echoed {text!r}: {seen!r}")


def test_console_session_echoes_what_is_typed(instance_name, image_alias) -> None:
    with Client() as client:
        container = make_instance(client, instance_name, image_alias, start=True)
        with container.console.open(width=100, height=30) as session:
            type_until_echoed(session, "pylxd-typed")
            session.resize(120, 40)
            type_until_echoed(session, "pylxd-resized")
        container.stop(wait=True)
        with pytest.raises(LXDAPIException, match="(?i)running"):
            container.console.open()


def test_console_log_read_and_cleared(instance_name, image_alias) -> None:
    with Client() as client:
        container = make_instance(client, instance_name, image_alias, start=True)
        with container.console.open() as session:
            type_until_echoed(session, "pylxd-logged")
            assert "pylxd-logged" in container.console.log()
            container.console.clear()
            type_until_echoed(session, "pylxd-after")
            log = container.console.log()
            assert "pylxd-after" in log and "pylxd-logged" not in log


def test_log_files_list_get_delete(instance_name, image_alias) -> None:
    with Client() as client:
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


def test_metadata_and_templates_applied_on_start(instance_name, image_alias) -> None:
    with Client() as client:
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
