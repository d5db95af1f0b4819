"""docs/migration-differences.md is the table of tests/drop_in_differences.py, written out."""

from __future__ import annotations

from tests.drop_in_differences import DIFFERENCES, DOC, compare, explained, markdown


def test_the_migration_page_is_the_table() -> None:
    assert DOC.read_text() == markdown(), "run: python -m tests.drop_in_differences"
    assert all(each.what and each.why for each in DIFFERENCES)


def test_compare_finds_values_types_and_errors() -> None:
    upstream = {
        "a": {"type": "M", "attrs": {"x": ["NoneType", None], "y": ["list", [["str", "s"]]]}},
        "e": {"raises": ["LXDAPIException"], "message": "Instance is running"},
    }
    ours = {
        "a": {"type": "M", "attrs": {"x": ["str", "none"], "y": ["tuple", [["str", "s"]]]}},
        "e": {"raises": ["BadRequest", "LXDAPIException"], "message": "Instance is running"},
    }
    assert compare(upstream, ours) == [
        ("a.x", ["NoneType", None], ["str", "none"]),
        ("a.y:type", "list", "tuple"),
    ]  # a subclass of upstream's exception with LXD's same text is no difference
    assert explained("virtual_machines.all", "lxd") is not None
    assert explained("instances.get.location", "lxd") is None
