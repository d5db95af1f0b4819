# Generated from tests/cluster/_async/test_failover.py by tools/unasync.py: do not edit, edit the source.
"""Failover: a client given every member keeps working when the member in use stops."""

from __future__ import annotations

import pytest

from pylxd import Client
from pylxd.exceptions import EndpointUnreachable, InvalidEndpoint
from tests.cluster.conftest import CERT, URLS

pytestmark = pytest.mark.integration


def image_config(name: str, alias: str) -> dict[str, object]:
    return {"name": name, "source": {"type": "image", "alias": alias}}


def test_the_next_member_takes_over_when_the_one_in_use_stops(
    stop_member, instance_name, image_alias
) -> None:
    # m3 first: stopping it leaves the two others (and the database majority) up.
    endpoints = [URLS[2], URLS[0], URLS[1]]
    with Client(endpoint=endpoints, cert=CERT, verify=False) as client:
        assert str(client.endpoint) == URLS[2]
        assert (client.cluster.get()).server_name == "m3"
        instance = client.instances.create(
            image_config(instance_name, image_alias), wait=True, target="m1"
        )

        stop_member(3)  # mid-run: the member this client talks to goes away

        assert (client.cluster.get()).server_name == "m1"
        assert str(client.endpoint) == URLS[0]
        instance.start(wait=True)  # writes go on, through the member that answered
        assert (instance.execute(["echo", "still here"])).stdout == "still here\n"
        assert (client.instances.get(instance_name)).location == "m1"
        instance.stop(wait=True)


def test_no_member_answering_is_one_clear_error(tmp_path) -> None:
    dead = [str(tmp_path / "a.socket"), str(tmp_path / "b.socket")]
    with pytest.raises(EndpointUnreachable, match="no cluster member answers"):
        with Client(endpoint=dead):
            pass
    with pytest.raises(InvalidEndpoint):
        Client(endpoint=[])
    with pytest.raises(InvalidEndpoint):
        Client(endpoint=[URLS[0], 8443])  # type: ignore[list-item]


def test_members_are_tried_in_order(tmp_path) -> None:
    endpoints = [str(tmp_path / "gone.socket"), URLS[1], URLS[0]]
    with Client(endpoint=endpoints, cert=CERT, verify=False) as client:
        assert (client.cluster.get()).server_name == "m2"
        assert [str(e) for e in client.endpoints] == endpoints
