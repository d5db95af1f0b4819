"""client.events(websocket_client=...) with a ws4py class, as upstream's docs show (only when
ws4py is installed: pylxd itself never imports it)."""

from __future__ import annotations

import json
import threading
import uuid

import pytest

from pylxd import Client, EventType

ws4py_client = pytest.importorskip("ws4py.client")
pytestmark = pytest.mark.integration


class Collector(ws4py_client.WebSocketBaseClient):  # type: ignore[misc, name-defined]
    """Closes itself once the first lifecycle event of ours arrives."""

    def handshake_ok(self) -> None:
        self.events: list[dict] = []

    def received_message(self, message) -> None:
        event = json.loads(message.data.decode("utf-8"))
        self.events.append(event)
        if event["type"] == "lifecycle" and self.wanted in str(event["metadata"]):
            self.close()


def run_collector(client: Client, admin: Client) -> Collector:
    ws = client.events(websocket_client=Collector, event_types={EventType.Lifecycle})
    assert isinstance(ws, Collector)
    assert ws.resource == "/1.0/events?type=lifecycle"
    ws.wanted = f"pylxd-ws4py-{uuid.uuid4().hex[:8]}"
    ws.connect()
    thread = threading.Thread(target=ws.run, daemon=True)
    thread.start()
    try:
        admin.api.profiles.post(json={"name": ws.wanted})
        thread.join(20)
        assert not thread.is_alive(), "the lifecycle event never arrived"
    finally:
        admin.api.profiles[ws.wanted].delete()
        if thread.is_alive():
            ws.close()
    return ws


def test_a_ws4py_class_over_the_unix_socket(admin) -> None:
    ws = run_collector(admin, admin)
    assert ws.url.startswith("ws+unix://")
    assert {e["type"] for e in ws.events} == {"lifecycle"}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # ws4py calls ssl.wrap_socket
def test_a_ws4py_class_over_https_with_the_client_certificate(
    admin, https_url, client_cert, trust_token
) -> None:
    with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        client.authenticate(trust_token)
        ws = run_collector(client, admin)
        assert ws.url.startswith("wss://")
        assert any(e["metadata"].get("action") == "profile-created" for e in ws.events)
