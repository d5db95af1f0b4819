"""The shape most resources share: objects named inside a collection path.

``/1.0/profiles/<name>``, ``/1.0/networks/<name>``, ``/1.0/storage-pools/<pool>/volumes/…``:
a :class:`NamedModel` knows the collection node it lives in, and a :class:`Collection`
(``client.profiles``, ``pool.volumes``, …) lists, fetches, checks and creates inside it.
A resource module declares its fields, its collection and its ``create`` signature; the
requests are here, once.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from pylxd._async.api import APINode
from pylxd._async.model import Model
from pylxd._core.envelope import (
    etag_of,
    metadata_list,
    metadata_object,
    response_operation,
)
from pylxd._core.urls import (
    Filter,
    check_name,
    filter_expression,
    name_from_url,
    project_scope,
)
from pylxd._core.values import config_strings
from pylxd.exceptions import NotFound

if TYPE_CHECKING:
    from pylxd._async.client import Client
    from pylxd._core.response import Response

__all__ = ["Collection", "NamedModel"]

ModelT = TypeVar("ModelT", bound="NamedModel")


class NamedModel(Model):
    """An object at ``<collection>/<name>``.

    Top-level resources set ``_collection_path`` (the ``client.api`` attribute path, e.g.
    ``"network_acls"``); nested ones are built by their parent's :class:`Collection`, which
    hands them its node.
    """

    #: ``client.api`` attribute names down to the collection, dot-separated.
    _collection_path: ClassVar[str] = ""
    #: The field that names the object in its URL.
    _name_field: ClassVar[str] = "name"
    #: The API extension that lets ``all(all_projects=True)`` list every project's objects
    #: (``None``: LXD lists this resource one project at a time).
    _all_projects_extension: ClassVar[str | None] = None
    #: The API extension the server needs for this resource (checked before each request:
    #: :class:`~pylxd.exceptions.LXDAPIExtensionNotAvailable` when it lacks it).
    _extension: ClassVar[str | None] = None
    #: The API extension that lets ``all(filter=...)`` filter this resource on the server
    #: (Incus' ``api_filtering_extended`` covers every collection; LXD ignores a filter
    #: on the others, so it is refused before the request).
    _filter_extension: ClassVar[str] = "api_filtering_extended"
    #: With this extension the server answers writes with background operations, and they
    #: are always waited on (LXD's ``storage_and_network_operations``).
    _operations_extension: ClassVar[str | None] = None

    #: For an object inside another (a snapshot in an instance, a forward in a network):
    #: the word ``repr`` shows the parent's name under.
    _parent: ClassVar[str | None] = None

    def __init__(self, client: Client, *, collection: APINode | None = None, **values: Any):
        self._collection = collection
        super().__init__(client, **values)

    @classmethod
    def _url_field(cls) -> str | None:
        return cls._name_field

    def _repr_items(self) -> list[tuple[str, Any]]:
        items = super()._repr_items()
        if self._parent is not None and self._collection is not None:
            # ``/1.0/networks/n1/forwards`` → the parent is ``n1``.
            items.insert(0, (self._parent, name_from_url(self._collection.path.rsplit("/", 1)[0])))
        return items

    @classmethod
    def collection_node(cls, client: Client) -> APINode:
        """The node of this resource's top-level collection."""
        if not cls._collection_path:
            raise TypeError(f"{cls.__name__} lives under a parent: use the parent's manager")
        node = client.api
        for part in cls._collection_path.split("."):
            node = getattr(node, part)
        return node

    @classmethod
    def require_extension(cls, client: Client) -> None:
        """Raise :class:`~pylxd.exceptions.LXDAPIExtensionNotAvailable` if the server lacks
        the resource's API extension."""
        if cls._extension is not None:
            client.assert_has_api_extension(cls._extension)

    @classmethod
    def must_wait(cls, client: Client, wait: bool) -> bool:
        """``wait``, or True when the server makes this resource's writes background
        operations."""
        extension = cls._operations_extension
        return wait or (extension is not None and client.has_api_extension(extension))

    @property
    def api(self) -> APINode:
        self.require_extension(self.client)
        collection = self._collection or self.collection_node(self.client)
        # An object says which project it lives in (listed across projects, or fetched
        # with ``project=``): its requests go there.
        return collection[self._raw_attr(self._name_field)].in_project(
            self._raw_attr("project") or None
        )

    def _home_project(self) -> str:
        # Fetched through a node in another project: that project.
        node_project = self._collection.project if self._collection is not None else None
        return node_project or super()._home_project()

    # Upstream's classmethod spellings (``Profile.get(client, name)``) for top-level ones.

    @classmethod
    async def get(
        cls: builtins.type[ModelT], client: Client, name: str, project: str | None = None
    ) -> ModelT:
        """Fetch one object. Raises :class:`~pylxd.exceptions.NotFound`."""
        return await Collection(client, cls).get(name, project=project)

    @classmethod
    async def all(
        cls: builtins.type[ModelT],
        client: Client,
        project: str | None = None,
        all_projects: bool = False,
    ) -> list[ModelT]:
        """Every object of the collection, complete, in one request."""
        return await Collection(client, cls).all(project=project, all_projects=all_projects)

    @classmethod
    async def exists(cls, client: Client, name: str, project: str | None = None) -> bool:
        """Whether an object called ``name`` exists."""
        return await Collection(client, cls).exists(name, project=project)

    async def rename(self: ModelT, new_name: str, wait: bool = False) -> ModelT:
        """Rename the object (``POST {"name": new_name}``); returns it, renamed.

        Raises:
            TypeError, InvalidName: ``new_name`` is not a name (before any request).
        """
        check_name(new_name, "new_name")
        await self.post(json={"name": new_name}, wait=wait)
        self._set_server_value(self._name_field, new_name)
        return self

    def _waits(self, wait: bool) -> bool:
        return self.must_wait(self.client, wait)


