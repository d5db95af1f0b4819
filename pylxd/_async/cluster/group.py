"""Cluster groups (``client.cluster.groups``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pylxd._async.collection import Collection, NamedModel
from pylxd._core.fields import Attribute

if TYPE_CHECKING:
    from pylxd._async.client import Client

__all__ = ["ClusterGroup", "ClusterGroupManager"]


class ClusterGroup(NamedModel):
    """A named set of members to place instances on (``target="@<group>"``).

    ``save()`` sends ``description`` and ``members`` (assigning members moves them in).
    """

    name: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    members: Attribute[list[str]] = Attribute()

    _collection_path = "cluster.groups"
    _extension = "clustering_groups"

    @classmethod
    async def create(
        cls,
        client: Client,
        name: str,
        description: str = "",
        members: Sequence[str] | None = None,
    ) -> ClusterGroup:
        """Create a group (with these members) and return it as the server has it.

        Raises:
            Conflict: a group of that name exists.
        """
        return await ClusterGroupManager(client).create(name, description, members)


class ClusterGroupManager(Collection[ClusterGroup]):
    """``client.cluster.groups``."""

    model = ClusterGroup

    async def create(
        self, name: str, description: str = "", members: Sequence[str] | None = None
    ) -> ClusterGroup:
        """Create a group (see :meth:`ClusterGroup.create`)."""
        if isinstance(members, str):
            raise TypeError("members must be a list of member names, not a string")
        body = {"name": name, "description": description, "members": list(members or [])}
        return await self._create(body, name)
