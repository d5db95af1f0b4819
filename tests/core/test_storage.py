"""Storage rules without a server: volume keys (``_core/storage.py``)."""

from __future__ import annotations

from pylxd._core.storage import volume_key


def test_volume_key_takes_the_docs_pair_or_a_custom_name() -> None:
    assert volume_key("custom", "v1") == ("custom", "v1")
    assert volume_key("container", "c1") == ("container", "c1")
    assert volume_key("v1") == ("custom", "v1")
