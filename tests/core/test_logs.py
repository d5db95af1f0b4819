"""What pylxd's loggers may say: secret query values masked, one line per request."""

from __future__ import annotations

import logging

import pytest

from pylxd._core.logs import MASK, RequestLog, safe_path


def test_secret_query_values_are_masked() -> None:
    path = "/1.0/operations/abc/websocket?secret=s3cr3t&project=p"
    assert safe_path(path) == f"/1.0/operations/abc/websocket?secret={MASK}&project=p"
    assert safe_path("/1.0/x?password=a&token=b&key=c") == (
        f"/1.0/x?password={MASK}&token={MASK}&key={MASK}"
    )
    assert safe_path("/1.0/instances?recursion=1") == "/1.0/instances?recursion=1"
    assert safe_path("/1.0/instances/secret-name") == "/1.0/instances/secret-name"


def test_one_line_per_request_and_per_failure(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="pylxd.http")
    with RequestLog("GET", "/1.0/x?secret=abc") as logged:
        pass
    logged.answered(200, 12)
    with pytest.raises(OSError), RequestLog("POST", "/1.0/y"):
        raise OSError("refused")
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2
    assert lines[0].startswith(f"GET /1.0/x?secret={MASK} -> 200 in ") and "12 bytes" in lines[0]
    assert lines[1].startswith("POST /1.0/y failed after ") and lines[1].endswith("refused")


def test_nothing_when_disabled(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="pylxd.http")
    with RequestLog("GET", "/1.0") as logged:
        pass
    logged.answered(200, None)
    assert logged.started is None and caplog.records == []
