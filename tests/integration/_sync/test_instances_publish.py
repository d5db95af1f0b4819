# Generated from tests/integration/_async/test_instances_publish.py by tools/unasync.py: do not edit, edit the source.
"""``publish()``: the image it returns, and the refusal of a running instance."""

from __future__ import annotations

import pytest

from pylxd.exceptions import OperationFailed

from ..conftest import unique_name
from .instance_helpers import (
    make_instance,
    write_file,
)


def test_publish_returns_the_image_and_refuses_a_running_one(
    instance_name, image_alias, published, client
) -> None:
    container = make_instance(client, instance_name, image_alias, start=True)
    # A file of its own: a bare busybox container publishes the same image (fingerprint)
    # as another run doing this at the same time on the shared daemon.
    write_file(container, "/root/run", unique_name())
    with pytest.raises(OperationFailed, match="(?i)running"):
        container.publish(wait=True)
    container.stop(wait=True)
    image = container.publish(wait=True)
    published.append(image.fingerprint)
    assert image.public is False and len(image.fingerprint) == 64
    assert image.properties.get("os") == container.config.get("image.os")

    container.start(wait=True)  # a change, or the same image comes out again
    write_file(container, "/root/changed", "yes")
    container.stop(wait=True)
    alias = unique_name("alias")
    public = container.publish(public=True, wait=True, aliases=[{"name": alias}])
    published.append(public.fingerprint)
    assert public.public is True and alias in [a["name"] for a in public.aliases]
