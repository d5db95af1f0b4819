"""Images on the real daemons: upload (unified, split; bytes, path, file), export, edit,
aliases, downloads from the loopback image server, copy to the second LXD."""

from __future__ import annotations

import io
import os
import tarfile
import threading

import pytest

from pylxd.aio import Client
from pylxd.aio.models import Image, ImageAlias, Operation
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


async def test_create_unified_image_as_the_docs_show(tmp_path, made_images) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    async with Client() as client:
        with open(path, "rb") as f:  # the docs' example, with the file closed
            image_data = f.read()
        image = await client.images.create(image_data, public=True, wait=True)
        assert image.fingerprint == fingerprint
        assert image.public is True and image.size == len(image_data)
        assert isinstance(image, Image) and image.architecture
        assert image.properties["os"] == "busybox"


async def test_create_from_a_path_and_a_file_object_with_progress(tmp_path, made_images) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    size = path.stat().st_size
    async with Client() as client:
        seen: list[tuple[int, int | None]] = []
        image = await client.images.create(
            str(path), properties={"user.note": "a b&c"}, progress=lambda d, t: seen.append((d, t))
        )
        assert image.fingerprint == fingerprint and not image.public
        assert image.filename == path.name
        assert image.properties["user.note"] == "a b&c"
        assert seen[-1] == (size, size)
        assert [d for d, _ in seen] == sorted(d for d, _ in seen)
        await image.delete(wait=True)
        assert not await client.images.exists(fingerprint)

        with open(path, "rb") as f:
            image = await Image.create(client, f, public=True)
            assert not f.closed  # the caller's file stays the caller's
        assert image.fingerprint == fingerprint and image.public


async def test_create_from_a_pipe_of_unknown_size(tmp_path, made_images) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    read_end, write_end = os.pipe()

    def feed() -> None:
        with open(write_end, "wb") as out:
            out.write(path.read_bytes())

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        async with Client() as client:
            seen: list[tuple[int, int | None]] = []
            with open(read_end, "rb") as pipe:  # not seekable: sent chunked
                image = await client.images.create(pipe, progress=lambda d, t: seen.append((d, t)))
            assert image.fingerprint == fingerprint
            assert seen[-1] == (path.stat().st_size, None)
    finally:
        writer.join()


async def test_split_image_upload_and_export_both_parts(tmp_path, made_images) -> None:
    meta, rootfs, fingerprint = split_image(tmp_path)
    made_images.append(fingerprint)
    async with Client() as client:
        image = await client.images.create(rootfs.read_bytes(), metadata=str(meta))
        assert image.fingerprint == fingerprint

        meta_out, rootfs_out = tmp_path / "meta.out", io.BytesIO()
        seen: list[tuple[int, int | None]] = []
        await image.export(
            str(meta_out), rootfs=rootfs_out, progress=lambda d, t: seen.append((d, t))
        )
        assert meta_out.read_bytes() == meta.read_bytes()
        assert rootfs_out.getvalue() == rootfs.read_bytes()
        # LXD sends a split image chunked: the total is unknown, the count still goes up.
        assert seen and seen[-1][1] in (None, seen[-1][0])

        # No target: upstream's temporary file, holding LXD's multipart body as sent.
        with await image.export() as raw:
            body = raw.read()
        assert body.startswith(b"--") and rootfs.read_bytes() in body

        with pytest.raises(ValueError, match="rootfs="):
            await image.export(io.BytesIO())


async def test_export_unified_image_to_a_file(tmp_path, made_images) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    async with Client() as client:
        image = await client.images.create(path)
        out = tmp_path / "exported.tar.gz"
        with open(out, "wb") as f:
            assert await image.export(f) is None
        assert out.read_bytes() == path.read_bytes()
        with await image.export() as exported:
            assert exported.read() == path.read_bytes()
        with await image.export() as exported, tarfile.open(fileobj=exported) as tar:
            assert "metadata.yaml" in tar.getnames()


