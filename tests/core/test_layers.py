"""The layers import downwards only: ``_core`` (rules, no I/O) knows nothing above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pylxd

ROOT = Path(pylxd.__file__).parent
ABOVE_CORE = ("pylxd._drivers", "pylxd._async", "pylxd._sync", "pylxd.aio", "pylxd.client")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_and_exceptions_import_nothing_above_core() -> None:
    sources = [*sorted((ROOT / "_core").glob("*.py")), ROOT / "exceptions.py"]
    offending = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in sources
        for name in imported_modules(path)
        if name.startswith(ABOVE_CORE)
    }
    assert offending == set()


def test_the_response_is_importable_from_its_old_place() -> None:
    from pylxd._core.response import Response
    from pylxd._drivers.response import Response as OldPlace

    assert OldPlace is Response
