"""The cluster tests (tests/cluster/) run only in the cluster stage of scripts/test, which
starts a cluster with scripts/lxd-cluster and reads its env file (PYLXD_CLUSTER_URLS)."""

from __future__ import annotations

import os

collect_ignore = [] if os.environ.get("PYLXD_CLUSTER_URLS") else ["cluster"]
