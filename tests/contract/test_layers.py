"""The layers import downwards only: ``_core`` (rules, no I/O) knows nothing above it."""

from __future__ import annotations

import ast
import re
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


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(path: Path, module: str) -> set[str]:
    """The ``pylxd`` modules ``path`` imports when it runs: module- and function-level imports,
    ``if TYPE_CHECKING:`` blocks aside. ``from package import module`` names the module."""
    names: set[str] = set()
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                names.add(candidate if candidate in MODULES else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text()))
    return {name for name in names if name in MODULES and name != module}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = {_module_name(path): path for path in sorted(ROOT.rglob("*.py"))}
MODULES = set(SOURCES)


def test_imports_between_pylxd_modules_form_a_dag() -> None:
    graph = {name: runtime_imports(path, name) for name, path in SOURCES.items()}
    done: set[str] = set()

    def walk(name: str, stack: list[str]) -> None:
        if name in stack:
            cycle = " -> ".join([*stack[stack.index(name) :], name])
            raise AssertionError(f"import cycle: {cycle}")
        if name in done:
            return
        for target in sorted(graph[name]):
            walk(target, [*stack, name])
        done.add(name)

    for name in sorted(graph):
        walk(name, [])
    assert len(done) == len(graph) > 100


def test_resource_packages_hold_only_a_docstring() -> None:
    inits = sorted((ROOT / "_async").glob("*/__init__.py"))
    assert len(inits) == 5
    for path in inits:
        body = ast.parse(path.read_text()).body
        assert len(body) == 1 and isinstance(body[0], ast.Expr), path


def test_resource_modules_write_fields_only_through_the_model_base() -> None:
    """``_values`` and ``_snapshots`` belong to ``FieldModel``: a resource module that writes
    them by hand skips dirty tracking (``_set_server_value`` is the way)."""
    writes = re.compile(
        r"\._values\[[^\]]+\]\s*=|\._values\.(update|pop|setdefault)\(|_snapshots\."
    )
    offending = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "_async").rglob("*.py"))
        if path.name != "model.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if writes.search(line)
    ]
    assert offending == []
