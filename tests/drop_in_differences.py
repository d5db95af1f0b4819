"""Where ours deliberately differs from upstream pylxd 2.4.2, with the reason: the table the
differential tests (``tests/integration/_async/test_upstream_diff.py``, the cluster's
twin) hold every difference they find against, and that the migration guide shows
(``docs/migration-differences.md``, written from it: ``python -m tests.drop_in_differences``).
"""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.contract.test_documented_surface import DIVERGENCES

DOC = Path(__file__).resolve().parents[1] / "docs" / "migration-differences.md"


@dataclass(frozen=True)
class Difference:
    """One deliberate difference.

    ``paths``: what the differential test reports for it (``fnmatch`` patterns of
    ``read.attribute`` paths, see ``compare``; none for what the test does not read).
    ``daemons``: where it shows (a difference of the daemon's data shows on one only).
    """

    what: str
    upstream: str
    ours: str
    why: str
    paths: tuple[str, ...]
    daemons: tuple[str, ...] = ("lxd", "incus")


OBJECT = "a bare `object()` (its marker for a field the server did not send; truthy)"

DIFFERENCES: list[Difference] = [
    Difference(
        "`client.virtual_machines.all()`",
        "every instance, containers included, as `VirtualMachine` objects",
        "only the virtual machines",
        "the manager's name says what it lists; `client.instances.all()` lists every type",
        ("virtual_machines.all",),
    ),
    Difference(
        "`network.used_by` of an unused network (LXD 5.0 sends `null`)",
        "`None`",
        "`[]`",
        "the docs say a list, and their own output shows `[]`: `for x in network.used_by` works",
        ("networks.get.used_by", "networks.all[[]*[]].used_by"),
    ),
    Difference(
        "`storage_pool.managed` (LXD 5.0 and Incus do not send it for pools)",
        OBJECT,
        "`True`",
        "the docs say a Boolean; every storage pool is managed by the daemon (`if"
        " pool.managed:` reads the same)",
        ("storage_pools.get.managed*", "storage_pools.all[[]*[]].managed*"),
    ),
    Difference(
        "`project` of images, profiles and networks on a server that does not send it;"
        " `image.update_source` of an image made locally",
        OBJECT,
        "`None`",
        "the field has no value: `None`, as for every other model",
        ("*.project:type", "images.*.update_source:type"),
    ),
    Difference(
        "`instance.dirty` of the objects `instances.all()`/`containers.all()` return",
        "`True` (nothing was edited)",
        "`False`",
        "nothing was edited; `all()` returns complete objects, which `save()` does not"
        " need to fetch again",
        ("instances.all[[]*[]].dirty", "containers.all[[]*[]].dirty"),
    ),
    Difference(
        "`snapshot.instance` (`instance.snapshots.get()`/`all()`)",
        "an `Instance` whose `name` reads `None`",
        "the instance the snapshot belongs to",
        "a snapshot's instance is known: it is the one listed",
        ("instance.snapshots.*.instance",),
    ),
    Difference(
        "`cluster.members.get(name)` on the object `client.cluster.get()` returns, as the"
        " docs write it",
        "raises `TypeError` (`ClusterMember.get() takes 3 positional arguments but 4 were given`)",
        "the member",
        "the documented example works; `client.cluster.members.get(name)` is the same",
        ("cluster.get().members.get:raises",),
    ),
    Difference(
        "the class of `instance.execute()`'s result",
        "`_InstanceExecuteResult`",
        "`ExecuteResult`",
        "a public name; the same named tuple (`exit_code`, `stdout`, `stderr`)",
        ("instance.execute*:type",),
    ),
    Difference(
        "`storage_pools.create()` with a driver the server lacks",
        "`LXDAPIException('Unknown driver')`",
        "`BadRequest`, LXD's text followed by the driver and the server's drivers:"
        " `Unknown driver 'bogus' (this server has: btrfs, dir)`",
        "LXD's two words do not say which driver nor what to use instead",
        ("storage_pools.create(bad driver):message",),
    ),
    Difference(
        "`images.create(data)` given a `str`",
        "sends the text as the image: `LXDAPIException('Unsupported compression')`",
        "a `str` is a path to the image file (`FileNotFoundError` when there is none)",
        "`create()` also takes a path or a binary file, streamed (the docs' bytes work as written)",
        ("images.create(str):*",),
    ),
    Difference(
        "`certificates.create(password, cert_data)` with `cert_data` a `str`",
        "`TypeError` (bytes wanted)",
        "a PEM `str` is taken; text that is not PEM is `ValueError('not a PEM certificate')`",
        "a certificate read in text mode is still a certificate",
        ("certificates.create(str):*",),
    ),
    Difference(
        "`repr()` of a model",
        "`<pylxd.models.container.Container object at 0x…>`; a network"
        " `Network(config={…}, description=…, name=…, type=…)` as the docs show it",
        "`<Container name='c1' project='default'>`, every model the same way",
        "one readable identity for every model; `print(network)` still prints the docs'"
        " JSON (not read by the differential test: addresses differ per object)",
        (),
    ),
    Difference(
        "the class of `client.api`",
        "`_APINode`",
        "`APINode`",
        "a public name; the same attribute and item access, `get()`, `post()`, …",
        ("client.api:type",),
    ),
    Difference(
        "`save()` of an object the server changed since it was read (another object,"
        " another program)",
        "overwrites the other change silently",
        "raises `ConcurrentModification` (a `Conflict`, HTTP 412) with `current` and"
        " `pending`; the edits stay; `save(force=True)` overwrites",
        "no lost update: `save()` sends the ETag it read (`If-Match`); see docs/design.md"
        ' "Concurrent writers" (not read by the differential test: it does not write)',
        (),
    ),
    Difference(
        "`save(wait=False)` of an instance",
        "returns `None`; the object says it is clean though LXD may still refuse the change",
        "returns the `Operation`; the object stays dirty (`pending_save`) until it is"
        " seen to succeed, and `operation.wait()` raises LXD's refusal",
        "no silent loss: a change LXD refuses later is never reported saved",
        (),
    ),
]

