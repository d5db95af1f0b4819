"""A tour of pylxd against the local LXD daemon (scripts/lxd-daemon starts one).

scripts/tour            # sets everything up, then runs this file
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid

from pylxd import Client
from pylxd.exceptions import NotFound

IMAGE = os.environ.get("PYLXD_IMAGE_ALIAS", "busybox")


def show_server(client: Client) -> None:
    info = client.host_info
    env = info["environment"]
    print(f"connected to {client.endpoint}: {env['server']} {env['server_version']}")
    print(f"  trusted={client.trusted}  clustered={client.server_clustered}")
    print(f"  {len(info['api_extensions'])} API extensions, storage: {env['storage']}")
    print(f"  kernel {env['kernel_version']} on {env['kernel_architecture']}")


def list_instances(client: Client) -> None:
    instances = client.instances.all()
    print(f"{len(instances)} instance(s):")
    for instance in instances:
        print(f"  {instance.name:30} {instance.status:10} {instance.type}")


def container_round_trip(client: Client) -> None:
    name = f"tour-{uuid.uuid4().hex[:8]}"
    config = {"name": name, "source": {"type": "image", "alias": IMAGE}}
    print(f"creating {name} from image '{IMAGE}'")
    container = client.containers.create(config, wait=True)
    try:
        container.start(wait=True)
        print(f"  {container.name} is {container.status}")
        started = time.perf_counter()
        exit_code, stdout, stderr = container.execute(["sh", "-c", "uname -a; echo oops >&2"])
        took = (time.perf_counter() - started) * 1000
        print(
            f"  execute -> exit {exit_code} in {took:.1f} ms, stdout={stdout!r}, stderr={stderr!r}"
        )

        container.config.update({"user.tour": "edited in place"})
        print(f"  after config.update: dirty={container.dirty}")
        container.save(wait=True)
        print(f"  saved: server has user.tour={client.instances.get(name).config['user.tour']!r}")

        container.stop(wait=True)
        print(f"  {container.name} is {container.status}")
    finally:
        try:
            client.instances.get(name).delete(wait=True)
        except NotFound:
            pass
    print(f"  deleted; exists={client.instances.exists(name)}")


async def async_flavour() -> None:
    from pylxd.aio import Client as AsyncClient

    async with AsyncClient() as client:
        instances = await client.instances.all()
        response = await client.api.get()
        print(f"asyncio: {len(instances)} instance(s), GET /1.0 -> {response.status_code}")


def main() -> None:
    with Client() as client:
        show_server(client)
        list_instances(client)
        container_round_trip(client)
    asyncio.run(async_flavour())


if __name__ == "__main__":
    main()
