# Generated from tests/integration/_async/test_images.py by tools/unasync.py: do not edit, edit the source.
"""Images on the real daemons: upload (unified, split; bytes, path, file), export, edit,
aliases, downloads from the loopback image server, copy to the second LXD."""

from __future__ import annotations

import io
import os
import tarfile
import threading

import pytest

from pylxd import Client
from pylxd.models import Image, ImageAlias, Operation
from pylxd.exceptions import (
    Conflict,
    LXDAPIException,
    LXDAPIExtensionNotAvailable,
    NotFound,
    OperationFailed,
)
from tests.integration.conftest import SECOND_SOCKET, unique_name
from tests.integration.image_server import split_image, unified_image

pytestmark = pytest.mark.integration


def test_create_unified_image_as_the_docs_show(tmp_path, made_images) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    with Client() as client:
        with open(path, "rb") as f:  # the docs' example, with the file closed
            image_data = f.read()
        image = client.images.create(image_data, public=True, wait=True)
        assert image.fingerprint == fingerprint
        assert image.public is True and image.size == len(image_data)
        assert isinstance(image, Image) and image.architecture
        assert image.properties["os"] == "busybox"


def test_create_from_a_path_and_a_file_object_with_progress(tmp_path, made_images) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    size = path.stat().st_size
    with Client() as client:
        seen: list[tuple[int, int | None]] = []
        image = client.images.create(
            str(path), properties={"user.note": "a b&c"}, progress=lambda d, t: seen.append((d, t))
        )
        assert image.fingerprint == fingerprint and not image.public
        assert image.filename == path.name
        assert image.properties["user.note"] == "a b&c"
        assert seen[-1] == (size, size)
        assert [d for d, _ in seen] == sorted(d for d, _ in seen)
        image.delete(wait=True)
        assert not client.images.exists(fingerprint)

        with open(path, "rb") as f:
            image = Image.create(client, f, public=True)
            assert not f.closed  # the caller's file stays the caller's
        assert image.fingerprint == fingerprint and image.public


def test_create_from_a_pipe_of_unknown_size(tmp_path, made_images) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    read_end, write_end = os.pipe()

    def feed() -> None:
        with open(write_end, "wb") as out:
            out.write(path.read_bytes())

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        with Client() as client:
            seen: list[tuple[int, int | None]] = []
            with open(read_end, "rb") as pipe:  # not seekable: sent chunked
                image = client.images.create(pipe, progress=lambda d, t: seen.append((d, t)))
            assert image.fingerprint == fingerprint
            assert seen[-1] == (path.stat().st_size, None)
    finally:
        writer.join()


def test_split_image_upload_and_export_both_parts(tmp_path, made_images) -> None:
    meta, rootfs, fingerprint = split_image(tmp_path)
    made_images.append(fingerprint)
    with Client() as client:
        image = client.images.create(rootfs.read_bytes(), metadata=str(meta))
        assert image.fingerprint == fingerprint

        meta_out, rootfs_out = tmp_path / "meta.out", io.BytesIO()
        seen: list[tuple[int, int | None]] = []
        image.export(
            str(meta_out), rootfs=rootfs_out, progress=lambda d, t: seen.append((d, t))
        )
        assert meta_out.read_bytes() == meta.read_bytes()
        assert rootfs_out.getvalue() == rootfs.read_bytes()
        # LXD sends a split image chunked: the total is unknown, the count still goes up.
        assert seen and seen[-1][1] in (None, seen[-1][0])

        # No target: upstream's temporary file, holding LXD's multipart body as sent.
        with image.export() as raw:
            body = raw.read()
        assert body.startswith(b"--") and rootfs.read_bytes() in body

        with pytest.raises(ValueError, match="rootfs="):
            image.export(io.BytesIO())


def test_export_unified_image_to_a_file(tmp_path, made_images) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    with Client() as client:
        image = client.images.create(path)
        out = tmp_path / "exported.tar.gz"
        with open(out, "wb") as f:
            assert image.export(f) is None
        assert out.read_bytes() == path.read_bytes()
        with image.export() as exported:
            assert exported.read() == path.read_bytes()
        with image.export() as exported, tarfile.open(fileobj=exported) as tar:
            assert "metadata.yaml" in tar.getnames()


