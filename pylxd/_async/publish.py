"""Publishing an instance or a snapshot as an image (``POST /1.0/images`` from a source)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pylxd._core.envelope import response_operation

if TYPE_CHECKING:
    from pylxd._async.client import Client
    from pylxd._async.image import Image

__all__ = ["publish_image"]


async def publish_image(
    client: Client,
    source: dict[str, Any],
    public: bool = False,
    wait: bool = False,
    compression_algorithm: str | None = None,
    aliases: list[dict[str, str]] | None = None,
    properties: dict[str, str] | None = None,
) -> Image | None:
    """Make an image of ``source``; with ``wait``, return it (else ``None``).

    Raises:
        OperationFailed: with ``wait``, LXD could not make it (a running instance, …).
    """
    body: dict[str, Any] = {"source": source, "public": public}
    if compression_algorithm is not None:
        body["compression_algorithm"] = compression_algorithm
    if aliases:
        body["aliases"] = aliases
    if properties:
        body["properties"] = properties
    response = await client.api.images.post(json=body)
    operation = response_operation(response)
    if not wait or operation is None:
        return None
    done = await client.operations.wait_for_operation(operation)
    fingerprint = (done.metadata or {}).get("fingerprint")
    if not fingerprint:
        raise ValueError("LXD did not say which image it made")
    return await client.images.get(str(fingerprint))
