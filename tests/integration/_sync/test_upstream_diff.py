# Generated from tests/integration/_async/test_upstream_diff.py by tools/unasync.py: do not edit, edit the source.
"""Differential test: what upstream pylxd 2.4.2 reads and raises, against ours, on the same
daemon and the same objects.

The module makes one of each documented object (a running container and its snapshot, an
image alias, a profile, a project, a bridge, a ``dir`` pool with a volume and its
snapshot, a certificate, a running operation), then reads the same plan through upstream
(its own venv, ``scripts/upstream-venv``, run as a subprocess on the blocking twin of
``drop_in_reader.py``) and through ours in-process. Every attribute the docs list (the
data of ``tests/core/test_documented_surface.py``) and every documented manager call is
compared, value and type, and so is every error (class hierarchy and LXD's text) for the
documented bad inputs. A difference must be listed in ``tests/drop_in_differences.py``
with its reason: that table is docs/migration-differences.md.
"""

from __future__ import annotations

import pytest

from pylxd import Client
from tests.drop_in_differences import compare, report, unexplained
from tests.integration.drop_in import DropInObjects, error_plan, objects, upstream_read, value_plan

from .drop_in_reader import read

pytestmark = pytest.mark.integration

__all__ = ["objects"]  # the module-wide fixture


def test_values_as_upstream_reads_them(objects: DropInObjects) -> None:
    plan = value_plan(objects)
    with Client() as client:
        ours = read(client, plan)
    differences = compare(upstream_read(objects.endpoint, plan), ours)
    assert len(ours) == len(plan) and all(ours.values())
    left = unexplained(differences, objects.daemon)
    assert not left, report(left)


def test_errors_as_upstream_raises_them(objects: DropInObjects) -> None:
    plan = error_plan(objects)
    with Client() as client:
        ours = read(client, plan)
    assert all("raises" in each for each in ours.values()), ours  # every bad input is refused
    differences = compare(upstream_read(objects.endpoint, plan), ours)
    left = unexplained(differences, objects.daemon)
    assert not left, report(left)
