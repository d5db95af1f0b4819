"""A small reader for the YAML of ``lxc``'s and ``incus``' ``config.yml``.

Those files are written by Go's YAML library in one fixed shape: nested block mappings
of scalars (``addr: https://…``, ``public: false``, ``aliases: {}``), quoted only where a
plain scalar would be read as something else. Reading six keys does not justify a YAML
dependency (PyYAML is a C extension), so this reads that subset: block mappings, block
sequences of scalars, plain/single/double-quoted scalars, ``{}``/``[]``, comments.
Anything else is a :class:`ValueError` naming the line, never a guess.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["parse"]

_KEY = re.compile(
    r"""^(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^'"#\s][^:#]*?)\s*:(?:\s+|$)(?P<rest>.*)$"""
)


def parse(text: str) -> Any:
    """The document in ``text`` (a mapping for a config file; ``None`` when empty).

    Raises:
        ValueError: the text uses YAML this reader does not know (its line number).
    """
    lines = []
    for number, raw in enumerate(text.splitlines(), 1):
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            raise ValueError(f"line {number}: tabs in indentation")
        stripped = raw.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            lines.append((number, len(raw) - len(raw.lstrip(" ")), stripped))
    if not lines:
        return None
    value, end = _block(lines, 0, lines[0][1])
    if end != len(lines):
        raise ValueError(f"line {lines[end][0]}: unexpected indentation")
    return value


def _block(lines: list[tuple[int, int, str]], start: int, indent: int) -> tuple[Any, int]:
    """The mapping or sequence whose entries start at ``lines[start]`` with ``indent``."""
    if lines[start][2].startswith("- ") or lines[start][2] == "-":
        items: list[Any] = []
        index = start
        while index < len(lines) and lines[index][1] == indent and lines[index][2][:1] == "-":
            number, _, text = lines[index]
            items.append(_scalar(text[1:].strip(), number))
            index += 1
        return items, index
    mapping: dict[str, Any] = {}
    index = start
    while index < len(lines) and lines[index][1] == indent:
        number, _, text = lines[index]
        match = _KEY.match(text)
        if match is None:
            raise ValueError(f"line {number}: not a 'key: value' line: {text!r}")
        key = str(_scalar(match["key"], number))
        rest = match["rest"]
        index += 1
        if rest and not rest.startswith("#"):
            mapping[key] = _scalar(rest, number)
        elif index < len(lines) and lines[index][1] > indent:
            mapping[key], index = _block(lines, index, lines[index][1])
        elif index < len(lines) and lines[index][1] == indent and lines[index][2][:1] == "-":
            mapping[key], index = _block(lines, index, indent)  # a sequence at the key's level
        else:
            mapping[key] = None
    if index < len(lines) and lines[index][1] > indent:
        raise ValueError(f"line {lines[index][0]}: unexpected indentation")
    return mapping, index


def _scalar(text: str, number: int) -> Any:
    """One scalar: quoted strings, ``{}``/``[]``, booleans, null, numbers, plain text."""
    if text.startswith('"'):
        end = _closing(text, '"', number)
        return json.loads(text[: end + 1])
    if text.startswith("'"):
        end = _closing(text, "'", number)
        return text[1:end].replace("''", "'")
    text = re.split(r"\s+#", text, maxsplit=1)[0].strip()
    if text in ("{}", "[]"):
        return {} if text == "{}" else []
    if text[:1] in ("{", "[", "&", "*", "!", "|", ">"):
        raise ValueError(f"line {number}: YAML this reader does not know: {text!r}")
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("", "~", "null"):
        return None
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    return text


def _closing(text: str, quote: str, number: int) -> int:
    """Where the quoted scalar that opens ``text`` ends (nothing but a comment after it)."""
    index = 1
    while index < len(text):
        char = text[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and text[index + 1 : index + 2] == "'":
                index += 2
                continue
            after = text[index + 1 :].strip()
            if after and not after.startswith("#"):
                raise ValueError(f"line {number}: text after a quoted string")
            return index
        index += 1
    raise ValueError(f"line {number}: unterminated quoted string")
