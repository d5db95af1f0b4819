"""Which tests need a daemon: everything under tests/integration and tests/cluster, and any
other module that sets ``pytestmark = pytest.mark.integration`` (the daemon part of
tests/faults). scripts/check runs the rest; scripts/test runs both.

The cluster tests (tests/cluster/) run only in the cluster stage of scripts/test, which
starts a cluster with scripts/lxd-cluster and reads its env file (PYLXD_CLUSTER_URLS)."""

from __future__ import annotations

import os

import pytest

collect_ignore = [] if os.environ.get("PYLXD_CLUSTER_URLS") else ["cluster"]

DAEMON_DIRS = {"integration", "cluster"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if DAEMON_DIRS.intersection(item.path.relative_to(item.config.rootpath).parts[1:2]):
            item.add_marker(pytest.mark.integration)
