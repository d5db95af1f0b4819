"""API coverage: every operation of LXD 5.0.2's and Incus 6.0.4's rest-api.yaml, and the
pylxd method that serves it or why it is left out.

    scripts/api-coverage            # writes docs/api-coverage.md, prints the figures
    scripts/api-coverage --check    # fails when the page is stale or the mapping incomplete

The mapping is ``tools/api_coverage.yaml`` (operationId → a public method, or a reason).
The specs are read from ``$PYLXD_SPECS``, else ``../shared/reference/specs`` beside the
repository (where CI lays them), else ``/work/shared/reference/specs``.
The last line printed is ``N of M operations served`` (both specs together).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
MAPPING = ROOT / "tools" / "api_coverage.yaml"
PAGE = ROOT / "docs" / "api-coverage.md"
SPECS = {"LXD 5.0.2": "lxd-5.0.2-rest-api.yaml", "Incus 6.0.4": "incus-6.0.4-rest-api.yaml"}
HTTP_METHODS = ("get", "put", "post", "patch", "delete", "head")


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    summary: str
    servers: tuple[str, ...]  # the specs that have it


def specs_dir() -> Path:
    candidates = [
        os.environ.get("PYLXD_SPECS", ""),
        str(ROOT.parent / "shared" / "reference" / "specs"),
        "/work/shared/reference/specs",
    ]
    for candidate in candidates:
        if candidate and all((Path(candidate) / f).is_file() for f in SPECS.values()):
            return Path(candidate)
    raise SystemExit(f"rest-api.yaml specs not found in any of {candidates[1:]} ($PYLXD_SPECS)")


def _load_yaml(text: str) -> Any:
    """Safe YAML, through libyaml when PyYAML has it (the specs parse ~10× faster)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def operations(directory: Path | None = None) -> list[Operation]:
    """Every operation of both specs, once per operationId, in the specs' order."""
    found: dict[str, Operation] = {}
    directory = directory or specs_dir()
    for server, filename in SPECS.items():
        spec = _load_yaml((directory / filename).read_text())
        for path, item in spec["paths"].items():
            for method in HTTP_METHODS:
                op = item.get(method)
                if not op:
                    continue
                key = op["operationId"]
                known = found.get(key)
                servers = (*known.servers, server) if known else (server,)
                found[key] = Operation(key, method.upper(), path, op.get("summary", ""), servers)
    return list(found.values())


def mapping() -> tuple[dict[str, str], dict[str, str]]:
    data: dict[str, Any] = _load_yaml(MAPPING.read_text())
    return dict(data["served"]), {k: " ".join(v.split()) for k, v in data["left_out"].items()}


