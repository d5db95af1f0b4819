"""pylxd.progress.ProgressBar: a transfer's progress= callback drawn by tqdm."""

from __future__ import annotations

import io
import sys

import pytest

from pylxd.progress import ProgressBar


def test_draws_in_bytes_and_closes_itself_at_the_end() -> None:
    screen = io.StringIO()
    bar = ProgressBar("upload", file=screen)
    assert bar.n == 0 and screen.getvalue() == ""  # nothing drawn before the first call
    for done in range(0, 3 << 20, 1 << 20):
        bar(done, 3 << 20)
    assert bar.n == 2 << 20
    bar(3 << 20, 3 << 20)
    text = screen.getvalue()
    assert "upload" in text and "100%" in text and "3.00M" in text
    assert bar.n == 0  # closed
    bar(0, 10)  # used again: a new bar
    assert bar.n == 0 and screen.getvalue().count("upload") > text.count("upload")
    bar.close()


def test_an_unknown_total_a_total_learnt_late_and_a_restart() -> None:
    screen = io.StringIO()
    with ProgressBar("pull", file=screen) as bar:
        bar(0, None)
        bar(100, None)
        assert bar.n == 100
        bar(150, 300)  # the size became known
        bar(50, 300)  # started over
        assert bar.n == 50
    assert bar.n == 0 and "pull" in screen.getvalue()


def test_without_tqdm_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    with pytest.raises(ImportError, match=r"pylxd\[progress\]"):
        ProgressBar("x")
