"""Instance snapshots: ``instance.snapshots`` and the :class:`Snapshot` model."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from pylxd._async.api import APINode
from pylxd._async.collection import Collection, NamedModel
from pylxd._async.publish import publish_image
from pylxd._core.envelope import response_operation
from pylxd._core.fields import Attribute
from pylxd._core.migration import snapshot_short_name
from pylxd._drivers.response import Response

if TYPE_CHECKING:
    from pylxd._async.client import Client
    from pylxd._async.image import Image
    from pylxd._async.instance import Instance

__all__ = ["Snapshot", "SnapshotManager", "InstanceChildren"]

ModelT = TypeVar("ModelT", bound=NamedModel)


class Snapshot(NamedModel):
    """A snapshot of an instance (``/1.0/instances/<instance>/snapshots/<name>``).

    ``name`` is the snapshot's own name (``snap0``, not ``c1/snap0``); ``instance`` is
    the instance it belongs to. ``expires_at`` and ``description`` are writable
    (``save()``).
    """

    name: Attribute[str] = Attribute(readonly=True)
    created_at: Attribute[str] = Attribute(readonly=True)
    stateful: Attribute[bool] = Attribute(readonly=True)
    expires_at: Attribute[str] = Attribute()
    description: Attribute[str] = Attribute(optional=True)
    architecture: Attribute[str] = Attribute(readonly=True)
    config: Attribute[dict[str, str]] = Attribute(readonly=True)
    devices: Attribute[dict[str, dict[str, str]]] = Attribute(readonly=True)
    ephemeral: Attribute[bool] = Attribute(readonly=True)
    expanded_config: Attribute[dict[str, str]] = Attribute(readonly=True)
    expanded_devices: Attribute[dict[str, dict[str, str]]] = Attribute(readonly=True)
    last_used_at: Attribute[str] = Attribute(readonly=True)
    profiles: Attribute[list[str]] = Attribute(readonly=True)
    size: Attribute[int] = Attribute(readonly=True)

    def __init__(
        self,
        client: Client,
        *,
        instance: Instance,
        collection: APINode | None = None,
        **values: Any,
    ) -> None:
        self.instance = instance
        super().__init__(client, collection=collection or instance.api.snapshots, **values)

    def _apply(self, data: Any, *, complete: bool, rollback: bool = False) -> None:
        if "name" in data:
            data = {**data, "name": snapshot_short_name(str(data["name"]))}
        super()._apply(data, complete=complete, rollback=rollback)

    def _identity_values(self) -> tuple[Any, ...]:
        return (self._raw_attr("name"), self.instance._identity_values())

    async def restore(self, wait: bool = False) -> Response:
        """Restore the instance to this snapshot (see :meth:`Instance.restore_snapshot`)."""
        stateful = bool(self._raw_attr("stateful", False))
        return await self.instance.restore_snapshot(self._raw_attr("name"), wait, stateful)

    async def publish(
        self,
        public: bool = False,
        wait: bool = False,
        compression_algorithm: str | None = None,
        aliases: list[dict[str, str]] | None = None,
        properties: dict[str, str] | None = None,
    ) -> Image | None:
        """Make an image of this snapshot; with ``wait``, return the new image (else ``None``)."""
        name = f"{self.instance._raw_attr('name')}/{self._raw_attr('name')}"
        source = {"type": "snapshot", "name": name}
        return await publish_image(
            self.client, source, public, wait, compression_algorithm, aliases, properties
        )


class InstanceChildren(Collection[ModelT]):
    """The objects below an instance (its snapshots, its backups)."""

    def __init__(self, client: Client, instance: Instance, node: APINode) -> None:
        self.instance = instance
        super().__init__(client, self.model, node)

    def _init(self, data: Mapping[str, Any], node: APINode) -> dict[str, Any]:
        return {"collection": node, "instance": self.instance}

    async def _create_child(self, body: dict[str, Any], name: str | None, wait: bool) -> ModelT:
        """``POST`` ``body``; the new object, complete with ``wait``.

        LXD names an unnamed snapshot or backup itself without saying which name it
        took, so the names before and after tell (that needs ``wait``).
        """
        if name is None and not wait:
            raise ValueError("without a name, wait=True is needed to know the new one")
        before = set(await self.names()) if name is None else set()
        response = await self._node.post(json=body)
        operation = response_operation(response)
        if operation is not None and wait:
            await self._client.operations.wait_for_operation(operation)
        if name is None:
            new = sorted(set(await self.names()) - before)
            if len(new) != 1:
                raise ValueError(f"cannot tell which is new among {new}: pass a name")
            name = new[0]
        if not wait:
            sparse = self.model(self._client, **self._init(body, self._node))
            sparse._values["name"] = name
            return sparse  # still being made: the blocking client fetches it on first read
        return await self.get(name)


class SnapshotManager(InstanceChildren[Snapshot]):
    """``instance.snapshots``: ``all()``, ``get(name)``, ``exists(name)``, ``create(name)``."""

    model = Snapshot

    def __init__(self, client: Client, instance: Instance) -> None:
        super().__init__(client, instance, instance.api.snapshots)

    async def create(
        self,
        name: str | None = None,
        stateful: bool = False,
        wait: bool = False,
        expires_at: str | None = None,
        description: str | None = None,
    ) -> Snapshot:
        """Snapshot the instance.

        Args:
            name: the snapshot's name (``None``: the server picks, e.g. ``snap0``).
            stateful: include the running state (needs CRIU on the server; LXD's error
                otherwise).
            wait: wait for the snapshot to be taken and return it complete; otherwise
                return at once (a failure then goes unseen).
            expires_at: when LXD deletes it (RFC 3339, e.g. ``2030-01-01T00:00:00Z``).
            description: a description (servers with ``entity_description``).

        Raises:
            OperationFailed: with ``wait``, the snapshot failed (LXD's message).
        """
        body: dict[str, Any] = {"stateful": stateful}
        if name is not None:
            body["name"] = name
        if expires_at is not None:
            self._client.assert_has_api_extension("snapshot_expiry_creation")
            body["expires_at"] = expires_at
        if description is not None:
            body["description"] = description
        return await self._create_child(body, name, wait)
