"""Copying instances on one server and between servers, and migrating them.

Between servers this is LXD's pull migration (see :mod:`pylxd._core.migration`): the
destination connects to the source's migration operation, so the source must listen on
the network (``core.https_address``); the destination needs no trust from it, only the
operation's secrets and the source's certificate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from pylxd._async.migration import PullOffer, offer, pulling
from pylxd._core.envelope import response_operation
from pylxd._core.migration import copy_source, instance_body, migration_request, migration_source

if TYPE_CHECKING:
    from typing_extensions import Self

    from pylxd._async.client import Client
    from pylxd._async.instances.instance import Instance

__all__ = ["Migratable"]

_RUNNING = 103


def _same_server(a: Client, b: Client) -> bool:
    if a is b:
        return True
    env_a = a.host_info.get("environment", {})
    env_b = b.host_info.get("environment", {})
    cert = env_a.get("certificate")
    return bool(cert) and cert == env_b.get("certificate")


def _migration_body(
    instance: Instance,
    offered: PullOffer,
    live: bool,
    instance_only: bool,
    name: str,
    overrides: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The destination's create body: the instance's definition, pulled from ``offered``."""
    config = instance._raw_attr("config") or {}
    source = migration_source(
        offered.url,
        offered.secrets,
        offered.certificate,
        live=live,
        base_image=config.get("volatile.base_image"),
        instance_only=instance_only,
    )
    return instance_body(dict(instance), name, source, overrides)


class Migratable:
    """``copy()``, ``migrate()``, ``generate_migration_data()`` (mixed into
    :class:`~pylxd._async.instances.instance.Instance`)."""

    async def generate_migration_data(
        self, live: bool = False, instance_only: bool = False
    ) -> dict[str, Any]:
        """Start a migration here and return the config that creates the instance on another
        server from it (``new_client.instances.create(data, wait=True)``): a pull migration
        whose source is this server's operation, its secrets and its certificate.

        Raises:
            ValueError: another server cannot reach this one (a unix socket and no
                ``core.https_address``).
        """
        instance = cast("Instance", self)
        await instance.sync()
        offered = await offer(instance.client, instance.api, migration_request(live, instance_only))
        return _migration_body(instance, offered, live, instance_only, instance._raw_attr("name"))

    async def copy(
        self,
        new_name: str | None = None,
        *,
        client: Client | None = None,
        instance_only: bool = False,
        live: bool = False,
        config: dict[str, str] | None = None,
        devices: dict[str, dict[str, str]] | None = None,
        profiles: list[str] | None = None,
        ephemeral: bool | None = None,
        description: str | None = None,
        project: str | None = None,
        target: str | None = None,
        wait: bool = True,
    ) -> Self:
        """Copy the instance, here or to another server, and return the copy.

        Args:
            new_name: the copy's name (``None``: the same name, for another server or project).
            client: the destination server (``None``: this one). Another server pulls the
                instance from this one, which must listen on the network.
            instance_only: leave the snapshots out.
            live: copy the running state too (needs CRIU: LXD's error otherwise).
            config, devices, profiles, ephemeral, description: replace the source's (e.g. a
                ``root`` disk device on another ``pool``).
            project: the destination project.
            target: the destination cluster member.
            wait: wait for the copy (always, between servers).

        Raises:
            OperationFailed: the copy failed (LXD's message).
            ValueError: another server cannot reach this one (a unix socket and no
                ``core.https_address``).
        """
        instance = cast("Instance", self)
        source_client = instance.client
        destination = client if client is not None else source_client
        name = new_name or instance._raw_attr("name")
        overrides = {
            "config": config,
            "devices": devices,
            "profiles": profiles,
            "ephemeral": ephemeral,
            "description": description,
        }
        node = destination.api.instances.in_project(project)

        async def create(body: dict[str, Any], wait: bool) -> None:
            operation = response_operation(await node.post(json=body, target=target))
            if operation is not None and wait:
                await destination.operations.wait_for_operation(operation)

        if _same_server(source_client, destination):
            source_project = instance._raw_attr("project") or source_client.project
            source = copy_source(instance._raw_attr("name"), source_project, instance_only, live)
            # LXD 5.0 gives a copy no profiles unless told: send the whole definition.
            if not instance._loaded:
                await instance.sync()
            await create(instance_body(dict(instance), name, source, overrides), wait)
        else:
            # Another server pulls; the copy waits for both sides (a running source is frozen
            # until its side ends), and the source's offer is cancelled if the pull fails.
            await instance.sync()
            offered = await offer(
                source_client, instance.api, migration_request(live, instance_only)
            )
            body = _migration_body(instance, offered, live, instance_only, name, overrides)
            async with pulling(source_client, offered):
                await create(body, True)
            wait = True
        copied = type(instance)(destination, name=name, **({"project": project} if project else {}))
        if wait:
            await copied.sync()
        return cast("Self", copied)

    async def migrate(self, new_client: Client, live: bool = False, wait: bool = False) -> Self:
        """Move the instance to the server ``new_client`` talks to and return it there.

        As upstream pylxd, the source instance is **deleted** once copied. A running instance
        keeps running: without ``live`` it is copied, stopped here and started there; ``live``
        moves its memory (needs CRIU; LXD's error otherwise). The call always waits for the
        transfer (the source is deleted after it); ``wait`` is accepted for compatibility.
        """
        instance = cast("Instance", self)
        await instance.sync()
        running = instance._raw_attr("status_code") == _RUNNING
        copied = await instance.copy(client=new_client, live=live, wait=True)
        if running and not live:
            await instance.stop(force=True, wait=True)
        await instance.delete(wait=True)
        if running and not live:
            await copied.start(wait=True)
        return cast("Self", copied)
