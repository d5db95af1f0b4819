# Generated from pylxd/_async/project.py by tools/unasync.py: do not edit, edit the source.
"""Projects: the model and ``client.projects``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pylxd._sync.collection import Collection, NamedModel
from pylxd._core.envelope import metadata_list, metadata_object
from pylxd._core.fields import Attribute
from pylxd._core.values import null_as_list

if TYPE_CHECKING:
    from pylxd._sync.client import Client

__all__ = ["Project", "ProjectManager"]


class Project(NamedModel):
    """A project (``/1.0/projects/<name>``): a namespace of instances, profiles, images…

    To work inside one, bind a client to it (``Client(project="p")``) or pass
    ``project="p"`` to a manager's call.
    """

    name: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    config: Attribute[dict[str, str]] = Attribute()
    used_by: Attribute[list[str]] = Attribute(readonly=True, from_server=null_as_list)

    _collection_path = "projects"

    @classmethod
    def create(
        cls,
        client: Client,
        name: str,
        description: str | None = None,
        config: dict[str, str] | None = None,
    ) -> Project:
        """Create a project and return it (see :meth:`ProjectManager.create`)."""
        return ProjectManager(client).create(name, description, config)

    def rename(self, new_name: str, wait: bool = True) -> Project:
        """Rename the project (it must be empty of instances); LXD does it in the
        background, so this waits unless ``wait=False``. Returns the project, renamed."""
        return super().rename(new_name, wait=wait)

    def delete(self, wait: bool = False, force: bool = False) -> None:
        """Delete the project. ``force`` (Incus' ``projects_force_delete``) deletes
        everything in it first: instances, images, volumes, profiles, networks…

        Raises:
            LXDAPIException: it is not empty (without ``force``).
            LXDAPIExtensionNotAvailable: ``force`` on a server that cannot.
        """
        if not force:
            super().delete(wait=wait)
            return
        self.client.assert_has_api_extension("projects_force_delete")
        self._wait_if(self.api.delete(params={"force": True}), wait)

    def access(self) -> list[dict[str, str]]:
        """Who may use the project (Incus' ``project_access``): ``[{"identifier":
        <certificate fingerprint>, "role": "admin", "provider": "tls"}, …]``."""
        self.client.assert_has_api_extension("project_access")
        return metadata_list(self.api.access.get())

    def state(self) -> dict[str, Any]:
        """The project's resource usage (``GET …/state``; LXD's ``project_usage``):
        ``{"resources": {"instances": {"Limit": -1, "Usage": 2}, …}}``."""
        self.client.assert_has_api_extension("project_usage")
        return metadata_object(self.api.state.get())


class ProjectManager(Collection[Project]):
    """``client.projects``."""

    model = Project

    def create(
        self,
        name: str,
        description: str | None = None,
        config: dict[str, str] | None = None,
    ) -> Project:
        """Create a project and return it, complete.

        Args:
            name: the project's name.
            description: free text.
            config: project config (``{"features.images": "false"}``, limits, restrictions).

        Raises:
            Conflict: a project of that name exists.
            LXDAPIException: LXD refused the config (its message says why).
        """
        self._client.assert_has_api_extension("projects")
        body: dict[str, Any] = {"name": name, "config": config or {}}
        if description is not None:
            body["description"] = description
        return self._create(body, name)
