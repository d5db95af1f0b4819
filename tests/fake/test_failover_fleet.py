"""Failover over fake transports, and fleet results (no daemon)."""

from __future__ import annotations

from typing import Any

import pytest

from pylxd._core.endpoint import resolve_endpoints
from pylxd._sync.failover import FailoverTransport
from pylxd._sync.fleet import FleetResult
from pylxd.exceptions import (
    ClientConnectionFailed,
    EndpointUnreachable,
    TransportTimeout,
)


class FakeTransport:
    """Answers, or raises what it was told to, and counts the calls."""

    def __init__(self, name: str, error: Exception | None = None) -> None:
        self.name = name
        self.error = error
        self.calls: list[str] = []
        self.closed = False

    def request(self, method: str, url: str, **kwargs: Any) -> str:
        self.calls.append(method)
        if self.error is not None:
            raise self.error
        return f"{self.name}:{method} {url}"

    stream = request

    def close(self) -> None:
        self.closed = True


def failover(*transports: FakeTransport) -> Any:  # answers with strings, not Responses
    by_host = {t.name: t for t in transports}
    endpoints = resolve_endpoints([f"https://{t.name}:8443" for t in transports])
    return FailoverTransport(endpoints, lambda e: by_host[e.hostname])  # type: ignore[arg-type, return-value]


def test_failover_moves_on_when_a_member_cannot_be_reached() -> None:
    a = FakeTransport("10.0.0.1", EndpointUnreachable("refused"))
    b = FakeTransport("10.0.0.2")
    c = FakeTransport("10.0.0.3")
    transport = failover(a, b, c)
    assert transport.endpoint.hostname == "10.0.0.1"
    assert transport.request("POST", "/1.0/instances") == "10.0.0.2:POST /1.0/instances"
    assert transport.endpoint.hostname == "10.0.0.2"  # it stays in use
    assert transport.stream("GET", "/1.0") == "10.0.0.2:GET /1.0"
    assert a.calls == ["POST"] and b.calls == ["POST", "GET"] and c.calls == []


def test_failover_resends_only_reads_lost_half_way() -> None:
    a = FakeTransport("10.0.0.1", ClientConnectionFailed("reset"))
    b = FakeTransport("10.0.0.2")
    transport = failover(a, b)
    assert transport.request("GET", "/1.0") == "10.0.0.2:GET /1.0"
    transport = failover(FakeTransport("10.0.0.1", ClientConnectionFailed("reset")), b)
    with pytest.raises(ClientConnectionFailed, match="reset"):
        transport.request("POST", "/1.0/instances")  # may have been acted on
    assert transport.endpoint.hostname == "10.0.0.2"  # the next request goes on


def test_failover_timeouts_are_not_failovers_and_all_down_is_one_error() -> None:
    slow = FakeTransport("10.0.0.1", TransportTimeout("slow"))
    transport = failover(slow, FakeTransport("10.0.0.2"))
    with pytest.raises(TransportTimeout):
        transport.request("GET", "/1.0")
    members = (
        FakeTransport("10.0.0.1", EndpointUnreachable("one")),
        FakeTransport("10.0.0.2", EndpointUnreachable("two")),
    )
    down = failover(*members)
    with pytest.raises(EndpointUnreachable, match="no cluster member answers: one; two"):
        down.request("GET", "/1.0")
    down.close()
    assert all(t.closed for t in members)


def test_fleet_result() -> None:
    ok = FleetResult("a", value=1)
    bad: FleetResult[int] = FleetResult("b", error=ValueError("no"))
    assert ok.ok and ok.unwrap() == 1
    assert not bad.ok
    with pytest.raises(ValueError, match="no"):
        bad.unwrap()
    assert "error=ValueError" in repr(bad)
