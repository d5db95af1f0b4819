"""Cluster members (``client.cluster.members``): their state, evacuation and restore."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pylxd._async.collection import Collection, NamedModel
from pylxd._core.envelope import metadata_object
from pylxd._core.fields import Attribute
from pylxd._core.urls import check_name

if TYPE_CHECKING:
    from pylxd._async.client import Client
    from pylxd._async.cluster.cluster import Cluster


__all__ = ["ClusterMember", "ClusterMemberManager", "ClusterMemberState"]


class ClusterMemberState:
    """``GET /1.0/cluster/members/<name>/state``: ``sysinfo`` and ``storage_pools``."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.sysinfo: dict[str, Any] = dict(data.get("sysinfo") or {})
        self.storage_pools: dict[str, Any] = dict(data.get("storage_pools") or {})

    def __repr__(self) -> str:
        return f"<ClusterMemberState pools={sorted(self.storage_pools)}>"


class ClusterMember(NamedModel):
    """One member of the cluster (``/1.0/cluster/members/<server_name>``).

    ``save()`` sends ``roles``, ``failure_domain``, ``description``, ``config`` and ``groups``.
    """

    server_name: Attribute[str] = Attribute(readonly=True)
    url: Attribute[str] = Attribute(readonly=True)
    database: Attribute[bool] = Attribute(readonly=True)
    status: Attribute[str] = Attribute(readonly=True)
    message: Attribute[str] = Attribute(readonly=True)
    architecture: Attribute[str] = Attribute(readonly=True)
    roles: Attribute[list[str]] = Attribute()
    failure_domain: Attribute[str] = Attribute()
    description: Attribute[str] = Attribute()
    config: Attribute[dict[str, str]] = Attribute()
    groups: Attribute[list[str]] = Attribute(optional=True)

    _identity = ("server_name",)
    _collection_path = "cluster.members"
    _name_field = "server_name"

    _extension = "clustering"

    async def rename(self, new_name: str, wait: bool = False) -> ClusterMember:
        """Rename the member (``POST {"server_name": new_name}``); returns it, renamed."""
        check_name(new_name, "new_name")
        await self.post(json={"server_name": new_name}, wait=wait)
        self._set_server_value("server_name", new_name)
        return self

    async def delete(self, wait: bool = False, force: bool = False) -> None:
        """Remove the member from the cluster; ``force`` removes an unreachable one
        without asking it (its state is left behind)."""
        response = await self.api.delete(params={"force": 1} if force else None)
        await self._wait_if(response, wait)

    async def _change_state(
        self, action: str, wait: bool, mode: str | None, force: bool | None = None
    ) -> None:
        self.client.assert_has_api_extension("clustering_evacuation")
        body: dict[str, Any] = {"action": action}
        if mode is not None:
            self.client.assert_has_api_extension("clustering_evacuation_mode")
            body["mode"] = mode
        if force is not None:
            body["force"] = force
        response = await self.api.state.post(json=body)
        await self._wait_if(response, wait)
        if wait:
            await self.sync(rollback=True)

    async def evacuate(
        self, wait: bool = False, mode: str | None = None, force: bool | None = None
    ) -> None:
        """Move (or stop) the member's instances and take it out of placement.

        With ``wait`` this waits until every instance has moved (LXD's operation), then
        reads the member back (``status`` is then ``Evacuated``).

        Args:
            mode: ``"stop"``, ``"migrate"`` or ``"live-migrate"`` (``clustering_evacuation_mode``);
                ``None`` follows each instance's ``cluster.evacuate`` setting.
            force: evacuate even below the voter majority (newer servers).
        """
        await self._change_state("evacuate", wait, mode, force)

    async def restore(self, wait: bool = False, mode: str | None = None) -> None:
        """Bring an evacuated member back and move its instances home (``mode="skip"``
        leaves them where they are)."""
        await self._change_state("restore", wait, mode)

    async def state(self) -> ClusterMemberState:
        """The member's live resources (``cluster_member_state``; LXD 5.0 lacks it)."""
        self.client.assert_has_api_extension("cluster_member_state")
        return ClusterMemberState(metadata_object(await self.api.state.get()))


class ClusterMemberManager(Collection[ClusterMember]):
    """``client.cluster.members`` (also ``client.cluster.get().members``)."""

    model = ClusterMember

    def __init__(self, client: Client, cluster: Cluster | None = None) -> None:
        super().__init__(client)
        self.cluster = cluster
