"""Publishing an instance or a snapshot as an image (``POST /1.0/images`` from a source)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pylxd._core.envelope import response_operation

if TYPE_CHECKING:
    from pylxd._async.client import Client
    from pylxd._async.images.image import Image

__all__ = ["Publishable"]


class Publishable:
    """``publish()`` for what an image can be made of (instances, snapshots)."""

    client: Client

    def _publish_source(self) -> dict[str, Any]:
        """The ``source`` of ``POST /1.0/images``."""
        raise NotImplementedError

    async def publish(
        self,
        public: bool = False,
        wait: bool = False,
        compression_algorithm: str | None = None,
        aliases: list[dict[str, str]] | None = None,
        properties: dict[str, str] | None = None,
    ) -> Image | None:
        """Make an image of it (an instance must be stopped).

        ``aliases`` (``[{"name": …}]``) and ``properties`` are given to the new image.
        Returns the new :class:`Image` with ``wait``, else ``None`` at once.

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
        response = await self.client.api.images.post(json=body)
        operation = response_operation(response)
        if not wait or operation is None:
            return None
        done = await self.client.operations.wait_for_operation(operation)
        fingerprint = (done.metadata or {}).get("fingerprint")
        if not fingerprint:
            raise ValueError("LXD did not say which image it made")
        return await self.client.images.get(str(fingerprint))
