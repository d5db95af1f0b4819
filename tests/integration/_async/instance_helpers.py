"""Helpers shared by the instance test modules (generated for both flavours)."""

from __future__ import annotations

from typing import Any

from pylxd.aio import Client
from pylxd.aio.models import Instance


def image_config(name: str, alias: str, **extra: object) -> dict[str, object]:
    return {"name": name, "source": {"type": "image", "alias": alias}, **extra}


async def make_instance(
    client: Client, name: str, alias: str, start: bool = False, **extra: Any
) -> Instance:
    """A busybox container, created (and started) and complete."""
    instance = await client.instances.create(image_config(name, alias, **extra), wait=True)
    if start:
        await instance.start(wait=True)
    return instance


async def write_file(instance: Instance, path: str, content: str) -> None:
    result = await instance.execute(["sh", "-c", f"printf %s '{content}' > {path}"])
    assert result.exit_code == 0, result


async def read_file(instance: Instance, path: str) -> str:
    result = await instance.execute(["cat", path])
    assert result.exit_code == 0, result
    return result.stdout


async def wait_for_operations_on(client: Client, name: str) -> None:
    """Wait for every running operation on the instance ``name`` (after a ``wait=False``)."""
    for operation in await client.operations.all():
        urls = [url for urls in (operation.resources or {}).values() for url in urls]
        if operation.status == "Running" and any(f"/{name}" in url for url in urls):
            await client.operations.wait_for_operation(operation.id)
