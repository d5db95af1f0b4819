"""URL quoting, queries and names read from URLs (``_core/urls.py``)."""

from __future__ import annotations

from urllib.parse import parse_qs

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
