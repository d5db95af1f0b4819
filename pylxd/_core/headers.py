"""Request headers whose prefix depends on the server: LXD reads ``X-LXD-*``, Incus only
its own ``X-Incus-*`` on uploads (a backup's name and pool)."""

from __future__ import annotations

__all__ = ["import_headers", "lxd_header"]


def lxd_header(is_incus: bool, name: str) -> str:
    """``X-LXD-<name>``, or ``X-Incus-<name>`` on Incus."""
    return f"{'X-Incus' if is_incus else 'X-LXD'}-{name}"


def import_headers(
    is_incus: bool, name: str | None = None, pool: str | None = None
) -> dict[str, str]:
    """The headers of a backup tarball sent as a request body (an instance's or a
    volume's): its content type, and the name and pool to give what it makes."""
    headers = {"Content-Type": "application/octet-stream"}
    if name is not None:
        headers[lxd_header(is_incus, "name")] = name
    if pool is not None:
        headers[lxd_header(is_incus, "pool")] = pool
    return headers
