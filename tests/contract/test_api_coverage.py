"""docs/api-coverage.md: every operation of LXD's and Incus' rest-api.yaml is served by a
method that exists or left out with a reason (tools/api_coverage.yaml), and the page is the
one scripts/api-coverage writes from them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent.parent


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "api_coverage", ROOT / "tools" / "api_coverage.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["api_coverage"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


tool = _tool()


def test_every_operation_is_served_or_left_out_with_a_reason() -> None:
    ops = tool.operations()
    assert len(ops) > 250  # both specs were read (LXD 5.0.2: 220, Incus 6.0.4: 266)
    assert tool.problems(ops) == []


def test_a_missing_operation_or_method_is_reported(monkeypatch) -> None:
    served, left_out = tool.mapping()
    served = {**served, "instance_exec_post": "pylxd.models.Instance.no_such_method"}
    del left_out["instance_debug_memory_get"]
    monkeypatch.setattr(tool, "mapping", lambda: (served, left_out))
    found = tool.problems(tool.operations())
    assert "instance_debug_memory_get: neither served nor left out with a reason" in found
    assert "instance_exec_post: pylxd.models.Instance.no_such_method does not exist" in found


def test_the_page_is_up_to_date() -> None:
    ops = tool.operations()
    page = (ROOT / "docs" / "api-coverage.md").read_text()
    assert page == tool.render(ops), "docs/api-coverage.md is stale: run scripts/api-coverage"
    served, total = tool.figures(ops)[-1][1:]
    assert page.rstrip().splitlines()[-1] == f"{served} of {total} operations served"
