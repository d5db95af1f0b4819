"""Sphinx configuration: built by ``scripts/docs`` (warnings are errors)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pylxd  # noqa: E402

project = "pylxd"
author = "pylxd contributors"
copyright = "pylxd contributors"
release = pylxd.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
# docs/benchmarks/ holds what benchmarks/run --docs writes: included by guides/performance.
exclude_patterns = ["_build", "benchmarks", "Thumbs.db", ".DS_Store"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# The reference documents the public import paths (pylxd.models.Instance, not the private
# module a class is written in), so the pages survive a move of the private modules.
autodoc_default_options = {
    "members": True,
    "undoc-members": True,
    "show-inheritance": True,
}
autodoc_member_order = "groupwise"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
autoclass_content = "both"
napoleon_use_ivar = True  # "Attributes:" as a field list: no duplicate targets per flavour
# Both flavours have classes of the same names (pylxd.models.Instance and
# pylxd.aio.models.Instance): a short type hint like ``Client`` matches several targets by
# design, and Sphinx would warn on each.
suppress_warnings = ["ref.python"]

html_theme = "furo"
html_title = f"pylxd {release}"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
html_show_sourcelink = False


def _shared_value_classes() -> str:
    """The classes pylxd.aio.models exports as the very objects pylxd.models does (plain
    values such as ExecuteResult): documented once, on the blocking page."""
    import pylxd.aio.models
    import pylxd.models

    return ", ".join(
        name
        for name in pylxd.aio.models.__all__
        if getattr(pylxd.models, name, None) is getattr(pylxd.aio.models, name)
    )


def _fill_shared(app: object, docname: str, source: list[str]) -> None:
    if docname == "api/aio-models":
        source[0] = source[0].replace("SHARED_VALUE_CLASSES", _shared_value_classes())


def setup(app: object) -> None:
    app.connect("source-read", _fill_shared)  # type: ignore[attr-defined]
