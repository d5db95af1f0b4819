# Generated from pylxd/_async/profile.py by tools/unasync.py: do not edit, edit the source.
"""Profiles: the model and ``client.profiles``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pylxd._sync.collection import Collection, NamedModel
from pylxd._core.fields import Attribute
from pylxd._core.values import null_as_list

if TYPE_CHECKING:
    from pylxd._sync.client import Client

__all__ = ["Profile", "ProfileManager"]


class Profile(NamedModel):
    """A profile (``/1.0/profiles/<name>``): config and devices instances inherit.

    ``save()`` replaces the profile (``PUT``) with ``config``, ``devices`` and
    ``description``; ``rename()`` and ``delete()`` are immediate (no operation).
    """

    name: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    config: Attribute[dict[str, str]] = Attribute()
    devices: Attribute[dict[str, dict[str, str]]] = Attribute()
    used_by: Attribute[list[str]] = Attribute(readonly=True, from_server=null_as_list)
    project: Attribute[str] = Attribute(readonly=True, optional=True)

    _collection_path = "profiles"
    _identity = ("name", "project")
    _all_projects_extension = "profiles_all_projects"  # Incus, LXD 6

    @classmethod
    def create(
        cls,
        client: Client,
        name: str,
        config: dict[str, str] | None = None,
        devices: dict[str, dict[str, str]] | None = None,
        description: str | None = None,
        wait: bool = False,
        project: str | None = None,
    ) -> Profile:
        """Create a profile and return it (see :meth:`ProfileManager.create`)."""
        return ProfileManager(client).create(
            name, config, devices, description, wait, project=project
        )


class ProfileManager(Collection[Profile]):
    """``client.profiles``."""

    model = Profile

    def create(
        self,
        name: str,
        config: dict[str, str] | None = None,
        devices: dict[str, dict[str, str]] | None = None,
        description: str | None = None,
        wait: bool = False,
        project: str | None = None,
    ) -> Profile:
        """Create a profile and return it, complete (two requests: create, fetch).

        Args:
            name: the profile's name.
            config: instance config keys (``{"security.nesting": "true"}``).
            devices: devices by name (``{"root": {"type": "disk", "path": "/", ...}}``).
            description: free text.
            wait: accepted for upstream's signature; LXD creates profiles at once.
            project: create it in this project instead of the client's.

        Raises:
            Conflict: a profile of that name exists.
            LXDAPIException: LXD refused the config or devices (its message says why).
        """
        body: dict[str, Any] = {
            "name": name,
            "config": config or {},
            "devices": devices or {},
        }
        if description is not None:
            body["description"] = description
        return self._create(body, name, wait=True, project=project)
