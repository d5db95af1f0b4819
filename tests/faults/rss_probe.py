"""One huge answer or websocket message from a fake server, measured in a process of its
own (the peak only grows): prints ``{"growth_kib", "seconds", "error"}`` as JSON.

The peak is ``VmHWM`` (this process's memory), not ``ru_maxrss``: Linux carries
``ru_maxrss`` over ``exec``, so a child of a big pytest starts with its parent's peak.

    python -m tests.faults.rss_probe sync|aio <socket> <path> http|websocket
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any

import pylxd._drivers.aio.websocket
import pylxd._drivers.sync.websocket  # noqa: F401 - imported before the baseline
from pylxd import Client
from pylxd.aio import Client as AsyncClient


def _peak_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def _report(started: float, base: int, error: BaseException | None) -> None:
    print(
        json.dumps(
            {
                "growth_kib": _peak_kib() - base,
                "seconds": round(time.monotonic() - started, 3),
                "error": type(error).__name__ if error else None,
            }
        )
    )


def run_sync(socket_path: str, path: str, kind: str) -> None:
    client = Client(endpoint=socket_path)
    base, started, error = _peak_kib(), time.monotonic(), None
    try:
        if kind == "http":
            client._request("GET", path)
        else:
            (socket,) = client._websockets([path])
            try:
                socket.recv(30)
            finally:
                socket.close()
    except Exception as exc:  # noqa: BLE001 - reported
        error = exc
    _report(started, base, error)
    client.close()


async def run_aio(socket_path: str, path: str, kind: str) -> None:
    async with AsyncClient(endpoint=socket_path) as client:
        base, started, error = _peak_kib(), time.monotonic(), None
        try:
            if kind == "http":
                await client._request("GET", path)
            else:
                (socket,) = await client._websockets([path])
                try:
                    await socket.recv(30)
                finally:
                    await socket.close()
        except Exception as exc:  # noqa: BLE001 - reported
            error = exc
        _report(started, base, error)


def main(argv: list[str]) -> Any:
    flavour, socket_path, path, kind = argv
    if flavour == "sync":
        return run_sync(socket_path, path, kind)
    return asyncio.run(run_aio(socket_path, path, kind))


if __name__ == "__main__":
    main(sys.argv[1:])
