# Generated from pylxd/_async/images/manager.py by tools/unasync.py: do not edit, edit the source.
"""``client.images``: find, upload and download images (the model is
:mod:`pylxd._sync.images.image`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pylxd._sync.collection import Collection
from pylxd._sync.images.alias import ImageAliasManager
from pylxd._sync.images.image import Image
from pylxd._sync.images.transfer import push_request, upload_image
from pylxd._core.envelope import metadata_field, operation_metadata, response_operation
from pylxd._core.transfer import DataSource, Progress
from pylxd.exceptions import LXDAPIException, NotFound

if TYPE_CHECKING:
    from pylxd._sync.client import Client

__all__ = ["ImageManager"]


class ImageManager(Collection[Image]):
    """``client.images``: find, upload and download images; ``aliases`` manages aliases."""

    model = Image

    def __init__(self, client: Client) -> None:
        super().__init__(client)
        self.aliases = ImageAliasManager(client)

    def get(self, fingerprint: str, project: str | None = None) -> Image:
        """Fetch one image by fingerprint (a unique prefix works). Raises :class:`NotFound`."""
        return super().get(fingerprint, project=project)

    def exists(  # type: ignore[override]  # upstream's second argument is ``alias``
        self, fingerprint: str, alias: bool = False, project: str | None = None
    ) -> bool:
        """Whether an image with this fingerprint (or, with ``alias=True``, alias) exists."""
        node = self.aliases._in(project) if alias else self._in(project)
        try:
            node[fingerprint].get()
        except NotFound:
            return False
        return True

    def get_by_alias(self, alias: str, project: str | None = None) -> Image:
        """Fetch the image an alias points at. Raises :class:`NotFound` (LXD's message)."""
        response = self.aliases._in(project)[alias].get()
        target = metadata_field(response, "target", str)
        return self.get(target, project=project)

    def create(
        self,
        image_data: DataSource,
        metadata: DataSource | None = None,
        public: bool = False,
        wait: bool = True,
        vm: bool = False,
        *,
        filename: str | None = None,
        properties: dict[str, str] | None = None,
        progress: Progress | None = None,
        project: str | None = None,
        aliases: Sequence[str] = (),
        secret: str | None = None,
        fingerprint: str | None = None,
    ) -> Image:
        """Upload an image, streamed, and return it once LXD has indexed it.

        Args:
            image_data: a unified image tarball, or with ``metadata`` the rootfs (a tarball,
                or a disk image with ``vm=True``): bytes, a file path or a binary file.
            metadata: the metadata tarball of a split image (the same kinds).
            public: whether untrusted clients may download it.
            wait: accepted for compatibility; the upload is always waited for (the
                fingerprint is only known once LXD has read the image).
            filename: the name LXD records (default: the file's own name).
            properties: extra image properties (``os``, ``release``, …).
            progress: called with ``(done, total)`` bytes as the upload goes.
            project: the project to put it in (default: the client's).
            aliases: aliases to give it: in the upload itself where the server can (Incus'
                ``image_import_alias``), else one request each once it is there.
            secret, fingerprint: upload to a server that does not trust this client, with
                the one-time secret a trusted client got for it
                (:meth:`upload_secret`) and the image's fingerprint (the sha256 of its
                file, or of metadata then rootfs). Returns the image unfetched unless the
                server then trusts the client.

        Raises:
            OperationFailed: LXD refused the image (e.g. it exists already).
        """
        if isinstance(aliases, str):
            raise TypeError("aliases must be a list of names, not a string")
        if (secret is None) != (fingerprint is None):
            raise ValueError("an upload with a secret needs the image's fingerprint too")
        in_upload = self._client.has_api_extension("image_import_alias")
        response = upload_image(
            self._client,
            self._in(project),
            image_data,
            metadata,
            public=public,
            vm=vm,
            filename=filename,
            properties=properties,
            progress=progress,
            aliases=aliases if in_upload else (),
            secret=(secret, fingerprint) if secret and fingerprint else None,
        )
        if secret is not None and fingerprint is not None:
            operation = response_operation(response)
            if operation is not None:  # the upload's own secret lets a stranger wait on it
                waiting = (operation_metadata(response).get("metadata") or {}).get("secret")
                self._client.operations.wait_for_operation(operation, secret=waiting)
            if not self._client.trusted:
                return self.model(self._client, fingerprint=fingerprint)
            return self.get(fingerprint, project=project)
        image = self._image_of(response, project)
        if not in_upload:
            for alias in aliases:
                image.add_alias(alias)
        return image

    def upload_secret(
        self,
        fingerprint: str,
        public: bool = False,
        properties: dict[str, str] | None = None,
        project: str | None = None,
    ) -> str:
        """A one-time secret that lets a client this server does not trust upload the image
        ``fingerprint`` (``images.create(…, secret=, fingerprint=)``): LXD's ``push``
        image source. The copy is ``public`` or not and gets ``properties``."""
        body = push_request(fingerprint, public, properties)
        response = self._in(project).post(json=body)
        secret = (operation_metadata(response).get("metadata") or {}).get("secret")
        if not isinstance(secret, str):
            raise LXDAPIException(response, "LXD gave no secret for the upload")
        return secret

    def create_from_simplestreams(
        self,
        server: str,
        alias: str,
        public: bool = False,
        auto_update: bool = False,
        wait: bool = True,
        *,
        certificate: str | None = None,
        project: str | None = None,
    ) -> Image:
        """Have LXD download the image ``alias`` from a simplestreams server.

        ``certificate`` (PEM) is the server's, for one the system does not trust.
        ``wait`` is accepted (the docs pass it); the download is always waited for.
        """
        source: dict[str, Any] = {"protocol": "simplestreams", "server": server, "alias": alias}
        return self._pull(source, public, auto_update, certificate, project)

    def create_from_url(
        self,
        url: str,
        public: bool = False,
        auto_update: bool = False,
        wait: bool = True,
        *,
        certificate: str | None = None,
        project: str | None = None,
    ) -> Image:
        """Have LXD download an image from ``url`` (a server answering with the
        ``LXD-Image-URL`` and ``LXD-Image-Hash`` headers).

        ``wait`` is accepted (the docs pass it); the download is always waited for.
        """
        source: dict[str, Any] = {"type": "url", "url": url}
        return self._pull(source, public, auto_update, certificate, project)

    def _pull(
        self,
        source: dict[str, Any],
        public: bool,
        auto_update: bool,
        certificate: str | None,
        project: str | None,
    ) -> Image:
        source = {"type": "image", "mode": "pull", **source}
        if certificate is not None:
            source["certificate"] = certificate
        body = {"source": source, "public": public, "auto_update": auto_update}
        return self._image_of(self._in(project).post(json=body), project)

    def _image_of(self, response: Any, project: str | None) -> Image:
        """Wait for the operation that makes an image, then fetch the image."""
        operation = response_operation(response)
        if operation is None:
            raise ValueError("LXD did not start an operation for the image")
        finished = self._client.operations.wait_for_operation(operation)
        return self.get((finished.metadata or {})["fingerprint"], project=project)
