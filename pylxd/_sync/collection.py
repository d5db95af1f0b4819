# Generated from pylxd/_async/collection.py by tools/unasync.py: do not edit, edit the source.
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

from pylxd._sync.api import APINode
from pylxd._sync.model import Model
from pylxd._core.envelope import metadata, response_operation
from pylxd._core.urls import name_from_url
from pylxd.exceptions import NotFound

if TYPE_CHECKING:
    from pylxd._sync.client import Client

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

    def __init__(self, client: Client, *, collection: APINode | None = None, **values: Any):
        self._collection = collection
        super().__init__(client, **values)

    @classmethod
    def collection_node(cls, client: Client) -> APINode:
        """The node of this resource's top-level collection."""
        if not cls._collection_path:
            raise TypeError(f"{cls.__name__} lives under a parent: use the parent's manager")
        node = client.api
        for part in cls._collection_path.split("."):
            node = getattr(node, part)
        return node

    @property
    def api(self) -> APINode:
        collection = self._collection or self.collection_node(self.client)
        return collection[self._raw_attr(self._name_field)]

    # Upstream's classmethod spellings (``Profile.get(client, name)``) for top-level ones.

    @classmethod
    def get(cls: builtins.type[ModelT], client: Client, name: str) -> ModelT:
        """Fetch one object. Raises :class:`~pylxd.exceptions.NotFound`."""
        return Collection(client, cls).get(name)

    @classmethod
    def all(cls: builtins.type[ModelT], client: Client) -> list[ModelT]:
        """Every object of the collection, complete, in one request."""
        return Collection(client, cls).all()

    @classmethod
    def exists(cls, client: Client, name: str) -> bool:
        """Whether an object called ``name`` exists."""
        return Collection(client, cls).exists(name)

    def rename(self, new_name: str, wait: bool = False) -> None:
        """Rename the object (``POST {"name": new_name}``)."""
        self.post(json={"name": new_name}, wait=wait)
        self._values[self._name_field] = new_name


class Collection(Generic[ModelT]):
    """The objects of one collection: ``all()``, ``get(name)``, ``exists(name)``.

    Resource managers subclass it (setting ``model``) and add their own ``create``, which
    builds LXD's body and calls :meth:`_create`.
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

    def _wrap(self, data: Mapping[str, Any]) -> ModelT:
        """A complete object from the server's data."""
        obj = self.model(self._client, collection=self._node)
        obj._apply(data, complete=True)
        return obj

    def get(self, name: str) -> ModelT:
        """Fetch one object (one request). Raises :class:`~pylxd.exceptions.NotFound`."""
        return self._wrap(metadata(self._node[name].get()))

    def all(self) -> list[ModelT]:
        """Every object, complete, in one request (``recursion=1``)."""
        listing = metadata(self._node.get(params={"recursion": 1})) or []
        return [self._wrap(item) for item in listing]

    def names(self) -> list[str]:
        """The names of every object (``recursion=0``: the cheapest listing)."""
        return [name_from_url(url) for url in metadata(self._node.get()) or []]

    def exists(self, name: str) -> bool:
        """Whether an object called ``name`` exists."""
        try:
            self._node[name].get()
        except NotFound:
            return False
        return True

    def _create(
        self,
        body: Mapping[str, Any],
        name: str,
        wait: bool = True,
        target: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> ModelT:
        """``POST`` ``body``; wait for the operation it started (if any, and if ``wait``),
        then fetch the new object ``name``."""
        response = self._node.post(json=dict(body), target=target, params=params)
        operation = response_operation(response)
        if operation is not None and wait:
            self._client.operations.wait_for_operation(operation)
        if operation is not None and not wait:
            obj = self.model(self._client, collection=self._node)
            obj._values[obj._name_field] = name
            return obj  # still being made: the blocking client fetches it on first read
        return self.get(name)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._node.path}>"
