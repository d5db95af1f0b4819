"""URL quoting, queries and names read from URLs (``_core/urls.py``)."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from pylxd._core.urls import (
    attribute_segment,
    join_path,
    logs_relative_name,
    name_from_url,
    quote_segment,
    with_query,
)


def test_segments_are_quoted() -> None:
    assert quote_segment("a/b?c#d e%") == "a%2Fb%3Fc%23d%20e%25"
    assert join_path("/1.0/instances", "x y") == "/1.0/instances/x%20y"
    assert attribute_segment("network_acls") == "network-acls"
    assert name_from_url("/1.0/instances/my%20c1?project=p") == "my c1"


def test_query_building() -> None:
    assert with_query("/p", None) == "/p"
    assert with_query("/p", {"a": None}) == "/p"
    assert with_query("/p", {"recursion": 1, "force": True}) == "/p?recursion=1&force=true"
    assert with_query("/p?x=1", {"y": "a b"}) == "/p?x=1&y=a%20b"
    query = with_query("/p", {"recursion": "2;fields=state.network"}).split("?", 1)[1]
    assert parse_qs(query) == {"recursion": ["2;fields=state.network"]}


def test_log_names_relative_to_the_logs_directory() -> None:
    assert logs_relative_name("/1.0/instances/c1/logs/lxc.log") == "lxc.log"
    url = "/1.0/instances/c1/logs/exec-output/exec_1.stdout?project=p"
    assert logs_relative_name(url) == "exec-output/exec_1.stdout"


def test_filter_expression_passes_lxd_syntax_and_builds_pairs() -> None:
    from pylxd._core.urls import filter_expression

    assert filter_expression(" status eq Running ") == "status eq Running"
    assert filter_expression({"status": "Running", "config.user.x": "a b", "ephemeral": False}) == (
        'status eq Running and config.user.x eq "a b" and ephemeral eq false'
    )
    assert filter_expression({"config.user.x": ""}) == 'config.user.x eq ""'
    with pytest.raises(ValueError, match="double quote"):
        filter_expression({"name": 'a"b'})
    with pytest.raises(ValueError, match="empty filter"):
        filter_expression({})
