# Generated from tests/integration/_async/test_instances_exec_recorded.py by tools/unasync.py: do not edit, edit the source.
"""execute(..., record_output=True): LXD's recorded exec output, read back and in instance.logs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pylxd import Client
from pylxd.models import RecordedExecuteResult
from pylxd.exceptions import NotFound, TransportTimeout
from tests.integration.conftest import shared_container

pytestmark = pytest.mark.integration

SCRIPT = "echo out; printf 'err\\377' >&2; exit 3"


@pytest.fixture(scope="module")
def container(admin) -> Iterator[str]:
    yield from shared_container(admin, "recorded")


def test_recorded_output_is_returned_and_kept_in_the_logs(container) -> None:
    with Client() as client:
        instance = client.instances.get(container)
        result = instance.execute(["sh", "-c", SCRIPT], record_output=True)
        assert isinstance(result, RecordedExecuteResult)
        exit_code, stdout, stderr = result  # still the documented triple
        assert (exit_code, stdout, stderr) == (3, "out\n", "err\ufffd")
        prefix = "exec-output/exec_" if client.is_incus else "exec_"
        assert result.stdout_log.startswith(prefix) and result.stdout_log.endswith(".stdout")
        assert result.stderr_log.startswith(prefix) and result.stderr_log.endswith(".stderr")
        names = instance.logs.all()
        assert {result.stdout_log, result.stderr_log} <= set(names)
        assert instance.logs.get(result.stdout_log) == "out\n"
        assert instance.logs.read(result.stderr_log) == b"err\xff"
        for name in (result.stdout_log, result.stderr_log):
            instance.logs.delete(name)
        assert result.stdout_log not in instance.logs.all()
        with pytest.raises(NotFound):
            instance.logs.get(result.stdout_log)


def test_recorded_output_as_bytes_and_through_handlers(container) -> None:
    with Client() as client:
        instance = client.instances.get(container)
        raw = instance.execute(
            ["sh", "-c", SCRIPT], record_output=True, decode=False, cwd="/tmp", user=1000
        )
        assert (raw.exit_code, raw.stdout, raw.stderr) == (3, b"out\n", b"err\xff")
        seen: list[str] = []
        handled = instance.execute(
            ["sh", "-c", "id -u; pwd"],
            record_output=True,
            cwd="/tmp",
            user=1000,
            stdout_handler=seen.append,
        )
        assert handled.exit_code == 0 and handled.stdout == ""
        assert "".join(seen) == "1000\n/tmp\n"
        for result in (raw, handled):
            instance.logs.delete(result.stdout_log)
            instance.logs.delete(result.stderr_log)


def test_recorded_command_refuses_stdin_and_times_out(container) -> None:
    with Client() as client:
        instance = client.instances.get(container)
        with pytest.raises(ValueError, match="no stdin"):
            instance.execute(["cat"], record_output=True, stdin_payload="x")
        with pytest.raises(TransportTimeout, match="still running"):
            instance.execute(["sleep", "3"], record_output=True, timeout=1)
