"""examples/tour.py (what ``scripts/tour`` runs) runs to the end against the test daemon.

It runs as a subprocess with this test run's environment (LXD, or Incus in the Incus pass),
so the tour cannot drift from the library: every section must print its result line and
the tour must leave nothing behind.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pylxd import Client

pytestmark = pytest.mark.integration

TOUR = Path(__file__).resolve().parents[2] / "examples" / "tour.py"

# One line per section (regular expressions), in the order the tour prints them.
EXPECTED = [
    r"^connected to \S+: (lxd|incus) \d",
    r"^created tour-c-\w+ from '[^']+': Running$",
    r"^  execute -> exit 0, stdout='Linux 0', stderr='oops'$",
    r"^  config edit: dirty=True, saved on the server: 'edited in place'$",
    r"^  files: put \+ get b'hello from the tour\\n', stat: file, mode 0o640",
    r"^  files: 3 MiB streamed up in \d+ chunks and back down, same size: True$",
    r"^  files: recursive put/get \['a.txt', 'link', 'sub', 'sub/b.sh'\], "
    r"b.sh still executable: True$",
    r"^  interactive shell: answered 42, exit code 3$",
    r"^  snapshot \['before'\]: file deleted=True, back after restore=True$",
    r"^  published as image [0-9a-f]{12} \(alias tour-img-\w+\), exported [\d.]+ MB$",
    r"^  lifecycle events seen: instance-created, instance-started, .*instance-deleted$",
    r"^created tour-profile-\w+: config \{'limits.memory': '64MiB', 'limits.processes': '100'\}$",
    r"^created tour-project-\w+: profiles in it \['default', 'web'\]$",
    r"^created tourbr\w+: type=bridge, managed=True$",
    r"^  ACL tour-acl-\w+: 1 ingress, 1 egress rule\(s\)$",
    r"^created pool tour-pool-\w+: driver dir, status Created$",
    r"^  volumes \['data'\], snapshots \['s0'\]$",
    r"^  volume config saved: \{'user.tour': 'yes'\}$",
    r"^  the first cannot be reached; answered by /\S+ \([\d.]+\)$",
    r"^4 listings at once in \d+ ms: ",
    r"^fleet of 3: created, started, executed -> \['tour-f0-\w+', 'tour-f1-\w+', 'tour-f2-\w+'\]$",
    r"^tour done in [\d.]+ s$",
]


def test_the_tour_runs_and_cleans_up(admin: Client) -> None:
    result = subprocess.run(
        [sys.executable, str(TOUR)],
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "could not remove" not in result.stdout, result.stdout
    lines = result.stdout.splitlines()
    position = 0
    for pattern in EXPECTED:
        found = next((i for i in range(position, len(lines)) if re.search(pattern, lines[i])), None)
        assert found is not None, f"no line matching {pattern!r} after line {position}:\n" + (
            result.stdout
        )
        position = found + 1
    assert lines.count("  deleted; exists=False") == 4, result.stdout

    run = re.search(r"^created tour-c-(\w+) ", result.stdout, re.M)
    assert run is not None
    tag = run.group(1)
    leftovers = [i.name for i in admin.instances.all() if i.name.endswith(tag)]
    leftovers += [p.name for p in admin.storage_pools.all() if p.name.endswith(tag)]
    leftovers += [n.name for n in admin.networks.all() if n.name.endswith(tag)]
    assert leftovers == []
