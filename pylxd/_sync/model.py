# Generated from pylxd/_async/model.py by tools/unasync.py: do not edit, edit the source.
"""The base of every model: fetch, save, delete, and waiting on what they start."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from pylxd._sync.api import APINode
from pylxd._core.envelope import malformed, metadata_object, response_operation
from pylxd._core.fields import FieldModel
from pylxd._core.response import Response
from pylxd._drivers.sync.flavour import LazyLoad
from pylxd.exceptions import NotFound

if TYPE_CHECKING:
    from pylxd._sync.client import Client
    from pylxd._sync.operation import Operation

__all__ = ["Model"]

ModelT = TypeVar("ModelT", bound="Model")


class Model(LazyLoad, FieldModel):
    """An object on the server.

    Build one from the server's data with ``Model(client, **fields)``. Assigning a field,
    or editing a dict field in place, makes it ``dirty``; ``save()`` sends it,
    ``rollback()`` discards it.
    """

    NotFound = NotFound

    def __init__(self, client: Client, **values: Any) -> None:
        self.client = client
        super().__init__(**values)

    @classmethod
    def _from_server(
        cls: type[ModelT], client: Client, data: Mapping[str, Any], **init: Any
    ) -> ModelT:
        """A complete object from the server's data (``save()`` then needs no fetch first).

        Raises:
            MalformedResponse: ``data`` is not an object (callers that hold the response
                check it first, naming its URL).
        """
        if not isinstance(data, Mapping):
            raise malformed(None, f"{cls.__name__} data as an object", data)
        obj = cls(client, **init)
        obj._apply(data, complete=True)
        return obj

    @property
    def api(self) -> APINode:
        """This object's node in ``client.api``."""
        raise NotImplementedError

    def _identity_value(self, key: str) -> Any:
        if key == "project":  # never None beside 'default': where its requests go
            return self._raw_attr(key) or self._home_project()
        return self._raw_attr(key)

    def _home_project(self) -> str:
        """The project of an object whose data does not name it (a sparse object, or LXD
        5.0, which leaves ``project`` out of images): the client's."""
        return self.client.project or "default"

    def sync(self, rollback: bool = False) -> None:
        """Fetch the object. Local edits (assigned or in place) survive unless ``rollback``."""
        response = self.api.get()
        self._apply(metadata_object(response), complete=True, rollback=rollback)

    def rollback(self) -> None:
        """Discard local edits: fetch the object as the server has it."""
        self.sync(rollback=True)

    def save(self, wait: bool = False) -> None:
        """Send every writable field (``PUT``); with ``wait``, wait for the operation.

        Every local edit is sent, assigned or made in place. A sparse object (from
        ``create()`` without ``wait``, ``all(recursion=0)``) is fetched first, keeping the
        edits, so that the ``PUT`` never blanks what it lacks.
        """
        if not self._loaded:
            self.sync()
        body = self.marshall()
        response = self.api.put(json=body)
        self._wait_if(response, wait)
        self._mark_clean(body)

    def delete(self, wait: bool = False) -> None:
        """Delete the object on the server; with ``wait``, wait for the operation."""
        response = self.api.delete()
        self._wait_if(response, wait)

    def post(self, json: Any = None, wait: bool = False) -> Response:
        """``POST`` to the object's path."""
        response = self.api.post(json=json)
        self._wait_if(response, wait)
        return response

    def raw_put(self, put_object: dict[str, Any], wait: bool = False) -> Response:
        """``PUT`` ``put_object`` without reading the object back."""
        response = self.api.put(json=put_object)
        self._wait_if(response, wait)
        return response

    def raw_patch(self, patch_object: dict[str, Any], wait: bool = False) -> Response:
        """``PATCH`` ``patch_object`` without reading the object back."""
        response = self.api.patch(json=patch_object)
        self._wait_if(response, wait)
        return response

    def put(self, put_object: dict[str, Any], wait: bool = False) -> None:
        """Replace the object with ``put_object``, then read it back."""
        self.raw_put(put_object, wait)
        self.sync(rollback=True)

    def patch(self, patch_object: dict[str, Any], wait: bool = False) -> None:
        """Merge ``patch_object`` into the object, then read it back."""
        self.raw_patch(patch_object, wait)
        self.sync(rollback=True)

    def _wait_if(self, response: Response, wait: bool) -> Operation | None:
        """Wait for the operation ``response`` started, if any and if asked."""
        operation = response_operation(response)
        if operation is None or not wait:
            return None
        return self.client.operations.wait_for_operation(operation)
