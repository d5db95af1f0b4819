# Generated from pylxd/_async/publish.py by tools/unasync.py: do not edit, edit the source.
"""Publishing an instance or a snapshot as an image (``POST /1.0/images`` from a source)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pylxd._core.envelope import response_operation

if TYPE_CHECKING:
    from pylxd._sync.client import Client
    from pylxd._sync.image import Image

__all__ = ["publish_image"]


def publish_image(
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
    response = client.api.images.post(json=body)
    operation = response_operation(response)
    if not wait or operation is None:
        return None
    done = client.operations.wait_for_operation(operation)
    fingerprint = (done.metadata or {}).get("fingerprint")
    if not fingerprint:
        raise ValueError("LXD did not say which image it made")
    return client.images.get(str(fingerprint))
