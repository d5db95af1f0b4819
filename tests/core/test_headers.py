"""Headers whose prefix is the server's (``_core/headers.py``)."""

from __future__ import annotations

from pylxd._core.headers import import_headers, lxd_header


def test_lxd_and_incus_prefixes() -> None:
    assert lxd_header(False, "name") == "X-LXD-name"
    assert lxd_header(True, "name") == "X-Incus-name"


def test_backup_import_headers() -> None:
    assert import_headers(False, "n", "p") == {
        "Content-Type": "application/octet-stream",
        "X-LXD-name": "n",
        "X-LXD-pool": "p",
    }
    assert import_headers(True, "n") == {
        "Content-Type": "application/octet-stream",
        "X-Incus-name": "n",
    }
    assert import_headers(False) == {"Content-Type": "application/octet-stream"}
