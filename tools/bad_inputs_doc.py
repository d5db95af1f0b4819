#!/usr/bin/env python3
"""Write docs/errors-bad-inputs.md: the bad-input table of tests/faults, with what LXD (and
Incus) answered to each row, recorded from the real daemons.

    python tools/bad_inputs_doc.py            LXD (LXD_DIR's socket) and Incus, if there
    python tools/bad_inputs_doc.py --no-incus LXD only (no Incus column entries)

The rows, the exceptions and the message patterns are the test's ``CASES``
(tests/faults/_async/test_bad_inputs.py): the docs cannot list a case the suite does not
check. Each row is run once per server with the blocking client; the names the module
made are shown as ``<name>``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pylxd import Client  # noqa: E402
from pylxd.exceptions import LXDAPIException  # noqa: E402
from tests.faults._sync.test_bad_inputs import CASES, Names, objects_for_cases  # noqa: E402

OUT = ROOT / "docs" / "errors-bad-inputs.md"
INCUS_SOCKET = "/var/lib/incus/unix.socket"

HEADER = """\
# Bad inputs and the errors they raise

Every row is a test in `tests/faults/_async/test_bad_inputs.py` (both flavours, run by
`scripts/test` against LXD 5.0 and Incus 6.0): a bad input sent to the real daemon, the
typed `pylxd.exceptions` error it raises, and the daemon's own message, which the error
carries as `str(exc)` and `exc.error`; none took more than about a second (the figure below).
Written by `python tools/bad_inputs_doc.py` from the test's table.

Names that are never sent (`""`, `"."`, `".."`) and names that are not strings are refused
before any request: `InvalidName` (a `ValueError`) and `TypeError`. An answer of the wrong
shape from a server is a `MalformedResponse` naming what was expected and where.

| Input | Error | LXD 5.0's message | Incus 6.0 (where it differs) |
|---|---|---|---|
"""


def run(client: Client, names: Names) -> dict[str, tuple[str, str, float]]:
    """Each case's error class, message (names made generic) and time."""
    made = [v for v in vars(names).values() if isinstance(v, str) and len(v) > 4]
    out = {}
    for case in CASES:
        started = time.perf_counter()
        try:
            case.call(client, names)
        except LXDAPIException as exc:
            text = exc.error
            for name in sorted(made, key=len, reverse=True):
                text = text.replace(name, "<name>")
            if not re.search(case.message, exc.error):
                raise SystemExit(
                    f"{case.id}: {exc.error!r} does not match {case.message!r}"
                ) from exc
            out[case.id] = (type(exc).__name__, text, time.perf_counter() - started)
        else:
            raise SystemExit(f"{case.id}: no error")
    return out


def record(endpoint: str | None) -> dict[str, tuple[str, str, float]]:
    with Client(endpoint=endpoint) as client, objects_for_cases(client) as names:
        return run(client, names)


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-incus", action="store_true", help="record LXD only")
    args = parser.parse_args()
    lxd = record(None)
    incus = {} if args.no_incus or not os.path.exists(INCUS_SOCKET) else record(INCUS_SOCKET)
    rows = []
    for case in CASES:
        cls, text, _ = lxd[case.id]
        other = ""
        if case.id in incus:
            icls, itext, _ = incus[case.id]
            if (icls, itext) != (cls, text):
                other = f"`{icls}`: {cell(itext)}" if icls != cls else cell(itext)
        rows.append(f"| `{cell(case.what)}` | `{cls}` | {cell(text)} | {other} |\n")
    slowest = max(seconds for _, _, seconds in [*lxd.values(), *incus.values()])
    OUT.write_text(
        HEADER + "".join(rows) + f"\n{len(CASES)} inputs; the slowest answer took "
        f"{slowest:.2f} s.\n"
    )
    print(f"wrote {OUT.relative_to(ROOT)} ({len(CASES)} rows)")


if __name__ == "__main__":
    main()
