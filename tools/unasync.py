#!/usr/bin/env python3
"""Generate the blocking code from its asyncio source.

    python tools/unasync.py          rewrite every generated file
    python tools/unasync.py --check  fail if a generated file is stale (CI runs this)

Each pair below maps an asyncio source tree to its generated blocking twin. The
rewrite is token-shaped: ``async``/``await`` disappear, asyncio names become their
blocking names, module paths switch flavour. A rule that never matches fails the
run, so the rule list cannot rot.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TREES = [
    ("pylxd/_async", "pylxd/_sync"),
    ("tests/integration/_async", "tests/integration/_sync"),
    ("tests/fake/_async", "tests/fake/_sync"),
    ("tests/faults/_async", "tests/faults/_sync"),
    ("tests/cluster/_async", "tests/cluster/_sync"),
]

# Single files outside those trees: the asyncio export lists, whose blocking twins are
# the public modules (so a new export is written once, in the asyncio list).
FILES = [
    ("pylxd/aio/managers.py", "pylxd/managers.py"),
    ("pylxd/aio/models.py", "pylxd/models/__init__.py"),
]

RULES: list[tuple[str, str]] = [
    (r"\basync def\b", "def"),
    (r"\basync with\b", "with"),
    (r"\basync for\b", "for"),
    (r"\bawait ", ""),
    (r"\b__aenter__\b", "__enter__"),
    (r"\b__aexit__\b", "__exit__"),
    (r"\baclose\b", "close"),
    (r"\baclosing\b", "closing"),
    (r"\baiter_bytes\b", "iter_bytes"),
    (r"\b__aiter__\b", "__iter__"),
    (r"\b__anext__\b", "__next__"),
    (r"\banext\(", "next("),
    (r"\bStopAsyncIteration\b", "StopIteration"),
    (r"\bAsyncIterator\b", "Iterator"),
    (r"\bpylxd\._async\b", "pylxd._sync"),
    (r"\bpylxd\._drivers\.aio\b", "pylxd._drivers.sync"),
    (r"\bpylxd\.aio\b", "pylxd"),
    (r"\btests\.integration\._async\b", "tests.integration._sync"),
]

HEADER = "# Generated from {source} by tools/unasync.py: do not edit, edit the source.\n"


def convert(text: str, used: set[int]) -> str:
    for index, (pattern, replacement) in enumerate(RULES):
        text, count = re.subn(pattern, replacement, text)
        if count:
            used.add(index)
    return text


def generated_files() -> dict[Path, str]:
    """Every generated path → its expected content."""
    out: dict[Path, str] = {}
    used: set[int] = set()
    pairs = [
        (source, ROOT / target_dir / source.relative_to(ROOT / source_dir))
        for source_dir, target_dir in TREES
        for source in sorted((ROOT / source_dir).rglob("*.py"))
    ]
    pairs += [(ROOT / source, ROOT / target) for source, target in FILES]
    for source, target in pairs:
        header = HEADER.format(source=source.relative_to(ROOT).as_posix())
        out[target] = header + convert(source.read_text(), used)
    unused = [RULES[i][0] for i in range(len(RULES)) if i not in used]
    if unused:
        sys.exit(f"unasync: rules that match nothing (remove them): {unused}")
    return out


def main() -> int:
    check = "--check" in sys.argv[1:]
    expected = generated_files()
    stale: list[str] = []
    for _source_dir, target_dir in TREES:
        for existing in (ROOT / target_dir).rglob("*.py"):
            if existing not in expected:
                stale.append(f"{existing.relative_to(ROOT)} (no source)")
                if not check:
                    existing.unlink()
    for path, content in expected.items():
        if not path.exists() or path.read_text() != content:
            stale.append(str(path.relative_to(ROOT)))
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content)
    if check and stale:
        print("unasync: stale generated files (run tools/unasync.py):", *stale, sep="\n  ")
        return 1
    if not check and stale:
        print("unasync: rewrote", *stale, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
