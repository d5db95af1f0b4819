"""Images (``/1.0/images/<fingerprint>``): the model (``client.images`` is
:mod:`pylxd._async.images.manager`).

The files travel streamed, uploads and exports alike: :mod:`pylxd._async.images.transfer`.
"""

from __future__ import annotations

import tempfile
from contextlib import nullcontext
from typing import IO, TYPE_CHECKING, Any, Literal, overload

from pylxd._async.collection import NamedModel
from pylxd._async.images.transfer import download_image, push_request
from pylxd._async.migration import PullOffer, offer, pulling, source_url
from pylxd._async.operation import Operation
from pylxd._core.envelope import response_operation
from pylxd._core.fields import Attribute
from pylxd._core.migration import check_mode
from pylxd._core.transfer import DataSource, Progress, Sink

if TYPE_CHECKING:
    from pylxd._async.client import Client

__all__ = ["Image"]


class Image(NamedModel):
    """An image, named by its fingerprint (a sha256 of its files).

    ``public``, ``auto_update`` and ``properties`` are saved by ``save()``.
    """

    aliases: Attribute[list[dict[str, str]]] = Attribute(readonly=True)
    auto_update: Attribute[bool] = Attribute(optional=True)
    architecture: Attribute[str] = Attribute(readonly=True)
    cached: Attribute[bool] = Attribute(readonly=True)
    created_at: Attribute[str] = Attribute(readonly=True)
    expires_at: Attribute[str] = Attribute(readonly=True)
    filename: Attribute[str] = Attribute(readonly=True)
    fingerprint: Attribute[str] = Attribute(readonly=True)
    last_used_at: Attribute[str] = Attribute(readonly=True)
    properties: Attribute[dict[str, str]] = Attribute()
    public: Attribute[bool] = Attribute()
    size: Attribute[int] = Attribute(readonly=True)
    uploaded_at: Attribute[str] = Attribute(readonly=True)
    update_source: Attribute[dict[str, str]] = Attribute(readonly=True)
    type: Attribute[str] = Attribute(readonly=True, optional=True)
    profiles: Attribute[list[str]] = Attribute(readonly=True)
    project: Attribute[str] = Attribute(readonly=True, optional=True)

    _collection_path = "images"
    _name_field = "fingerprint"
    _identity = ("fingerprint", "project")
    _all_projects_extension = "images_all_projects"
    _filter_extension = "api_filtering"

    # -- upstream's classmethod spellings: Image.get(client, fingerprint), … ------------

    @classmethod
    async def exists(  # type: ignore[override]  # upstream's third argument is ``alias``
        cls, client: Client, fingerprint: str, alias: bool = False, project: str | None = None
    ) -> bool:
        """Whether an image with this fingerprint (or, with ``alias=True``, alias) exists."""
        return await client.images.exists(fingerprint, alias=alias, project=project)

    @classmethod
    async def get_by_alias(cls, client: Client, alias: str, project: str | None = None) -> Image:
        """Fetch the image an alias points at. Raises :class:`NotFound`."""
        return await client.images.get_by_alias(alias, project=project)

    @classmethod
    async def create(
        cls,
        client: Client,
        image_data: DataSource,
        metadata: DataSource | None = None,
        public: bool = False,
        wait: bool = True,
        vm: bool = False,
    ) -> Image:
        """Upload an image (see :meth:`~pylxd._async.images.manager.ImageManager.create`)."""
        return await client.images.create(image_data, metadata, public, wait, vm)

    @classmethod
    async def create_from_simplestreams(
        cls,
        client: Client,
        server: str,
        alias: str,
        public: bool = False,
        auto_update: bool = False,
        wait: bool = True,
        *,
        certificate: str | None = None,
    ) -> Image:
        """Download an image from a simplestreams server (see the manager's method)."""
        return await client.images.create_from_simplestreams(
            server, alias, public, auto_update, wait, certificate=certificate
        )

    @classmethod
    async def create_from_url(
        cls,
        client: Client,
        url: str,
        public: bool = False,
        auto_update: bool = False,
        wait: bool = True,
        *,
        certificate: str | None = None,
    ) -> Image:
        """Download an image from a URL (see the manager's method)."""
        return await client.images.create_from_url(
            url, public, auto_update, wait, certificate=certificate
        )

    # -- what an image does ----------------------------------------------------------

    @overload
    async def export(
        self, to: None = None, *, rootfs: Sink | None = None, progress: Progress | None = None
    ) -> IO[bytes]: ...
    @overload
    async def export(
        self, to: Sink, *, rootfs: Sink | None = None, progress: Progress | None = None
    ) -> None: ...
    async def export(
        self,
        to: Sink | None = None,
        *,
        rootfs: Sink | None = None,
        progress: Progress | None = None,
    ) -> IO[bytes] | None:
        """Download the image's files, streamed (memory stays flat whatever the size).

        Args:
            to: a path or a binary file to write to. Without it, the image comes back as
                an anonymous temporary file, rewound (upstream's behaviour: a split image
                is then LXD's multipart body as sent).
            rootfs: for a split image, where its rootfs goes (its metadata goes to ``to``).
            progress: called with ``(done, total)`` bytes as the body arrives.

        Raises:
            ValueError: the image is split and ``to`` was given without ``rootfs``.
        """
        return await download_image(self.api.export, to, rootfs, progress)

    async def add_alias(self, name: str, description: str = "") -> None:
        """Give the image an alias. Raises :class:`~pylxd.exceptions.Conflict` if taken."""
        aliases = self.client.images.aliases
        await aliases.create(name, self._raw_attr("fingerprint"), description, self.api.project)
        listed = list(self._raw_attr("aliases") or [])
        listed.append({"name": name, "description": description})
        self._set_server_value("aliases", listed)

    async def delete_alias(self, name: str) -> None:
        """Remove one of the image's aliases."""
        await self.client.images.aliases.delete(name, self.api.project)
        aliases = [a for a in self._raw_attr("aliases") or [] if a.get("name") != name]
        self._set_server_value("aliases", aliases)

    async def refresh(self, wait: bool = True) -> bool | None:
        """Ask LXD to update the image from its source now (``image_force_refresh``).

        Returns whether a newer image was found (``None`` without ``wait``).
        """
        self.client.assert_has_api_extension("image_force_refresh")
        response = await self.api.refresh.post()
        operation = await self._wait_if(response, wait)
        if operation is None:
            return None
        return bool((operation.metadata or {}).get("refreshed", False))

    @overload
    async def copy(
        self,
        new_client: Client,
        public: bool | None = None,
        auto_update: bool | None = None,
        wait: Literal[False] = False,
        alias: str | None = None,
        mode: str = "pull",
    ) -> Operation: ...
    @overload
    async def copy(
        self,
        new_client: Client,
        public: bool | None,
        auto_update: bool | None,
        wait: Literal[True],
        alias: str | None = None,
        mode: str = "pull",
    ) -> Image: ...
    @overload
    async def copy(
        self,
        new_client: Client,
        public: bool | None = None,
        auto_update: bool | None = None,
        *,
        wait: Literal[True],
        alias: str | None = None,
        mode: str = "pull",
    ) -> Image: ...
    async def copy(
        self,
        new_client: Client,
        public: bool | None = None,
        auto_update: bool | None = None,
        wait: bool = False,
        alias: str | None = None,
        mode: str = "pull",
    ) -> Image | Operation:
        """Copy the image to the server of ``new_client``.

        ``mode="pull"`` (default): that server pulls it from this one, which it must reach
        over HTTPS: this client's ``https://`` endpoint, or (for a unix-socket client) the
        address the server listens on (``core.https_address``). A private image is
        fetched with a one-time secret. ``"push"``: this server sends it to that one (which
        must listen on the network) with a one-time secret from it. ``"relay"``: this
        client downloads it and uploads it there (neither server needs to reach the other).

        Args:
            public, auto_update: the copy's settings (``None``: as this image has them).
            wait: wait for the copy and return it; otherwise return the operation (pull
                mode; the other modes always wait).
            alias: an alias to give the copy.
            mode: ``"pull"``, ``"push"`` or ``"relay"``.

        Raises:
            ValueError: ``mode`` is unknown, or the server that must be reached is not on
                the network.
            OperationFailed: the target could not download the image (with ``wait``).
        """
        check_mode(mode)
        if not self._loaded:
            await self.sync()
        if mode != "pull":
            public = self._raw_attr("public") if public is None else public
            copied = await (self._push if mode == "push" else self._relay)(new_client, public)
            if auto_update is not None:
                copied.auto_update = auto_update
                await copied.save(wait=True)
            if alias is not None:
                await copied.add_alias(alias)
            return copied
        fingerprint = self._raw_attr("fingerprint")
        source: dict[str, Any] = {
            "type": "image",
            "mode": "pull",
            "protocol": "lxd",
            "server": source_url(self.client),
            "fingerprint": fingerprint,
        }
        if self.api.project is not None:
            source["project"] = self.api.project  # image_source_project
        certificate = self.client.host_info.get("environment", {}).get("certificate")
        if certificate:
            source["certificate"] = certificate
        offered: PullOffer | None = None
        if not self._raw_attr("public"):
            offered = await offer(self.client, self.api.secret, {})
            source["secret"] = offered.secrets["secret"]
        body: dict[str, Any] = {
            "source": source,
            "public": self._raw_attr("public") if public is None else public,
            "auto_update": self._raw_attr("auto_update") if auto_update is None else auto_update,
        }
        late_alias = alias is not None and not new_client.has_api_extension("image_create_aliases")
        if alias is not None and not late_alias:
            body["aliases"] = [{"name": alias}]
        # A private image's secret is cancelled when the target fails; LXD ends its
        # operation once done with it, so it is never waited on.
        guard = pulling(self.client, offered, wait_source=False) if offered else nullcontext()
        async with guard:
            operation = response_operation(await new_client.api.images.post(json=body))
            if not wait:
                return Operation(new_client, id=Operation.extract_operation_id(operation or ""))
            if operation is not None:
                await new_client.operations.wait_for_operation(operation)
        copied = await new_client.images.get(fingerprint)
        if late_alias and alias is not None:
            await copied.add_alias(alias)
        return copied

    async def _push(self, new_client: Client, public: bool) -> Image:
        """Push mode: ``new_client``'s server hands out a one-time secret (a ``push``
        source), and this server sends the image there with it (``POST …/export``)."""
        fingerprint = self._raw_attr("fingerprint")
        body = push_request(fingerprint, public, self._raw_attr("properties"))
        awaiting = await offer(new_client, new_client.api.images, body)
        async with pulling(new_client, awaiting, wait_source=False):
            export = {
                "target": source_url(new_client),
                "secret": awaiting.secrets["secret"],
                "certificate": awaiting.certificate or "",
            }
            if new_client.api.images.project is not None:
                export["project"] = new_client.api.images.project
            operation = response_operation(await self.api.export.post(json=export))
            if operation is not None:
                await self.client.operations.wait_for_operation(operation)
        return await new_client.images.get(fingerprint)

    async def _relay(self, new_client: Client, public: bool) -> Image:
        """Relay mode: download the image's files here (temporary files, streamed) and
        upload them to ``new_client``'s server."""
        with tempfile.TemporaryFile() as first, tempfile.TemporaryFile() as rootfs:
            await self.export(first, rootfs=rootfs)
            split = rootfs.tell() > 0
            first.seek(0)
            rootfs.seek(0)
            return await new_client.images.create(
                rootfs if split else first,
                first if split else None,
                public=public,
                vm=self._raw_attr("type") == "virtual-machine",
                filename=self._raw_attr("filename") or None,
                properties=self._raw_attr("properties") or None,
            )