class Collection(Generic[ModelT]):
    """The objects of one collection: ``all()``, ``get(name)``, ``exists(name)``.

    Resource managers subclass it (setting ``model``) and add their own ``create``, which
    builds LXD's body and calls :meth:`_create`. Every call takes ``project=``: it is made
    in that project instead of the client's, and the objects it returns stay there.
    """

    model: builtins.type[ModelT]

    def __init__(
        self,
        client: Client,
        model: builtins.type[ModelT] | None = None,
        node: APINode | None = None,
    ) -> None:
        if model is not None:
            self.model = model
        self._client = client
        self._node = node if node is not None else self.model.collection_node(client)

    @property
    def api(self) -> APINode:
        """The collection's node in ``client.api``."""
        return self._node

    def _in(self, project: str | None) -> APINode:
        """The collection's node (in ``project`` if one is given), once the server is known
        to have the resource's extension."""
        self.model.require_extension(self._client)
        return self._node.in_project(project)

    def _wrap(
        self, data: Mapping[str, Any], node: APINode | None = None, etag: str | None = None
    ) -> ModelT:
        """A complete object from the server's data (living under ``node``; ``etag``: the
        one its ``GET`` sent)."""
        init = self._init(data, node or self._node)
        return self.model._from_server(self._client, data, etag=etag, **init)

    def _wrap_response(self, response: Response, node: APINode) -> ModelT:
        """The object a ``GET`` of it returned, with its ETag."""
        return self._wrap(metadata_object(response), node, etag_of(response))

    def _init(self, data: Mapping[str, Any], node: APINode) -> dict[str, Any]:
        """The constructor arguments of a member described by ``data`` in ``node``: nested
        collections add its parent (``pool.volumes`` also puts it under its type)."""
        return {"collection": node}

    def _listing_params(
        self,
        project: str | None,
        all_projects: bool,
        recursion: int,
        filter: Filter | None = None,  # noqa: A002 - LXD's name for it
    ) -> dict[str, Any]:
        """``recursion``, the projects to list (checking the server can list them all) and
        the ``filter`` (checking the server filters this resource)."""
        if all_projects:
            extension = self.model._all_projects_extension
            if extension is None:
                raise TypeError(f"LXD cannot list {self.model.__name__} objects across projects")
            self._client.assert_has_api_extension(extension)
        params = {"recursion": recursion, **project_scope(project, all_projects)}
        if filter is not None:
            params["filter"] = filter_expression(filter)  # a bad filter sends nothing
            self._client.assert_has_api_extension(self.model._filter_extension)
        return params

    async def get(self, name: str, project: str | None = None) -> ModelT:
        """Fetch one object (one request). Raises :class:`~pylxd.exceptions.NotFound`."""
        node = self._in(project)
        return self._wrap_response(await node[name].get(), node)

    async def all(
        self,
        project: str | None = None,
        all_projects: bool = False,
        *,
        filter: Filter | None = None,  # noqa: A002 - LXD's name for it
    ) -> list[ModelT]:
        """Every object, complete, in one request (``recursion=1``).

        Args:
            project: list this project's objects instead of the client's.
            all_projects: every project's objects (where LXD can; each object then
                remembers its own project).
            filter: only the objects it matches, filtered by the server: LXD's
                expression (``"name eq web1 and config.user.x eq y"``) or
                ``{field: value}`` pairs that must all match. Instances and images need
                ``api_filtering``, volumes ``storage_volume_api_filtering``, the rest
                Incus' ``api_filtering_extended``
                (:class:`~pylxd.exceptions.LXDAPIExtensionNotAvailable` otherwise).
        """
        node = self._in(project)
        params = self._listing_params(project, all_projects, 1, filter)
        listing = metadata_list(await self._node.get(params=params))
        return [self._wrap(item, node) for item in listing]

    async def names(self, project: str | None = None) -> list[str]:
        """The names of every object (``recursion=0``: the cheapest listing)."""
        return [name_from_url(url) for url in metadata_list(await self._in(project).get(), str)]

    async def exists(self, name: str, project: str | None = None) -> bool:
        """Whether an object called ``name`` exists."""
        try:
            await self._in(project)[name].get()
        except NotFound:
            return False
        return True

    async def _create(
        self,
        body: Mapping[str, Any],
        name: str,
        wait: bool = True,
        target: str | None = None,
        params: Mapping[str, Any] | None = None,
        project: str | None = None,
    ) -> ModelT:
        """``POST`` ``body`` (in ``project``, if given); wait for the operation it started
        (if any, and if ``wait``), then fetch the new object ``name``."""
        check_name(name)
        wait = self.model.must_wait(self._client, wait)
        node = self._in(project)
        body = dict(body)
        if "config" in body:
            body["config"] = config_strings(body["config"])
        response = await node.post(json=body, target=target, params=params)
        operation = response_operation(response)
        if operation is not None and wait:
            await self._client.operations.wait_for_operation(operation)
        if operation is not None and not wait:
            obj = self.model(self._client, **self._init(body, node))
            obj._set_server_value(obj._name_field, name)
            return obj  # still being made: the blocking client fetches it on first read
        return await self.get(name, project=project)

    async def _create_named(
        self, name: str, *, wait: bool = True, target: str | None = None, **fields: Any
    ) -> ModelT:
        """:meth:`_create` with the body ``{<name field>: name, **fields}``, leaving out the
        fields that are ``None`` (LXD's defaults then apply)."""
        body: dict[str, Any] = {self.model._name_field: name}
        for key, value in fields.items():
            if value is not None:
                body[key] = dict(value) if isinstance(value, Mapping) else value
        return await self._create(body, name, wait=wait, target=target)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._node.path}>"
