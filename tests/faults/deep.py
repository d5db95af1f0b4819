"""Deep local trees in tests: made in a scratch directory that the test removes itself.

``shutil.rmtree`` (and so pytest's ``tmp_path`` cleanup) recurses, and fails past ~1,000
levels on Python 3.11: a deep tree left under ``tmp_path`` would break every later pytest
session's cleanup on this machine.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

__all__ = ["make_deep_tree", "remove_tree", "scratch"]


def remove_tree(root: str | os.PathLike[str]) -> None:
    """Remove ``root`` and all below it, with a stack of our own (any depth)."""
    if not os.path.lexists(root):
        return
    stack, directories = [os.fspath(root)], []
    while stack:
        directory = stack.pop()
        directories.append(directory)
        with os.scandir(directory) as scan:
            for entry in scan:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    os.unlink(entry.path)
    for directory in reversed(directories):
        os.rmdir(directory)


def make_deep_tree(root: Path, depth: int, name: str = "d") -> Path:
    """``root/d/d/…`` ``depth`` levels deep with a file ``leaf`` at the bottom; the bottom
    directory."""
    path = root
    path.mkdir(exist_ok=True)
    for _ in range(depth):
        path = path / name
        path.mkdir()
    (path / "leaf").write_bytes(b"bottom")
    return path


@pytest.fixture
def scratch() -> Iterator[Path]:
    """A temporary directory for deep trees, removed by :func:`remove_tree` afterwards."""
    path = Path(tempfile.mkdtemp(prefix="pylxd-scratch-"))
    try:
        yield path
    finally:
        remove_tree(path)