async def test_get_all_exists_and_aliases_find_images(tmp_path, made_images) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    alias = unique_name("alias")
    async with Client() as client:
        await client.images.create(path)
        image = await client.images.get(fingerprint)
        assert image.fingerprint == fingerprint and not image.dirty
        assert (await client.images.get(fingerprint[:16])).fingerprint == fingerprint
        assert (await Image.get(client, fingerprint)) == image
        listed = {i.fingerprint: i for i in await client.images.all()}
        assert listed[fingerprint] == image and listed[fingerprint].size == image.size
        assert fingerprint in {i.fingerprint for i in await Image.all(client)}
        assert await client.images.exists(fingerprint)
        assert await Image.exists(client, fingerprint)
        assert not await client.images.exists(alias, alias=True)

        await image.add_alias(alias, "first alias")
        assert {"name": alias, "description": "first alias"} in image.aliases
        assert await client.images.exists(alias, alias=True)
        assert await Image.exists(client, alias, alias=True)
        assert (await client.images.get_by_alias(alias)) == image
        assert (await Image.get_by_alias(client, alias)).fingerprint == fingerprint
        assert alias in {a["name"] for a in (await client.images.get(fingerprint)).aliases}

        await image.delete_alias(alias)
        assert alias not in {a["name"] for a in image.aliases}
        assert not await client.images.exists(alias, alias=True)


async def test_edit_by_assignment_by_item_and_save(tmp_path, made_images) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    async with Client() as client:
        image = await client.images.create(path)
        assert image.public is False
        image.public = True  # the docs' example
        assert image.dirty
        await image.save()
        assert not image.dirty
        assert (await client.images.get(fingerprint)).public is True

        image.properties["user.color"] = "blue"  # in place
        image.auto_update = True
        assert image.dirty
        await image.save(wait=True)
        fresh = await client.images.get(fingerprint)
        assert fresh.properties["user.color"] == "blue" and fresh.auto_update is True
        assert fresh.profiles == ["default"]  # fields save() does not send are kept

        fresh.properties["user.color"] = "red"
        await fresh.rollback()
        assert fresh.properties["user.color"] == "blue" and not fresh.dirty

        await fresh.delete(wait=True)
        with pytest.raises(NotFound):
            await image.sync()


async def test_alias_manager(tmp_path, made_images) -> None:
    (path_a, fp_a), (path_b, fp_b) = unified_image(tmp_path), unified_image(tmp_path)
    made_images.extend([fp_a, fp_b])
    name, renamed, other = unique_name("alias"), unique_name("alias"), unique_name("alias")
    async with Client() as client:
        await client.images.create(path_a)
        await client.images.create(path_b)
        aliases = client.images.aliases
        made = await aliases.create(name, fp_a, description="to a")
        assert isinstance(made, ImageAlias)
        assert (made.name, made.target, made.description) == (name, fp_a, "to a")
        assert (await aliases.get(name)) == made
        assert name in {a.name for a in await aliases.all()}
        assert await aliases.exists(name)

        updated = await aliases.update(name, target=fp_b, description="to b")
        assert (updated.target, updated.description) == (fp_b, "to b")
        assert (await client.images.get_by_alias(name)).fingerprint == fp_b

        moved = await aliases.rename(name, renamed)
        assert moved.name == renamed and not await aliases.exists(name)

        moved.description = "by assignment"
        moved.target = fp_a
        await moved.save()
        again = await aliases.get(renamed)
        assert (again.description, again.target) == ("by assignment", fp_a)
        await again.rename(other)
        assert again.name == other and await aliases.exists(other)
        await again.delete()
        assert not await aliases.exists(other)

        await aliases.create(name, fp_a)
        with pytest.raises(Conflict, match="already exists"):
            await aliases.create(name, fp_b)
        await aliases.delete(name)
        with pytest.raises(NotFound, match="not found"):
            await aliases.delete(name)


async def test_bad_input_is_answered_with_lxds_message(tmp_path, made_images) -> None:
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    missing = "0" * 64
    async with Client() as client:
        with pytest.raises(NotFound, match="[Ii]mage.*not found") as err:
            await client.images.get(missing)
        assert err.value.response is not None
        with pytest.raises(NotFound, match="Image alias not found"):
            await client.images.get_by_alias(unique_name("missing"))
        with pytest.raises(NotFound, match="not found"):
            await client.images.aliases.get(unique_name("missing"))
        assert not await client.images.exists(missing)

        with pytest.raises(OperationFailed) as failed:
            await client.images.create(b"this is not an image")
        assert str(failed.value)  # LXD's own words
        await client.images.create(path)
        with pytest.raises(LXDAPIException, match="already exists"):
            await client.images.create(path)
        with pytest.raises(LXDAPIException):
            await client.images.aliases.create(unique_name("alias"), missing)
        with pytest.raises(FileNotFoundError):
            await client.images.create(str(tmp_path / "no-such-file"))
        with pytest.raises(TypeError, match="bytes, a path or a binary file"):
            await client.images.create(12345)  # type: ignore[arg-type]