#: Values that change between the two readings: usage counters, the server's config (other
#: tests set keys), Incus' kernel_features (seen to flip between two reads): only types are
#: compared.
VARIES = (
    "client.host_info['config']*",
    "client.host_info['environment']['kernel_features']*",
    "instance.state.memory*",
    "instance.state.network*",
    "instance.state.processes",
    "network.state.counters*",
    "pool.resources.get.*",
    "images.*.last_used_at",
    "images.*.aliases*",  # other tests add aliases to the shared test image
)


def compare(upstream: Any, ours: Any, path: str = "") -> list[tuple[str, Any, Any]]:
    """Every place where two readings differ: ``(path, upstream's, ours)``.

    A path is the read's key, then ``.attr`` for a model attribute, ``[i]`` for a list
    item, ``['key']`` for a dict item; ``:type`` ends it when only the types differ, and
    ``:raises`` / ``:message`` for errors (ours may raise a subclass of upstream's class;
    the message is compared where it is LXD's text).
    """
    if isinstance(upstream, dict) and isinstance(ours, dict) and not path:
        return [d for key in upstream for d in compare(upstream[key], ours.get(key), key)]
    if any(fnmatch.fnmatchcase(path, pattern) for pattern in VARIES):
        same = type_of(upstream) == type_of(ours)
        return [] if same else [(f"{path}:type", type_of(upstream), type_of(ours))]
    if isinstance(upstream, dict) and "raises" in upstream:
        if not isinstance(ours, dict) or "raises" not in ours:
            return [(f"{path}:raises", upstream["raises"][0], ours)]
        found = []
        if upstream["raises"][0] not in ours["raises"]:
            found.append((f"{path}:raises", upstream["raises"], ours["raises"]))
        lxds_text = "LXDAPIException" in upstream["raises"]  # not Python's or a library's
        if lxds_text and upstream["message"] != ours["message"]:
            found.append((f"{path}:message", upstream["message"], ours["message"]))
        return found
    if isinstance(upstream, dict) and "attrs" in upstream:
        if not isinstance(ours, dict) or "attrs" not in ours:
            return [(path, upstream, ours)]
        found = []
        if upstream["type"] != ours["type"]:
            found.append((f"{path}:type", upstream["type"], ours["type"]))
        for attr, value in upstream["attrs"].items():
            found += compare(value, ours["attrs"].get(attr), f"{path}.{attr}")
        return found
    if not (isinstance(upstream, list) and isinstance(ours, list) and len(ours) == 2):
        return [] if upstream == ours else [(path, upstream, ours)]
    (u_type, u_value), (o_type, o_value) = upstream, ours
    if isinstance(u_value, list) and isinstance(o_value, list) and len(u_value) == len(o_value):
        found = [] if u_type == o_type else [(f"{path}:type", u_type, o_type)]
        for i, (u, o) in enumerate(zip(u_value, o_value, strict=True)):
            found += compare(u, o, f"{path}[{i}]")
        return found
    if isinstance(u_value, dict) and isinstance(o_value, dict) and set(u_value) == set(o_value):
        found = [] if u_type == o_type else [(f"{path}:type", u_type, o_type)]
        for key in u_value:
            found += compare(u_value[key], o_value[key], f"{path}[{key!r}]")
        return found
    if u_value != o_value:
        return [(path, upstream, ours)]
    return [] if u_type == o_type else [(f"{path}:type", u_type, o_type)]


