"""Exec bodies, stdin chunks and output sinks (``_core/exec.py``)."""

from __future__ import annotations

import pytest

from pylxd._core.exec import DECODE_SLICE, OutputSink, exec_request


def test_exec_request() -> None:
    body = exec_request(["ls", "-l"], {"A": "1"}, 1000, None, "/tmp")
    assert body == {
        "command": ["ls", "-l"],
        "environment": {"A": "1"},
        "wait-for-websocket": True,
        "interactive": False,
        "user": 1000,
        "cwd": "/tmp",
    }
    with pytest.raises(TypeError):
        exec_request("ls -l", None, None, None, None)


def test_output_sink_decoding_and_handlers() -> None:
    sink = OutputSink(True, None, None)
    sink.write("é".encode()[:1])
    sink.write("é".encode()[1:])
    assert sink.result() == "é"
    raw = OutputSink(False, None, None)
    raw.write(b"\xff")
    assert raw.result() == b"\xff"
    seen: list[str] = []
    handled = OutputSink(True, "utf-8", seen.append)
    handled.write("é".encode()[:1])
    handled.write("é".encode()[1:] + b"!")
    assert handled.result() == "" and "".join(seen) == "é!"
    latin = OutputSink(True, "latin-1", None)
    latin.write(b"\xe9")
    assert latin.result() == "é"


def test_output_sink_returns_its_buffer_and_decodes_as_it_goes() -> None:
    raw = OutputSink(False, None, None)
    for chunk in (b"ab", b"cd"):
        raw.write(chunk)
    assert raw.result() == b"abcd"
    text = OutputSink(True, "utf-8", None)
    for chunk in ("é".encode()[:1], "é".encode()[1:]):
        text.write(chunk)
    assert text.result() == "é"


def test_output_sink_text_is_the_one_shot_decoding() -> None:
    # Messages larger than a decode slice, characters split across slices and messages,
    # the string's width growing (ASCII, Latin-1, BMP, astral), a truncated tail.
    data = ("a" * (DECODE_SLICE - 1) + "é" + "x" * DECODE_SLICE + "€" * 5 + "😀").encode()
    data += b"\xe2\x82"
    sink = OutputSink(True, None, None)
    for start in range(0, len(data), 3 * DECODE_SLICE // 2):
        sink.write(data[start : start + 3 * DECODE_SLICE // 2])
    assert sink.result() == data.decode("utf-8", errors="replace")
    again = OutputSink(True, None, None)
    again.write(data)
    assert again.result() == data.decode("utf-8", errors="replace")