def test_get_all_exists_and_aliases_find_images(tmp_path, made_images) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    alias = unique_name("alias")
    with Client() as client:
        client.images.create(path)
        image = client.images.get(fingerprint)
        assert image.fingerprint == fingerprint and not image.dirty
        assert (client.images.get(fingerprint[:16])).fingerprint == fingerprint
        assert (Image.get(client, fingerprint)) == image
        listed = {i.fingerprint: i for i in client.images.all()}
        assert listed[fingerprint] == image and listed[fingerprint].size == image.size
        assert fingerprint in {i.fingerprint for i in Image.all(client)}
        assert client.images.exists(fingerprint)
        assert Image.exists(client, fingerprint)
        assert not client.images.exists(alias, alias=True)

        image.add_alias(alias, "first alias")
        assert {"name": alias, "description": "first alias"} in image.aliases
        assert client.images.exists(alias, alias=True)
        assert Image.exists(client, alias, alias=True)
        assert (client.images.get_by_alias(alias)) == image
        assert (Image.get_by_alias(client, alias)).fingerprint == fingerprint
        assert alias in {a["name"] for a in (client.images.get(fingerprint)).aliases}

        image.delete_alias(alias)
        assert alias not in {a["name"] for a in image.aliases}
        assert not client.images.exists(alias, alias=True)


def test_edit_by_assignment_by_item_and_save(tmp_path, made_images) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    with Client() as client:
        image = client.images.create(path)
        assert image.public is False
        image.public = True  # the docs' example
        assert image.dirty
        image.save()
        assert not image.dirty
        assert (client.images.get(fingerprint)).public is True

        image.properties["user.color"] = "blue"  # in place
        image.auto_update = True
        assert image.dirty
        image.save(wait=True)
        fresh = client.images.get(fingerprint)
        assert fresh.properties["user.color"] == "blue" and fresh.auto_update is True
        assert fresh.profiles == ["default"]  # fields save() does not send are kept

        fresh.properties["user.color"] = "red"
        fresh.rollback()
        assert fresh.properties["user.color"] == "blue" and not fresh.dirty

        fresh.delete(wait=True)
        with pytest.raises(NotFound):
            image.sync()


def test_alias_manager(tmp_path, made_images) -> None:
    (path_a, fp_a), (path_b, fp_b) = unified_image(tmp_path), unified_image(tmp_path)
    made_images.extend([fp_a, fp_b])
    name, renamed, other = unique_name("alias"), unique_name("alias"), unique_name("alias")
    with Client() as client:
        client.images.create(path_a)
        client.images.create(path_b)
        aliases = client.images.aliases
        made = aliases.create(name, fp_a, description="to a")
        assert isinstance(made, ImageAlias)
        assert (made.name, made.target, made.description) == (name, fp_a, "to a")
        assert (aliases.get(name)) == made
        assert name in {a.name for a in aliases.all()}
        assert aliases.exists(name)

        updated = aliases.update(name, target=fp_b, description="to b")
        assert (updated.target, updated.description) == (fp_b, "to b")
        assert (client.images.get_by_alias(name)).fingerprint == fp_b

        moved = aliases.rename(name, renamed)
        assert moved.name == renamed and not aliases.exists(name)

        moved.description = "by assignment"
        moved.target = fp_a
        moved.save()
        again = aliases.get(renamed)
        assert (again.description, again.target) == ("by assignment", fp_a)
        again.rename(other)
        assert again.name == other and aliases.exists(other)
        again.delete()
        assert not aliases.exists(other)

        aliases.create(name, fp_a)
        with pytest.raises(Conflict, match="already exists"):
            aliases.create(name, fp_b)
        aliases.delete(name)
        with pytest.raises(NotFound, match="not found"):
            aliases.delete(name)


def test_bad_input_is_answered_with_lxds_message(tmp_path, made_images) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    missing = "0" * 64
    with Client() as client:
        with pytest.raises(NotFound, match="[Ii]mage.*not found") as err:
            client.images.get(missing)
        assert err.value.response is not None
        with pytest.raises(NotFound, match="Image alias not found"):
            client.images.get_by_alias(unique_name("missing"))
        with pytest.raises(NotFound, match="not found"):
            client.images.aliases.get(unique_name("missing"))
        assert not client.images.exists(missing)

        with pytest.raises(OperationFailed) as failed:
            client.images.create(b"this is not an image")
        assert str(failed.value)  # LXD's own words
        client.images.create(path)
        with pytest.raises(LXDAPIException, match="already exists"):
            client.images.create(path)
        with pytest.raises(LXDAPIException):
            client.images.aliases.create(unique_name("alias"), missing)
        with pytest.raises(FileNotFoundError):
            client.images.create(str(tmp_path / "no-such-file"))
        with pytest.raises(TypeError, match="bytes, a path or a binary file"):
            client.images.create(12345)  # type: ignore[arg-type]


