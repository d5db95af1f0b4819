"""Copying instances on one server and between servers, and migrating them.

Between servers this is a migration (see :mod:`pylxd._core.migration` and
:mod:`pylxd._async.migration`) in one of LXD's modes: ``pull`` (default: the destination
connects to the source's operation, so the source must listen on the network),
``push`` (the source connects to the destination's operation, so the destination must)
or ``relay`` (this client connects to both and carries the transfer). No server needs to
trust the other: the operations' secrets and certificates are handed over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from pylxd._async.migration import PullOffer, offer, transfer
from pylxd._core.envelope import response_operation
from pylxd._core.migration import (
    check_mode,
    copy_source,
    instance_body,
    migration_request,
    migration_source,
)

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
    offered: PullOffer | None,
    live: bool,
    instance_only: bool,
    name: str,
    overrides: dict[str, Any] | None = None,
    allow_inconsistent: bool = False,
) -> dict[str, Any]:
    """The destination's create body: the instance's definition, pulled from ``offered``
    (``None``: pushed to the destination, by the source or a relay)."""
    config = instance._raw_attr("config") or {}
    source = migration_source(
        offered.url if offered else None,
        offered.secrets if offered else {},
        offered.certificate if offered else None,
        live=live,
        base_image=config.get("volatile.base_image"),
        instance_only=instance_only,
        allow_inconsistent=allow_inconsistent,
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
        mode: str = "pull",
        allow_inconsistent: bool = False,
    ) -> Self:
        """Copy the instance, here or to another server, and return the copy.

        Args:
            new_name: the copy's name (``None``: the same name, for another server or project).
            client: the destination server (``None``: this one).
            mode: between servers, LXD's transfer mode: ``"pull"`` (the destination pulls
                from this server, which must listen on the network), ``"push"`` (this server
                pushes to the destination, which must) or ``"relay"`` (this client carries
                the transfer: neither server needs to reach the other).
            allow_inconsistent: let the copy go on when files vanish while it is read (a
                running instance; rsync's "Partial transfer due to vanished source files").
            instance_only: leave the snapshots out.
            live: copy the running state too (needs CRIU: LXD's error otherwise).
            config, devices, profiles, ephemeral, description: replace the source's (e.g. a
                ``root`` disk device on another ``pool``).
            project: the destination project.
            target: the destination cluster member.
            wait: wait for the copy (always, between servers).

        Raises:
            OperationFailed: the copy failed (LXD's message).
            ValueError: ``mode`` is unknown, or the server that must be reached listens on
                no network address (a unix socket and no ``core.https_address``).
        """
        check_mode(mode)
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
            source = copy_source(
                instance._raw_attr("name"), source_project, instance_only, live, allow_inconsistent
            )
            # LXD 5.0 gives a copy no profiles unless told: send the whole definition.
            if not instance._loaded:
                await instance.sync()
            await create(instance_body(dict(instance), name, source, overrides), wait)
        else:
            # The copy waits for both sides (a running source is frozen until its side
            # ends); the other side's offer is cancelled if one fails.
            await instance.sync()
            await transfer(
                source_client,
                instance.api,
                destination,
                node,
                mode,
                lambda offered: _migration_body(
                    instance, offered, live, instance_only, name, overrides, allow_inconsistent
                ),
                migration_request(live, instance_only),
                target,
            )
            wait = True
        copied = type(instance)(destination, name=name, **({"project": project} if project else {}))
        if wait:
            await copied.sync()
        return cast("Self", copied)

    async def migrate(
        self, new_client: Client, live: bool = False, wait: bool = False, mode: str = "pull"
    ) -> Self:
        """Move the instance to the server ``new_client`` talks to and return it there.

        As upstream pylxd, the source instance is **deleted** once copied. A running instance
        keeps running: without ``live`` it is copied, stopped here and started there; ``live``
        moves its memory (needs CRIU; LXD's error otherwise). The call always waits for the
        transfer (the source is deleted after it); ``wait`` is accepted for compatibility.
        ``mode``: ``"pull"``, ``"push"`` or ``"relay"``, as for :meth:`copy`.
        """
        check_mode(mode)
        instance = cast("Instance", self)
        await instance.sync()
        running = instance._raw_attr("status_code") == _RUNNING
        copied = await instance.copy(client=new_client, live=live, wait=True, mode=mode)
        if running and not live:
            await instance.stop(force=True, wait=True)
        await instance.delete(wait=True)
        if running and not live:
            await copied.start(wait=True)
        return cast("Self", copied)
