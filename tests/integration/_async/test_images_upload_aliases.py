"""``images.create(..., aliases=[...])``: on Incus (``image_import_alias``) the aliases go
with the upload, one request; on LXD 5.0.2 each is made once the image is there."""

from __future__ import annotations

import logging

import pytest

from pylxd.aio import Client
from pylxd.exceptions import LXDAPIException

from ..conftest import unique_name
from ..image_server import split_image, unified_image

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("split", [False, True])
async def test_upload_with_aliases(split, tmp_path, made_images, caplog) -> None:
    if split:
        metadata, rootfs, fingerprint = split_image(tmp_path)
    else:
        rootfs, fingerprint = unified_image(tmp_path)
        metadata = None
    made_images.append(fingerprint)
    names = [unique_name("al"), unique_name("al")]
    async with Client() as client:
        with caplog.at_level(logging.DEBUG, logger="pylxd.http"):
            image = await client.images.create(rootfs, metadata, aliases=names)
        assert sorted(a["name"] for a in image.aliases) == sorted(names)
        for name in names:
            assert (await client.images.get_by_alias(name)).fingerprint == fingerprint
        alias_posts = [r for r in caplog.records if "POST /1.0/images/aliases" in r.getMessage()]
        expected = 0 if client.has_api_extension("image_import_alias") else len(names)
        assert len(alias_posts) == expected

        taken = unique_name("al")
        other, other_fingerprint = unified_image(tmp_path)
        made_images.append(other_fingerprint)
        with pytest.raises(TypeError, match="list of names"):
            await client.images.create(other, aliases=taken)  # type: ignore[arg-type]
        with pytest.raises(LXDAPIException, match="(?i)already exists"):
            await client.images.create(other, aliases=[names[0]])