def type_of(reading: Any) -> Any:
    """The type name of a ``[type, value]`` reading (or the reading, for anything else)."""
    return reading[0] if isinstance(reading, list) and len(reading) == 2 else reading


def explained(path: str, daemon: str) -> Difference | None:
    for each in DIFFERENCES:
        if daemon in each.daemons and any(fnmatch.fnmatchcase(path, p) for p in each.paths):
            return each
    return None


def unexplained(differences: list[tuple[str, Any, Any]], daemon: str) -> list[tuple[str, Any, Any]]:
    """The differences no entry of ``DIFFERENCES`` explains (on ``daemon``)."""
    return [d for d in differences if explained(d[0], daemon) is None]


def report(differences: list[tuple[str, Any, Any]]) -> str:
    """One line per difference, for a failing test's message."""
    return "\n".join(f"{path}: upstream {up!r}, ours {ours!r}" for path, up, ours in differences)


def markdown() -> str:
    """The table as the migration guide shows it."""
    lines = [
        "# Differences from pylxd 2.4.2",
        "",
        "What a program written for the old pylxd (2.4.2) sees differently, each on purpose.",
        "Everything else documented reads and raises the same: a differential test reads",
        "every documented attribute and manager call through both libraries on the same",
        "LXD and Incus daemons (`tests/integration/_async/test_upstream_diff.py`) and fails",
        "on a difference that is not in this table (`tests/drop_in_differences.py`, from",
        "which this page is written).",
        "",
        "| What | pylxd 2.4.2 | This pylxd | Why |",
        "| --- | --- | --- | --- |",
    ]
    for each in DIFFERENCES:
        where = "" if len(each.daemons) > 1 else f" (on {each.daemons[0].upper()})"
        lines.append(f"| {each.what}{where} | {each.upstream} | {each.ours} | {each.why} |")
    lines += [
        "",
        "## Signatures",
        "",
        "Documented methods whose parameters differ (their documented calls work as written;",
        "checked by `tests/contract/test_documented_surface.py`):",
        "",
        "| Method | Parameter | Why |",
        "| --- | --- | --- |",
    ]
    for (owner, method), parameters in DIVERGENCES.items():
        for parameter, why in parameters.items():
            lines.append(f"| `{owner}.{method}()` | `{parameter}` | {why} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    DOC.write_text(markdown())
    sys.stdout.write(f"wrote {DOC}\n")
