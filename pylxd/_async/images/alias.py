"""Image aliases (``/1.0/images/aliases/<name>``): the model and ``client.images.aliases``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pylxd._async.collection import Collection, NamedModel
from pylxd._core.fields import Attribute
from pylxd._core.urls import check_name

if TYPE_CHECKING:
    from pylxd._async.client import Client

__all__ = ["ImageAlias", "ImageAliasManager"]


class ImageAlias(NamedModel):
    """A name pointing at an image (``target`` is the image's fingerprint).

    ``save()`` sends ``target`` and ``description``; ``rename(new_name)`` and ``delete()``
    come from :class:`~pylxd._async.collection.NamedModel`.
    """

    name: Attribute[str] = Attribute(readonly=True)
    target: Attribute[str] = Attribute()
    description: Attribute[str] = Attribute()
    type: Attribute[str] = Attribute(readonly=True, optional=True)
    project: Attribute[str] = Attribute(readonly=True, optional=True)

    _collection_path = "images.aliases"
    _identity = ("name", "project")

    async def rename(self, new_name: str, wait: bool = False) -> ImageAlias:
        """Rename the alias.

        On LXD this makes the new alias and deletes the old one: LXD 5.0.2 answers a
        rename (``POST``) only after a 10 s lock wait. Incus renames it in place.
        """
        check_name(new_name, "new_name")
        if self.client.is_incus:
            return await super().rename(new_name, wait)
        if not self._loaded:
            await self.sync()
        body = {k: v for k, v in self.marshall(skip_readonly=False).items() if k != "project"}
        collection = self._collection or self.collection_node(self.client)
        in_project = collection.in_project(self._raw_attr("project") or None)
        await in_project.post(json={**body, "name": new_name})
        await self.api.delete()
        self._set_server_value("name", new_name)
        self._etag = None  # another object now
        return self


class ImageAliasManager(Collection[ImageAlias]):
    """``client.images.aliases``. A missing alias raises :class:`~pylxd.exceptions.NotFound`
    with LXD's message."""

    model = ImageAlias

    def __init__(self, client: Client) -> None:
        super().__init__(client)

    async def create(
        self,
        name: str,
        target: str,
        description: str | None = None,
        project: str | None = None,
    ) -> ImageAlias:
        """Point a new alias ``name`` at the image ``target`` (a fingerprint).

        Raises:
            Conflict: the alias exists already.
            NotFound: no image has that fingerprint.
        """
        body: dict[str, Any] = {"name": name, "target": target}
        if description is not None:
            body["description"] = description
        return await self._create(body, name, project=project)

    async def rename(self, name: str, new_name: str, project: str | None = None) -> ImageAlias:
        """Rename the alias ``name`` to ``new_name`` and return it."""
        alias = await self.get(name, project=project)
        return await alias.rename(new_name)

    async def update(
        self,
        name: str,
        target: str | None = None,
        description: str | None = None,
        project: str | None = None,
    ) -> ImageAlias:
        """Point the alias at another image and/or change its description.

        Sent as a ``PUT`` of the whole alias: LXD 5.0.2's ``PATCH`` on an alias hangs for
        20 s and fails ("context deadline exceeded").
        """
        alias = await self.get(name, project=project)
        if target is not None:
            alias.target = target
        if description is not None:
            alias.description = description
        await alias.save()
        return alias

    async def delete(self, name: str, project: str | None = None) -> None:
        """Delete the alias ``name`` (the image stays)."""
        await self._in(project)[name].delete()