def resolve(dotted: str) -> object:
    """The object a public dotted path names (a module, then attributes); raises if absent."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = inspect.getattr_static(obj, attr)
        return obj
    raise ImportError(dotted)


def reference_target(dotted: str) -> str:
    """Where the API reference documents ``module.Class.member``: on the public base class
    that defines it when that is not the class itself (``Model.save`` for ``Network.save``)."""
    module_name, class_name, member = dotted.rsplit(".", 2)
    module = importlib.import_module(module_name) if "." in module_name else None
    cls = getattr(module, class_name, None) if module else None
    if not isinstance(cls, type):
        return dotted
    for base in cls.__mro__:
        if member in vars(base):
            if base is not cls and getattr(module, base.__name__, None) is base:
                return f"{module_name}.{base.__name__}.{member}"
            break
    return dotted


def problems(ops: list[Operation]) -> list[str]:
    """What is wrong with the mapping: unmapped or unknown operations, missing methods."""
    served, left_out = mapping()
    ids = {op.operation_id for op in ops}
    out = [
        f"{k}: neither served nor left out with a reason"
        for k in sorted(ids - {*served, *left_out})
    ]
    out += [f"{k}: in no spec" for k in sorted({*served, *left_out} - ids)]
    out += [f"{k}: both served and left out" for k in sorted(set(served) & set(left_out))]
    for key, dotted in sorted(served.items()):
        try:
            resolve(dotted)
        except (ImportError, AttributeError):
            out.append(f"{key}: {dotted} does not exist")
    out += [f"{k}: the reason is empty" for k, v in sorted(left_out.items()) if not v]
    return out


def figures(ops: list[Operation]) -> list[tuple[str, int, int]]:
    """(server, served, total) per spec, then both together."""
    served, _ = mapping()
    rows = []
    for server in SPECS:
        mine = [op for op in ops if server in op.servers]
        rows.append((server, sum(op.operation_id in served for op in mine), len(mine)))
    rows.append(("both", sum(r[1] for r in rows), sum(r[2] for r in rows)))
    return rows


def render(ops: list[Operation]) -> str:
    served, left_out = mapping()
    rows = figures(ops)
    lines = [
        "# API coverage",
        "",
        "Every operation of LXD 5.0.2's and Incus 6.0.4's `rest-api.yaml`, and the method that",
        "serves it (blocking flavour; the `pylxd.aio` twin serves it too) or why it is left out.",
        "Generated by `scripts/api-coverage` from `tools/api_coverage.yaml`; a test fails when an",
        "operation is in neither list or a method named there does not exist.",
        "",
        "| Server | Operations served |",
        "|---|---|",
        *[f"| {server} | {n} of {m} |" for server, n, m in rows[:-1]],
        "",
        "Any operation, served or not, can also be sent raw: "
        '`client.api["network-integrations"].get()` (see {doc}`guides/connecting`).',
    ]
    groups: dict[str, list[Operation]] = {}
    for op in ops:
        segment = op.path.split("?")[0].split("/")[2:3] or ["(root)"]
        groups.setdefault(segment[0] or "(root)", []).append(op)
    for group in sorted(groups):
        lines += ["", f"## `/1.0/{group}`" if group != "(root)" else "## `/`", ""]
        lines += ["| Operation | operationId | Servers | Served by |", "|---|---|---|---|"]
        for op in sorted(
            groups[group], key=lambda o: (o.path, HTTP_METHODS.index(o.method.lower()))
        ):
            where = ", ".join(s.split()[0] for s in op.servers)
            if op.operation_id in served:
                dotted = served[op.operation_id]
                shown = ".".join(dotted.split(".")[-2:])
                by = f"{{py:obj}}`{shown} <{reference_target(dotted)}>`"
            else:
                by = f"left out: {left_out.get(op.operation_id, '**unmapped**')}"
            path = op.path.replace("|", "\\|")
            lines.append(f"| `{op.method} {path}` | `{op.operation_id}` | {where} | {by} |")
    elsewhere = not_on_these_machines()
    if elsewhere:
        lines += [
            "",
            "## Left out: what no daemon here runs",
            "",
            "Beyond the two specs above (LXD 6.x's are in `lxd-6.9-rest-api.yaml`), or "
            "reached through an operation above but for objects no daemon here can make. "
            "None has a method: a method is written only once it ran against a real server; "
            "`client.api` reaches every one of them raw.",
            "",
            "| What | Why it is left out |",
            "|---|---|",
            *[f"| {what} | {why} |" for what, why in elsewhere.items()],
        ]
    lines += ["", f"{rows[-1][1]} of {rows[-1][2]} operations served", ""]
    return "\n".join(lines)


def not_on_these_machines() -> dict[str, str]:
    """Features no daemon here runs (``not_on_these_machines`` in the mapping): why."""
    data: dict[str, Any] = _load_yaml(MAPPING.read_text())
    return {k: " ".join(v.split()) for k, v in (data.get("not_on_these_machines") or {}).items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail when the page is stale")
    args = parser.parse_args(argv)
    ops = operations()
    wrong = problems(ops)
    for line in wrong:
        print(f"api-coverage: {line}", file=sys.stderr)
    page = render(ops)
    if args.check:
        if not PAGE.exists() or PAGE.read_text() != page:
            print(
                f"api-coverage: {PAGE.relative_to(ROOT)} is stale: run scripts/api-coverage",
                file=sys.stderr,
            )
            wrong.append("stale page")
    else:
        PAGE.write_text(page)
    for server, n, m in figures(ops)[:-1]:
        print(f"{server}: {n} of {m} operations served")
    total = figures(ops)[-1]
    print(f"{total[1]} of {total[2]} operations served")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
