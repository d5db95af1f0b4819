"""Images for the tests, and an image server on loopback (HTTPS, self-signed) that LXD and
Incus really download from: a simplestreams tree and a direct-URL image.

Every image made here is unique (its metadata carries a random tag), so its fingerprint is
new: creating it never collides with the ``busybox`` image or with another run's images,
and deleting it afterwards touches nothing of anyone else.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import ssl
import subprocess
import tarfile
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

IMAGE_DIR = Path(os.environ.get("PYLXD_IMAGE_DIR", "/var/tmp/pylxd-dev/image"))
ROOTFS = IMAGE_DIR / "rootfs.tar.gz"


def sha256_of(*paths: Path) -> str:
    """The fingerprint LXD gives an image made of these files (in order)."""
    digest = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def _metadata_yaml(tag: str) -> bytes:
    return (IMAGE_DIR / "meta" / "metadata.yaml").read_bytes() + f"\n# pylxd test {tag}\n".encode()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def split_image(directory: Path, tag: str | None = None) -> tuple[Path, Path, str]:
    """``(metadata, rootfs, fingerprint)``: a unique metadata tarball, the busybox rootfs."""
    tag = tag or uuid.uuid4().hex
    meta = directory / f"meta-{tag}.tar.gz"
    with tarfile.open(meta, "w:gz") as tar:
        _add_bytes(tar, "metadata.yaml", _metadata_yaml(tag))
    return meta, ROOTFS, sha256_of(meta, ROOTFS)


def unified_image(directory: Path, tag: str | None = None) -> tuple[Path, str]:
    """``(tarball, fingerprint)``: a unique unified image (metadata.yaml + rootfs/)."""
    tag = tag or uuid.uuid4().hex
    path = directory / f"unified-{tag}.tar.gz"
    with tarfile.open(path, "w:gz", compresslevel=1) as out, tarfile.open(ROOTFS) as rootfs:
        _add_bytes(out, "metadata.yaml", _metadata_yaml(tag))
        for member in rootfs:
            relative = member.name.removeprefix("./").rstrip("/")
            member.name = f"rootfs/{relative}" if relative else "rootfs"
            if member.islnk():
                member.linkname = f"rootfs/{member.linkname.removeprefix('./')}"
            out.addfile(member, rootfs.extractfile(member) if member.isfile() else None)
    return path, sha256_of(path)


def _server_certificate(directory: Path, host: str) -> tuple[Path, Path]:
    """A self-signed certificate for ``host`` (Go wants the name in subjectAltName)."""
    crt, key = directory / "image-server.crt", directory / "image-server.key"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
            "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=pylxd-test-image-server",
            "-addext", f"subjectAltName=IP:{host}",
            "-keyout", str(key), "-out", str(crt),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return crt, key


def _simplestreams_arch() -> str:
    machine = platform.machine()
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(machine, machine)


@dataclass
class ImageServer:
    """What the server serves.

    Attributes:
        url: the simplestreams server (LXD's ``server`` with ``protocol: simplestreams``).
        certificate: the server's PEM certificate (an image source's ``certificate``).
        plain_url: the same tree over plain HTTP.
        aliases: simplestreams alias → fingerprint of the image behind it.
        image_url: a direct-URL image source (``LXD-Image-URL``/``LXD-Image-Hash``), over
            plain HTTP: LXD checks that server against the system's CAs only.
        image_url_fingerprint: the fingerprint of the image behind ``image_url``.
    """

    url: str
    certificate: str
    plain_url: str
    aliases: dict[str, str] = field(default_factory=dict)
    image_url: str = ""
    image_url_fingerprint: str = ""
    requests: list[str] = field(default_factory=list)
    _servers: list[ThreadingHTTPServer] = field(default_factory=list)

    def close(self) -> None:
        """Stop serving."""
        for server in self._servers:
            server.shutdown()
            server.server_close()


def _handler(files: dict[str, Path], headers: dict[str, dict[str, str]], log: list[str]) -> type:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self._answer(body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(body=False)

        def _answer(self, body: bool) -> None:
            path = self.path.split("?", 1)[0]
            log.append(path)
            if path in headers:
                self.send_response(200)
                for key, value in headers[path].items():
                    self.send_header(key, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            file = files.get(path)
            if file is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(file.stat().st_size))
            self.end_headers()
            if body:
                with open(file, "rb") as f:
                    while chunk := f.read(1 << 16):
                        self.wfile.write(chunk)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def serve_images(directory: Path, host: str = "127.0.0.1") -> ImageServer:
    """Start the image server on ``host`` (free ports) in threads, with two simplestreams
    images (one for image tests, one for instance tests) and one direct-URL image."""
    crt, key = _server_certificate(directory, host)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(crt, key)
    files: dict[str, Path] = {}
    headers: dict[str, dict[str, str]] = {}
    log: list[str] = []
    handler = _handler(files, headers, log)
    httpd = ThreadingHTTPServer((host, 0), handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    # LXD fetches a direct-URL image with the system's CAs only: that one is plain HTTP.
    plain = ThreadingHTTPServer((host, 0), handler)
    for each in (httpd, plain):
        each.daemon_threads = True
        threading.Thread(target=each.serve_forever, daemon=True).start()
    # A fresh prefix per run: LXD caches a simplestreams index by its URL.
    prefix = f"/{uuid.uuid4().hex[:12]}"
    base = f"https://{host}:{httpd.server_address[1]}"
    plain_base = f"http://{host}:{plain.server_address[1]}"
    server = ImageServer(
        url=base + prefix,
        certificate=crt.read_text(),
        plain_url=plain_base + prefix,
        requests=log,
        _servers=[httpd, plain],
    )

    products = {}
    arch = _simplestreams_arch()
    for purpose in ("image", "instance"):
        meta, rootfs, fingerprint = split_image(directory)
        alias = f"pylxd-{purpose}-{uuid.uuid4().hex[:8]}"
        server.aliases[alias] = fingerprint
        files[f"{prefix}/images/{meta.name}"] = meta
        files[f"{prefix}/images/{purpose}-rootfs.tar.gz"] = rootfs
        products[f"pylxd:{alias}:{arch}:default"] = {
            "aliases": alias,
            "arch": arch,
            "os": "busybox",
            "release": alias,
            "release_title": alias,
            "variant": "default",
            "versions": {
                "20261127_00:00": {
                    "items": {
                        # LXD reads the metadata as "lxd.tar.xz", Incus as "incus.tar.xz".
                        **{
                            ftype: {
                                "ftype": ftype,
                                "path": f"images/{meta.name}",
                                "sha256": sha256_of(meta),
                                "size": meta.stat().st_size,
                                "combined_sha256": fingerprint,
                                "combined_rootxz_sha256": fingerprint,
                            }
                            for ftype in ("lxd.tar.xz", "incus.tar.xz")
                        },
                        "root.tar.xz": {
                            "ftype": "root.tar.xz",
                            "path": f"images/{purpose}-rootfs.tar.gz",
                            "sha256": sha256_of(rootfs),
                            "size": rootfs.stat().st_size,
                        },
                    }
                }
            },
        }
    streams = directory / "streams"
    streams.mkdir(exist_ok=True)
    (streams / "images.json").write_text(
        json.dumps(
            {
                "content_id": "images",
                "datatype": "image-downloads",
                "format": "products:1.0",
                "products": products,
            }
        )
    )
    (streams / "index.json").write_text(
        json.dumps(
            {
                "format": "index:1.0",
                "index": {
                    "images": {
                        "datatype": "image-downloads",
                        "path": "streams/v1/images.json",
                        "format": "products:1.0",
                        "products": sorted(products),
                    }
                },
            }
        )
    )
    files[f"{prefix}/streams/v1/index.json"] = streams / "index.json"
    files[f"{prefix}/streams/v1/images.json"] = streams / "images.json"

    unified, fingerprint = unified_image(directory)
    files[f"{prefix}/files/{unified.name}"] = unified
    location = f"{plain_base}{prefix}/files/{unified.name}"
    headers[f"{prefix}/direct"] = {  # Incus reads its own names
        **{f"{server}-Image-URL": location for server in ("LXD", "Incus")},
        **{f"{server}-Image-Hash": fingerprint for server in ("LXD", "Incus")},
    }
    server.image_url = f"{plain_base}{prefix}/direct"
    server.image_url_fingerprint = fingerprint
    return server
