"""An instance's log files, its image metadata and its templates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from pylxd._async.api import APINode
from pylxd._core.envelope import metadata
from pylxd._core.urls import name_from_url
from pylxd.exceptions import NotFound

if TYPE_CHECKING:
    from pylxd._async.instance import Instance

__all__ = ["LogManager", "TemplateManager", "logs_relative_name"]


class LogManager:
    """``instance.logs``: the instance's log files (``lxc.log``, ``lxc.conf``, exec output…).

    Names are relative to the instance's ``logs``: recorded exec output is
    ``exec_<id>.stdout`` on LXD and ``exec-output/exec_<id>.stdout`` on Incus (the path
    after ``/logs/`` in the URL the exec operation gives).
    """

    def __init__(self, instance: Instance) -> None:
        self.instance = instance

    def _node(self, name: str) -> APINode:
        node = self.instance.api.logs
        for part in name.split("/"):
            node = node[part]
        return node

    async def all(self) -> list[str]:
        """The names of the log files (and of the recorded exec output)."""
        listing = list(metadata(await self.instance.api.logs.get()) or [])
        if self.instance.client.is_incus:  # Incus keeps exec output in a directory of its own
            try:
                outputs = await self.instance.api.logs["exec-output"].get()
                listing += metadata(outputs) or []
            except NotFound:
                pass
        return [logs_relative_name(url) for url in listing]

    async def get(self, name: str) -> str:
        """One log file's text. Raises :class:`~pylxd.exceptions.NotFound`."""
        response = await self._node(name).get(limit=False)  # a file: no size limit
        return response.text

    async def delete(self, name: str) -> None:
        """Delete a log file (LXD keeps ``lxc.log`` and ``lxc.conf``: it refuses those)."""
        await self._node(name).delete()


def logs_relative_name(url: str) -> str:
    """``/1.0/instances/c1/logs/exec-output/x.stdout`` → ``exec-output/x.stdout``."""
    path = url.split("?", 1)[0]
    return unquote(path.split("/logs/", 1)[1]) if "/logs/" in path else name_from_url(path)


class TemplateManager:
    """``instance.templates``: the template files of the instance's image metadata."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance

    async def all(self) -> list[str]:
        """The names of the template files."""
        self.instance.client.assert_has_api_extension("container_edit_metadata")
        return list(metadata(await self.instance.api.metadata.templates.get()) or [])

    async def get(self, name: str) -> str:
        """A template's content. Raises :class:`~pylxd.exceptions.NotFound`."""
        self.instance.client.assert_has_api_extension("container_edit_metadata")
        response = await self.instance.api.metadata.templates.get(params={"path": name})
        return response.text

    async def put(self, name: str, content: str | bytes) -> None:
        """Create or replace a template file. (Use ``put_metadata`` to make LXD apply it.)"""
        self.instance.client.assert_has_api_extension("container_edit_metadata")
        await self.instance.api.metadata.templates.post(
            params={"path": name},
            data=content.encode() if isinstance(content, str) else content,
            headers={"Content-Type": "application/octet-stream"},
        )

    create = put

    async def delete(self, name: str) -> None:
        """Delete a template file. Raises :class:`~pylxd.exceptions.NotFound`."""
        self.instance.client.assert_has_api_extension("container_edit_metadata")
        await self.instance.api.metadata.templates.delete(params={"path": name})


async def get_metadata(instance: Instance) -> dict[str, Any]:
    """See :meth:`Instance.get_metadata`."""
    instance.client.assert_has_api_extension("container_edit_metadata")
    return dict(metadata(await instance.api.metadata.get()) or {})


async def put_metadata(instance: Instance, data: Mapping[str, Any]) -> None:
    """See :meth:`Instance.put_metadata`."""
    instance.client.assert_has_api_extension("container_edit_metadata")
    await instance.api.metadata.put(json=dict(data))
