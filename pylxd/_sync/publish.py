# Generated from pylxd/_async/publish.py by tools/unasync.py: do not edit, edit the source.
"""Publishing an instance or a snapshot as an image (``POST /1.0/images`` from a source)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pylxd._sync.api import APINode
from pylxd._sync.model import Model
from pylxd._core.envelope import metadata, response_operation
from pylxd._core.fields import Attribute

if TYPE_CHECKING:
    from pylxd._sync.client import Client

__all__ = ["Publishable"]


class Publishable:
    """``publish()`` for what an image can be made of (instances, snapshots)."""

    client: Client

    def _publish_source(self) -> dict[str, Any]:
        """The ``source`` of ``POST /1.0/images``."""
        raise NotImplementedError

    def publish(
        self,
        public: bool = False,
        wait: bool = False,
        compression_algorithm: str | None = None,
        aliases: list[dict[str, str]] | None = None,
        properties: dict[str, str] | None = None,
    ) -> Any:
        """Make an image of it (an instance must be stopped).

        ``aliases`` (``[{"name": …}]``) and ``properties`` are given to the new image.
        Returns the new image with ``wait``, else ``None`` at once.

        Raises:
            OperationFailed: with ``wait``, LXD could not make it (e.g. it is running).
        """
        body: dict[str, Any] = {"source": self._publish_source(), "public": public}
        if compression_algorithm is not None:
            body["compression_algorithm"] = compression_algorithm
        if aliases:
            body["aliases"] = aliases
        if properties:
            body["properties"] = properties
        response = self.client.api.images.post(json=body)
        operation = response_operation(response)
        if not wait or operation is None:
            return None
        done = self.client.operations.wait_for_operation(operation)
        fingerprint = (done.metadata or {}).get("fingerprint")
        if not fingerprint:
            raise ValueError("LXD did not say which image it made")
        return _fetch_image(self.client, str(fingerprint))


def _fetch_image(client: Client, fingerprint: str) -> Any:
    images = getattr(client, "images", None)
    if images is not None:
        return images.get(fingerprint)
    return _Image(client, **metadata(client.api.images[fingerprint].get()))


class _Image(Model):
    """The published image, until the images module gives ``client.images``."""

    aliases: Attribute[list[dict[str, str]]] = Attribute(readonly=True)
    architecture: Attribute[str] = Attribute(readonly=True)
    auto_update: Attribute[bool] = Attribute(readonly=True)
    cached: Attribute[bool] = Attribute(readonly=True)
    created_at: Attribute[str] = Attribute(readonly=True)
    expires_at: Attribute[str] = Attribute(readonly=True)
    filename: Attribute[str] = Attribute(readonly=True)
    fingerprint: Attribute[str] = Attribute(readonly=True)
    last_used_at: Attribute[str] = Attribute(readonly=True)
    profiles: Attribute[list[str]] = Attribute(readonly=True)
    project: Attribute[str] = Attribute(readonly=True)
    properties: Attribute[dict[str, str]] = Attribute(readonly=True)
    public: Attribute[bool] = Attribute(readonly=True)
    size: Attribute[int] = Attribute(readonly=True)
    type: Attribute[str] = Attribute(readonly=True)
    update_source: Attribute[dict[str, Any]] = Attribute(readonly=True)
    uploaded_at: Attribute[str] = Attribute(readonly=True)

    _identity = ("fingerprint",)

    @property
    def api(self) -> APINode:
        return self.client.api.images[self._raw_attr("fingerprint")]
