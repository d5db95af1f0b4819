"""Fixtures for the cluster tests: a real 3-member LXD cluster from scripts/lxd-cluster (or
Incus cluster, scripts/incus-cluster).

The cluster stage of scripts/test sets the environment from the cluster's env file
(``PYLXD_CLUSTER_*``, and ``LXD_DIR`` or, for Incus, ``INCUS_SOCKET`` = member m1). These
tests fail, never skip, without it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator

import pytest

from pylxd import Client
from tests.integration.conftest import delete_instance, unique_name

SOCKETS = os.environ["PYLXD_CLUSTER_SOCKETS"].split(",")
URLS = os.environ["PYLXD_CLUSTER_URLS"].split(",")
CERT = (os.environ["PYLXD_CLUSTER_CERT"], os.environ["PYLXD_CLUSTER_KEY"])
SCRIPT = os.environ["PYLXD_CLUSTER_SCRIPT"]
MEMBERS = [f"m{i}" for i in range(1, len(URLS) + 1)]


@pytest.fixture(scope="session")
def cluster_admin() -> Iterator[Client]:
    """A blocking client on member m1's socket, for setup and cleanup."""
    with Client(endpoint=SOCKETS[0]) as client:
        yield client


@pytest.fixture
def image_alias() -> str:
    return os.environ.get("PYLXD_IMAGE_ALIAS", "busybox")


@pytest.fixture
def instance_name(cluster_admin: Client) -> Iterator[str]:
    """A unique instance name; whatever instance carries it is deleted afterwards."""
    name = unique_name("cl")
    yield name
    delete_instance(cluster_admin, name)


@pytest.fixture
def group_name(cluster_admin: Client) -> Iterator[str]:
    """A unique cluster group name; the group is deleted afterwards (members go back)."""
    name = unique_name("grp")
    yield name
    for group in cluster_admin.cluster.groups.all():
        if group.name == name:
            group.members = []  # LXD removes only empty groups
            group.save()
            group.delete()


@pytest.fixture
def stop_member() -> Iterator[Callable[[int], None]]:
    """``stop_member(i)`` stops member i of our own cluster; it is started again (and
    ONLINE) after the test."""
    stopped: list[int] = []

    def stop(index: int) -> None:
        stopped.append(index)
        subprocess.run([SCRIPT, "stop", str(index)], check=True, capture_output=True)

    yield stop
    for index in stopped:
        subprocess.run([SCRIPT, "start", str(index)], check=True, capture_output=True)


@pytest.fixture
def spare_server() -> Iterator[tuple[str, str]]:
    """A bare standalone LXD (member number 4+ of our cluster's scheme, never joined):
    ``(socket, address)``; stopped and removed afterwards."""
    index = len(URLS) + 1
    subprocess.run([SCRIPT, "start", str(index)], check=True, capture_output=True)
    socket = SOCKETS[0].replace("/m1/", f"/m{index}/")
    host, port = URLS[0].removeprefix("https://").rsplit(":", 1)
    address = f"{host[:-1]}{index}:{port}"  # member i listens on <ipbase><i>
    try:
        yield socket, address
    finally:
        subprocess.run([SCRIPT, "remove", str(index)], check=True, capture_output=True)