def test_create_from_simplestreams_then_refresh(image_server, made_images) -> None:
    alias = next(a for a in image_server.aliases if a.startswith("pylxd-image"))
    fingerprint = image_server.aliases[alias]
    made_images.append(fingerprint)
    with Client() as client:
        image = client.images.create_from_simplestreams(
            image_server.url,
            alias,
            auto_update=True,
            wait=True,
            certificate=image_server.certificate,
        )
        assert image.fingerprint == fingerprint
        assert image.auto_update is True and image.public is False
        assert image.update_source["server"] == image_server.url
        assert image.update_source["alias"] == alias
        assert image.refresh() is False  # the server has nothing newer
        image.delete(wait=True)

        image = Image.create_from_simplestreams(
            client, image_server.url, alias, public=True, certificate=image_server.certificate
        )
        assert image.fingerprint == fingerprint and image.public is True

        with pytest.raises(OperationFailed):
            client.images.create_from_simplestreams(
                image_server.url, unique_name("missing"), certificate=image_server.certificate
            )


def test_create_from_url(image_server, made_images) -> None:
    made_images.append(image_server.image_url_fingerprint)
    with Client() as client:
        image = client.images.create_from_url(image_server.image_url, wait=True)
        assert image.fingerprint == image_server.image_url_fingerprint
        assert image.properties["os"] == "busybox"
        image.delete(wait=True)
        image = Image.create_from_url(client, image_server.image_url, public=True)
        assert image.public is True


def test_instance_from_a_simplestreams_source(
    image_server, instance_name, made_images
) -> None:
    alias = next(a for a in image_server.aliases if a.startswith("pylxd-instance"))
    made_images.append(image_server.aliases[alias])
    config = {
        "name": instance_name,
        "source": {
            "type": "image",
            "mode": "pull",
            "server": image_server.url,
            "protocol": "simplestreams",
            "alias": alias,
            "certificate": image_server.certificate,
        },
    }
    with Client() as client:
        instance = client.instances.create(config, wait=True)
        assert instance.config["volatile.base_image"] == image_server.aliases[alias]
        cached = client.images.get(image_server.aliases[alias])
        assert cached.cached is True


def test_copy_to_the_second_lxd(tmp_path, made_images, admin, second_admin) -> None:
    if admin.is_incus:
        pytest.skip("the second server is an LXD: copies are tested from the LXD pass only")
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    alias = unique_name("copy")
    with Client() as client, Client(endpoint=SECOND_SOCKET) as second:
        try:
            image = client.images.create(path)  # private: copied with a secret
            copied = image.copy(second, wait=True, alias=alias)
            assert isinstance(copied, Image) and copied.client is second
            assert copied.fingerprint == fingerprint and copied.public is False
            assert (second.images.get_by_alias(alias)).fingerprint == fingerprint
            copied.delete(wait=True)

            operation = image.copy(second, public=True, auto_update=False)
            assert isinstance(operation, Operation)
            operation.wait()
            assert (second.images.get(fingerprint)).public is True
        finally:
            if second.images.exists(fingerprint):
                (second.images.get(fingerprint)).delete(wait=True)


def test_copy_from_an_https_client(
    tmp_path, made_images, admin, second_admin, https_url, client_cert, trust_token
) -> None:
    if admin.is_incus:
        pytest.skip("the second server is an LXD: copies are tested from the LXD pass only")
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    with (
        Client(endpoint=https_url, cert=client_cert, verify=False) as source,
        Client(endpoint=SECOND_SOCKET) as second,
    ):
        source.authenticate(trust_token)
        try:
            image = source.images.create(path, public=True)
            copied = image.copy(second, wait=True)
            assert copied.fingerprint == fingerprint and copied.public is True
        finally:
            if second.images.exists(fingerprint):
                (second.images.get(fingerprint)).delete(wait=True)


def test_images_in_a_project(tmp_path, admin) -> None:
    project = unique_name("improj")
    admin.projects.create(project, config={"features.images": "true"})
    path, fingerprint = unified_image(tmp_path)
    try:
        with Client() as client, Client(project=project) as bound:
            image = client.images.create(path, project=project)
            assert image.fingerprint == fingerprint
            assert not client.images.exists(fingerprint)  # not in the default project
            assert client.images.exists(fingerprint, project=project)
            assert (bound.images.get(fingerprint)) == image
            assert fingerprint in {i.fingerprint for i in bound.images.all()}

            image.add_alias(unique_name("alias"))
            image.public = True
            image.save()  # goes back to its project
            assert (client.images.get(fingerprint, project=project)).public is True

            if client.has_api_extension("images_all_projects"):
                listed = client.images.all(all_projects=True)
                assert project in {i.project for i in listed if i.fingerprint == fingerprint}
            else:
                with pytest.raises(LXDAPIExtensionNotAvailable):
                    client.images.all(all_projects=True)
            image.delete(wait=True)
            assert not bound.images.exists(fingerprint)
    finally:
        if admin.images.exists(fingerprint, project=project):
            admin.images.get(fingerprint, project=project).delete(wait=True)
        admin.projects.get(project).delete()
