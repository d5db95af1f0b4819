"""An instance's template files (``instance.templates``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pylxd._core.envelope import metadata_list

if TYPE_CHECKING:
    from pylxd._async.instances.instance import Instance


__all__ = ["TemplateManager"]


class TemplateManager:
    """``instance.templates``: the template files of the instance's image metadata."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance

    async def all(self) -> list[str]:
        """The names of the template files."""
        self.instance.client.assert_has_api_extension("container_edit_metadata")
        return metadata_list(await self.instance.api.metadata.templates.get(), str)

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
