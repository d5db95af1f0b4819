"""What every network object shares (writes waited on as operations, ``save()`` only when
dirty, ``patch()`` as a merged ``PUT``), and the listen-address shape of forwards and load
balancers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from pylxd._async.collection import NamedModel
from pylxd._core.envelope import etag_of, metadata_object
from pylxd._core.fields import Attribute
from pylxd._core.values import merge_patch

if TYPE_CHECKING:
    from pylxd._async.operation import Operation
    from pylxd._core.response import Response


__all__ = [
    "ListenAddressObject",
    "NetworkObject",
]


class NetworkObject(NamedModel):
    """The base of every network object (networks, ACLs, zones, records, forwards, …).

    Writes are waited on when the server makes them background operations
    (``storage_and_network_operations``), and ``save()`` sends nothing when nothing changed.
    """

    _extension = "network"
    _operations_extension = "storage_and_network_operations"
    #: Whether the server's own ``PATCH`` can be used. LXD 5.0 and Incus 6.0 drop the
    #: connection (a panic) on a ``PATCH`` of an ACL, zone or forward that lacks ``config``
    #: while the object has some, and LXD 5.0 blanks the rules, entries or ports a ``PATCH``
    #: does not carry: for those, ``patch()`` merges here and ``PUT``s.
    _server_patch: ClassVar[bool] = False

    async def raw_patch(self, patch_object: dict[str, Any], wait: bool = False) -> Response:
        """Merge ``patch_object`` into the object (``config`` keys merged, other fields
        replaced) without reading it back.

        Where the server's ``PATCH`` is unusable this is a ``GET``, the merge, and a ``PUT``
        guarded by the object's ETag: a change made meanwhile by someone else makes LXD
        refuse it (HTTP 412) instead of being overwritten.
        """
        if self._server_patch:
            return await super().raw_patch(patch_object, wait)
        current = await self.api.get()
        writable = [key for key, field in self._fields.items() if not field.readonly]
        body = merge_patch(metadata_object(current), patch_object, writable)
        etag = etag_of(current)
        response = await self.api.put(json=body, headers={"If-Match": etag} if etag else None)
        await self._wait_if(response, wait)
        return response

    async def save(self, wait: bool = False, force: bool = False) -> Operation | None:
        """Send the edited object (``PUT``: every writable field, guarded by its ETag as
        :meth:`Model.save` says); a no-op when not ``dirty``.

        Raises:
            ConcurrentModification: the object changed on the server since it was read.
            LXDAPIException: LXD refused the new values (its message, e.g. an unknown key).
        """
        if self.dirty:
            return await super().save(wait=wait, force=force)
        return None


class ListenAddressObject(NetworkObject):
    """What forwards and load balancers share: named by their ``listen_address``, with
    ``ports`` (a list of dicts) and ``config``."""

    listen_address: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    config: Attribute[dict[str, str]] = Attribute()
    ports: Attribute[list[dict[str, Any]]] = Attribute()
    location: Attribute[str] = Attribute(readonly=True)

    _name_field = "listen_address"
    _identity = ("listen_address",)
    _parent = "network"
