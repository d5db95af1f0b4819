"""The API reference (docs/api/) documents every public name of both flavours.

Reads the Sphinx inventory (``objects.inv``) of the built site, building it first with
``scripts/docs`` when it is missing or older than the package or the docs. A public name is
one in the ``__all__`` of a public module (tests/contract/test_exports.py lists them) and every
public method or property of such a class. An object exported under several paths (the
compat modules ``pylxd.models.instance``, ``pylxd.aio.Fleet`` beside ``pylxd.aio.fleet``,
the value classes both flavours share) is documented once, under any of them.
"""

from __future__ import annotations

import importlib
import inspect
import posixpath
import subprocess
from functools import cache
from pathlib import Path

import pytest

from tests.contract.test_exports import PUBLIC_MODULES

ROOT = Path(__file__).resolve().parent.parent.parent
BUILD = ROOT / "docs" / "_build" / "html"
INVENTORY = BUILD / "objects.inv"


def _newest_source() -> float:
    files = [*ROOT.joinpath("pylxd").rglob("*.py"), *ROOT.joinpath("docs").rglob("*.*")]
    return max(p.stat().st_mtime for p in files if "_build" not in p.parts)


@cache
def documented() -> dict[int, set[str]]:
    """id(object) → the dotted names the reference documents it under."""
    from sphinx.util.inventory import InventoryFile

    if not INVENTORY.exists() or INVENTORY.stat().st_mtime < _newest_source():
        subprocess.run([str(ROOT / "scripts" / "docs")], check=True, cwd=ROOT)
    with INVENTORY.open("rb") as f:
        inventory = InventoryFile.load(f, "", posixpath.join)
    names = {
        name for kind, entries in inventory.items() if kind.startswith("py:") for name in entries
    }
    out: dict[int, set[str]] = {}
    for name in names:
        obj = _resolve(name)
        if obj is not None:
            out.setdefault(id(obj), set()).add(name)
    return out


def _resolve(dotted: str) -> object | None:
    """The object a documented name stands for (None for a field or an unresolvable one)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for attr in parts[cut:]:
                obj = inspect.getattr_static(obj, attr)
        except AttributeError:
            return None
        return obj
    return None


def _public_classes() -> dict[int, tuple[str, object]]:
    out: dict[int, tuple[str, object]] = {}
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isclass(obj):
                out.setdefault(id(obj), (f"{module_name}.{name}", obj))
    return out


def _public_exports() -> list[str]:
    return sorted(
        f"{module_name}.{name}"
        for module_name in PUBLIC_MODULES
        for name in getattr(importlib.import_module(module_name), "__all__", ())
        if not isinstance(getattr(importlib.import_module(module_name), name), type(pytest))
    )


def _members(cls: type) -> list[str]:
    """Public methods and properties a user calls on the class (inherited ones included)."""
    out = []
    for name in dir(cls):
        if name.startswith("_"):
            continue
        raw = inspect.getattr_static(cls, name)
        if isinstance(raw, (staticmethod, classmethod)):
            raw = raw.__func__
        if inspect.isfunction(raw) or isinstance(raw, property):
            out.append(name)
    return out


@pytest.mark.parametrize("export", _public_exports())
def test_every_export_is_documented(export: str) -> None:
    module_name, _, name = export.rpartition(".")
    obj = getattr(importlib.import_module(module_name), name)
    if not inspect.isclass(obj) and not callable(obj):
        pytest.skip("a constant: documented where it matters (pylxd.client's data)")
    assert documented().get(id(obj)), f"{export} is missing from the API reference"


@pytest.mark.parametrize(
    "qualified", [qualified for qualified, _ in _public_classes().values()], ids=str
)
def test_every_public_method_is_documented(qualified: str) -> None:
    cls = next(obj for name, obj in _public_classes().values() if name == qualified)
    assert isinstance(cls, type)
    assert documented().get(id(cls)), f"{qualified} is missing from the API reference"
    # A member inherited from a documented public base (Model.save) is documented there.
    places = {place for base in cls.__mro__ for place in documented().get(id(base), ())}
    names = _documented_names()
    missing = [
        member
        for member in _members(cls)
        if not any(f"{place}.{member}" in names for place in places)
    ]
    assert not missing, f"{qualified}: not in the API reference: {missing}"


@cache
def _documented_names() -> frozenset[str]:
    return frozenset(name for names in documented().values() for name in names)