async def test_create_from_simplestreams_then_refresh(image_server, made_images) -> None:
    alias = next(a for a in image_server.aliases if a.startswith("pylxd-image"))
    fingerprint = image_server.aliases[alias]
    made_images.append(fingerprint)
    async with Client() as client:
        image = await client.images.create_from_simplestreams(
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
        assert await image.refresh() is False  # the server has nothing newer
        await image.delete(wait=True)

        image = await Image.create_from_simplestreams(
            client, image_server.url, alias, public=True, certificate=image_server.certificate
        )
        assert image.fingerprint == fingerprint and image.public is True

        with pytest.raises(OperationFailed):
            await client.images.create_from_simplestreams(
                image_server.url, unique_name("missing"), certificate=image_server.certificate
            )


async def test_create_from_url(image_server, made_images) -> None:
    made_images.append(image_server.image_url_fingerprint)
    async with Client() as client:
        image = await client.images.create_from_url(image_server.image_url, wait=True)
        assert image.fingerprint == image_server.image_url_fingerprint
        assert image.properties["os"] == "busybox"
        await image.delete(wait=True)
        image = await Image.create_from_url(client, image_server.image_url, public=True)
        assert image.public is True


async def test_instance_from_a_simplestreams_source(
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
    async with Client() as client:
        instance = await client.instances.create(config, wait=True)
        assert instance.config["volatile.base_image"] == image_server.aliases[alias]
        cached = await client.images.get(image_server.aliases[alias])
        assert cached.cached is True


async def test_copy_to_the_second_lxd(tmp_path, made_images, admin, second_admin) -> None:
    if admin.is_incus:
        pytest.skip("the second server is an LXD: copies are tested from the LXD pass only")
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    alias = unique_name("copy")
    async with Client() as client, Client(endpoint=SECOND_SOCKET) as second:
        try:
            image = await client.images.create(path)  # private: copied with a secret
            copied = await image.copy(second, wait=True, alias=alias)
            assert isinstance(copied, Image) and copied.client is second
            assert copied.fingerprint == fingerprint and copied.public is False
            assert (await second.images.get_by_alias(alias)).fingerprint == fingerprint
            await copied.delete(wait=True)

            operation = await image.copy(second, public=True, auto_update=False)
            assert isinstance(operation, Operation)
            await operation.wait()
            assert (await second.images.get(fingerprint)).public is True
        finally:
            if await second.images.exists(fingerprint):
                await (await second.images.get(fingerprint)).delete(wait=True)


async def test_copy_from_an_https_client(
    tmp_path, made_images, admin, second_admin, https_url, client_cert, trust_token
) -> None:
    if admin.is_incus:
        pytest.skip("the second server is an LXD: copies are tested from the LXD pass only")
    path, fingerprint = unified_image(tmp_path)
    made_images.append(fingerprint)
    async with (
        Client(endpoint=https_url, cert=client_cert, verify=False) as source,
        Client(endpoint=SECOND_SOCKET) as second,
    ):
        await source.authenticate(trust_token)
        try:
            image = await source.images.create(path, public=True)
            copied = await image.copy(second, wait=True)
            assert copied.fingerprint == fingerprint and copied.public is True
        finally:
            if await second.images.exists(fingerprint):
                await (await second.images.get(fingerprint)).delete(wait=True)


async def test_images_in_a_project(tmp_path, admin) -> None:
    project = unique_name("improj")
    admin.projects.create(project, config={"features.images": "true"})
    path, fingerprint = unified_image(tmp_path)
    try:
        async with Client() as client, Client(project=project) as bound:
            image = await client.images.create(path, project=project)
            assert image.fingerprint == fingerprint
            assert not await client.images.exists(fingerprint)  # not in the default project
            assert await client.images.exists(fingerprint, project=project)
            assert (await bound.images.get(fingerprint)) == image
            assert fingerprint in {i.fingerprint for i in await bound.images.all()}

            await image.add_alias(unique_name("alias"))
            image.public = True
            await image.save()  # goes back to its project
            assert (await client.images.get(fingerprint, project=project)).public is True

            if client.has_api_extension("images_all_projects"):
                listed = await client.images.all(all_projects=True)
                assert project in {i.project for i in listed if i.fingerprint == fingerprint}
            else:
                with pytest.raises(LXDAPIExtensionNotAvailable):
                    await client.images.all(all_projects=True)
            await image.delete(wait=True)
            assert not await bound.images.exists(fingerprint)
    finally:
        if admin.images.exists(fingerprint, project=project):
            admin.images.get(fingerprint, project=project).delete(wait=True)
        admin.projects.get(project).delete()
