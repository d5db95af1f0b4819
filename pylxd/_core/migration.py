"""Copy and migration rules: the bodies LXD expects, built from plain data (no I/O).

A copy between servers is a migration. In LXD's *pull* mode the source starts a migration
operation (``POST /1.0/instances/<name> {"migration": true}``) whose websockets are guarded
by secrets; the destination creates the instance from a ``migration`` source naming that
operation's URL, the secrets and the source's certificate, and connects to it itself. In
*push* mode the destination starts the operation (a ``migration`` source with
``"mode": "push"``) and the source connects to it (``"target"``); in *relay* mode the
client connects to both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pylxd._core.endpoint import Endpoint

__all__ = [
    "MODES",
    "check_mode",
    "copy_source",
    "https_url",
    "instance_body",
    "migration_request",
    "migration_source",
    "operation_url",
]

#: LXD's transfer modes between servers (``images_push_relay``, ``container_push_target``).
MODES = ("pull", "push", "relay")

#: The fields of an instance that a copy carries over (the rest is the server's).
_CARRIED = ("architecture", "config", "devices", "ephemeral", "profiles", "description")


def https_url(endpoint: Endpoint, host_info: Callable[[], Mapping[str, Any]]) -> str | None:
    """How another server reaches this one: the client's own ``https://`` endpoint, else
    the first address the server listens on (``core.https_address`` in ``host_info()``,
    ``GET /1.0``, only read then); ``None`` when it listens on none."""
    if endpoint.scheme == "https":
        return endpoint.base_url
    addresses = host_info().get("environment", {}).get("addresses") or []
    return f"https://{addresses[0]}" if addresses else None


def check_mode(mode: str) -> str:
    """``mode`` if it is one of :data:`MODES`; ``ValueError`` otherwise (before any request)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


def migration_request(
    live: bool = False, instance_only: bool = False, allow_inconsistent: bool = False
) -> dict[str, Any]:
    """The source-side body that starts a migration."""
    body: dict[str, Any] = {"migration": True, "live": live}
    if instance_only:
        body["instance_only"] = True
    if allow_inconsistent:
        body["allow_inconsistent"] = True
    return body


def operation_url(base_url: str, version: str, operation: str) -> str:
    """``/1.0/operations/<id>`` → the absolute URL the destination server pulls from."""
    path = operation if operation.startswith("/") else f"/{version}/operations/{operation}"
    return base_url.rstrip("/") + path


def migration_source(
    url: str | None,
    secrets: Mapping[str, str],
    certificate: str | None,
    live: bool = False,
    base_image: str | None = None,
    instance_only: bool = False,
    volume_only: bool = False,
    allow_inconsistent: bool = False,
) -> dict[str, Any]:
    """The destination-side ``source`` of a migration (of an instance, or of a storage
    volume with ``volume_only``): a pull from ``url`` with ``secrets``, or with
    ``url=None`` a push (the destination offers; the source or a relay connects)."""
    source: dict[str, Any] = {"type": "migration", "mode": "pull" if url else "push"}
    if url:
        source["operation"] = url
        source["secrets"] = dict(secrets)
    source["live"] = live
    if allow_inconsistent:
        source["allow_inconsistent"] = True
    if certificate and url:
        source["certificate"] = certificate
    if base_image:
        source["base-image"] = base_image
    if instance_only:
        source["instance_only"] = True
    if volume_only:
        source["volume_only"] = True
    return source


def copy_source(
    name: str,
    project: str | None = None,
    instance_only: bool = False,
    live: bool = False,
    allow_inconsistent: bool = False,
) -> dict[str, Any]:
    """The ``source`` of a copy on the same server (``name`` may be ``inst/snap``)."""
    source: dict[str, Any] = {"type": "copy", "source": name}
    if project:
        source["project"] = project
    if instance_only:
        source["instance_only"] = True
    if live:
        source["live"] = True
    if allow_inconsistent:
        source["allow_inconsistent"] = True
    return source


def instance_body(
    instance: Mapping[str, Any],
    name: str,
    source: Mapping[str, Any],
    overrides: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A create body carrying ``instance``'s definition under a new ``name``.

    ``overrides`` (``config``, ``devices``, ``profiles``…) replace the carried values;
    ``volatile.*`` keys are the source server's bookkeeping and are not carried.
    """
    body: dict[str, Any] = {"name": name, "source": dict(source)}
    for key in _CARRIED:
        value = instance.get(key)
        if value is not None:
            body[key] = value
    if isinstance(body.get("config"), Mapping):
        body["config"] = {k: v for k, v in body["config"].items() if not k.startswith("volatile.")}
    if instance.get("type"):
        body["type"] = instance["type"]
    for key, value in (overrides or {}).items():
        if value is not None:
            body[key] = value
    return body
