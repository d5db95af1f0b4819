# Generated from pylxd/_async/server.py by tools/unasync.py: do not edit, edit the source.
"""The server itself (``/1.0``): its config, read and changed, and its metrics."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pylxd._sync.api import APINode
from pylxd._sync.model import Model
from pylxd._core.envelope import etag_of, metadata_object, server_info
from pylxd._core.fields import Attribute
from pylxd._core.values import clone

if TYPE_CHECKING:
    from pylxd._sync.client import Client

__all__ = ["Server"]


class Server(Model):
    """``client.server``: ``GET /1.0`` as a model, filled when the client connects.

    >>> client.server.config["images.remote_cache_expiry"] = "5"
    >>> client.server.save()

    ``save()`` sends only the config keys changed since the last read (``PATCH``; a key
    deleted from ``config`` is unset), so a concurrent change of another key by someone
    else survives. The rest (``api_extensions``, ``environment``, …) is read-only;
    ``client.host_info`` is the same data as a dict.
    """

    config: Attribute[dict[str, Any]] = Attribute()
    api_extensions: Attribute[list[str]] = Attribute(readonly=True)
    api_status: Attribute[str] = Attribute(readonly=True)
    api_version: Attribute[str] = Attribute(readonly=True)
    auth: Attribute[str] = Attribute(readonly=True)
    auth_methods: Attribute[list[str]] = Attribute(readonly=True)
    auth_user_name: Attribute[str] = Attribute(readonly=True, optional=True)
    auth_user_method: Attribute[str] = Attribute(readonly=True, optional=True)
    environment: Attribute[dict[str, Any]] = Attribute(readonly=True)
    public: Attribute[bool] = Attribute(readonly=True)

    _identity = ()

    def __init__(self, client: Client, **values: Any) -> None:
        self._server_config: dict[str, Any] = {}
        super().__init__(client, **values)

    @property
    def api(self) -> APINode:
        return self.client.api

    def _apply(self, data: Any, *, complete: bool, rollback: bool = False) -> None:
        super()._apply(data, complete=complete, rollback=rollback)
        if "config" in data:
            self._server_config = clone(data["config"] or {})

    def sync(self, rollback: bool = False) -> None:
        """Fetch ``/1.0`` again (``client.host_info`` too). Local edits survive unless
        ``rollback``."""
        response = self.api.get()
        info = server_info(response)
        self.client._host_info = info
        self._apply(info, complete=True, rollback=rollback)
        self._etag = etag_of(response)

    def config_changes(self) -> dict[str, Any]:
        """The config keys ``save()`` would send: changed or added ones, and removed ones
        as ``""`` (LXD's way to unset a key). No request."""
        current = self.config or {}
        changes = {k: v for k, v in current.items() if self._server_config.get(k) != v}
        changes.update({k: "" for k in self._server_config if k not in current})
        return changes

    def save(self, wait: bool = False, force: bool = False) -> None:
        """Send the changed config keys (``PATCH /1.0``), then read the server back.

        A key someone else changed meanwhile survives; the same key changed by both sides
        is a :class:`ConcurrentModification` (nothing sent), unless ``force=True``. The
        ``PATCH`` carries the ETag of the last read; when LXD refuses it (or none is
        known) the server is read again and the changed keys compared.

        Raises:
            ConcurrentModification: a key being saved was changed on the server since it
                was read (``current``: the server now; ``pending``: ``{"config": …}``).
            LXDAPIException: LXD refused a key or a value (its message says which); nothing
                is changed then.
        """
        if not self._loaded:
            self.sync()
        changes = self.config_changes()
        if changes:
            self._patch_config(changes, force)
        self.sync(rollback=True)

    def _patch_config(self, changes: dict[str, Any], force: bool) -> None:
        """``PATCH`` ``changes`` under an ETag taken when none of their keys had moved."""

        def patch(headers: dict[str, str] | None) -> None:
            self.api.patch(json={"config": changes}, headers=headers)

        def check() -> str | None:
            response = self.api.get()
            current = server_info(response)
            theirs = current.get("config") or {}
            clashes = sorted(k for k in changes if theirs.get(k) != self._server_config.get(k))
            if clashes:
                reason = f"{', '.join(clashes)} changed on the server since it was read"
                raise self._conflict(reason, {"config": changes}, response, current)
            return etag_of(response)

        if force:
            patch(None)
        else:
            self._write_guarded(patch, check, {"config": changes}, self._etag)

    def delete(self, wait: bool = False) -> None:
        """A server cannot be deleted."""
        raise TypeError("the server cannot be deleted")

    def metrics(self, project: str | None = None) -> str:
        """The server's metrics in OpenMetrics text (``GET /1.0/metrics``), of every
        project, or of ``project``. Over HTTPS, LXD wants a trusted ``client`` or
        ``metrics`` certificate.

        Raises:
            LXDAPIExtensionNotAvailable: no ``metrics`` extension.
        """
        self.client.assert_has_api_extension("metrics")
        response = self.api.metrics.get(params={"project": project})
        return response.text

    def configuration_metadata(self) -> dict[str, Any]:
        """The server's documentation of every configuration key (``GET
        /1.0/metadata/configuration``: Incus' ``metadata_configuration``; LXD 5.0 has no
        such endpoint): ``{"configs": {"server": {…}, "instance": {…}, …}}``."""
        self.client.assert_has_api_extension("metadata_configuration")
        return metadata_object(self.client.api.metadata.configuration.get())

    def resources(self) -> dict[str, Any]:
        """The server's hardware (``GET /1.0/resources``; see ``client.resources``)."""
        return self.client.get_resources()
