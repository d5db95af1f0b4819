"""Every Python example of the README and of docs/ runs, as written, against the real daemon.

Each page is one test: its ```` ```python ```` blocks run in order in one namespace (a page
is a walkthrough: a later block uses the ``client`` an earlier one made), in a scratch
working directory. A block is left out only when an HTML comment right above it says so:

- ``<!-- skip: why -->``: never run (kept few: the reason is shown in the test's output);
- ``<!-- lxd-only: why -->`` / ``<!-- incus-only: why -->``: run on that server only.

The examples name ``https://127.0.0.1:8443`` (the main test LXD); the Incus pass of
scripts/test listens elsewhere, so that address is replaced by ``$PYLXD_HTTPS_ADDRESS``.
The examples make uniquely named objects (a random hex suffix) and remove them; when an
example fails, the objects its page left in its namespace with such a name are removed
(instances stopped first). scripts/test runs this module on LXD and again on Incus.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pylxd import Client
from pylxd.models import Instance, Model
from tests.integration.conftest import HTTPS_ADDRESS

ROOT = Path(__file__).resolve().parent.parent.parent
PAGES = sorted(
    [ROOT / "README.md", *ROOT.joinpath("docs").rglob("*.md")],
    key=lambda p: str(p.relative_to(ROOT)),
)
PAGES = [p for p in PAGES if "_build" not in p.parts]
FENCE = re.compile(r"^(?P<indent> *)```+\s*(?P<lang>[\w-]*)\s*$")
MARKER = re.compile(r"<!--\s*(?P<kind>skip|lxd-only|incus-only)\s*:\s*(?P<why>.*?)\s*-->")


@dataclass
class Block:
    line: int  # 1-based line of the opening fence
    code: str
    marker: str | None  # "skip", "lxd-only", "incus-only"
    why: str


def python_blocks(text: str) -> Iterator[Block]:
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        start, indent = i, len(fence["indent"])
        body = []
        i += 1
        while i < len(lines) and not FENCE.match(lines[i]):
            body.append(lines[i][indent:])
            i += 1
        i += 1  # the closing fence
        if fence["lang"] not in ("python", "py"):
            continue
        previous = next((line for line in reversed(lines[:start]) if line.strip()), "")
        marked = MARKER.search(previous)
        yield Block(
            start + 1,
            "\n".join(body) + "\n",
            marked["kind"] if marked else None,
            marked["why"] if marked else "",
        )


UNIQUE = re.compile(r"[0-9a-f]{6,}")


def _clean_up(namespace: dict[str, object]) -> None:
    """Remove what a failed page made: its models named with a random suffix."""
    for value in namespace.values():
        if not isinstance(value, Model):
            continue
        try:
            name = value.name
            if not isinstance(name, str) or not UNIQUE.search(name):
                continue
            if isinstance(value, Instance) and value.state().status != "Stopped":
                value.stop(force=True, wait=True)
            value.delete(wait=True) if isinstance(value, Instance) else value.delete()
        except Exception:  # already gone, or its page removed it half-way
            pass


def _pages_with_examples() -> list[Path]:
    return [p for p in PAGES if any(python_blocks(p.read_text()))]


@pytest.mark.parametrize("page", _pages_with_examples(), ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples_run(
    page: Path, admin: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    server = "incus" if admin.is_incus else "lxd"
    namespace: dict[str, object] = {"__name__": f"docs:{page.name}"}
    ran = 0
    for block in python_blocks(page.read_text()):
        if block.marker == "skip" or (block.marker and block.marker != f"{server}-only"):
            continue
        code = block.code.replace("127.0.0.1:8443", HTTPS_ADDRESS)
        where = f"{page.relative_to(ROOT)}:{block.line}"
        try:
            exec(compile(code, where, "exec"), namespace)
        except BaseException as error:
            _clean_up(namespace)
            raise AssertionError(f"the example at {where} failed: {error!r}") from error
        ran += 1
    assert ran or os.environ.get("PYLXD_DOCS_ALLOW_EMPTY"), f"{page.name}: no example ran"


def test_the_parser_sees_markers_and_blocks() -> None:
    text = (
        "Text.\n\n<!-- skip: needs a second machine -->\n```python\nx = 1\n```\n\n"
        "```sh\nls\n```\n\n- item:\n\n  ```python\n  y = 2\n  ```\n"
    )
    blocks = list(python_blocks(text))
    assert [(b.line, b.code, b.marker, b.why) for b in blocks] == [
        (4, "x = 1\n", "skip", "needs a second machine"),
        (14, "y = 2\n", None, ""),
    ]
