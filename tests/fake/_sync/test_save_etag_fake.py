# Generated from tests/fake/_async/test_save_etag_fake.py by tools/unasync.py: do not edit, edit the source.
"""What save() sends, against a fake LXD that keeps one profile with an ETag and checks
``If-Match`` as LXD does (412 "ETag doesn't match"): the ETag of the GET is sent back, a
listing's object is read once first, force=True sends none, a refusal keeps the edits."""

from __future__ import annotations

import hashlib
import json
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from pylxd import Client
from pylxd.exceptions import ConcurrentModification, Conflict
from tests.fake.conftest import FakeLXD, send, send_json, sync_envelope

PATH = "/1.0/profiles/p1"


class ProfileStore:
    """One profile behind ``PATH`` (and the listing), with LXD's ETag rules."""

    def __init__(self, fake: FakeLXD) -> None:
        self.fake = fake
        self.data: dict[str, Any] = {
            "name": "p1",
            "description": "",
            "config": {"user.a": "0"},
            "devices": {},
            "used_by": [],
        }
        self.if_match: list[str | None] = []  # each PUT's If-Match
        fake.routes[("GET", PATH)] = self.get
        fake.routes[("GET", "/1.0/profiles")] = lambda h: send_json(
            h, 200, sync_envelope([self.data])
        )
        fake.routes[("PUT", PATH)] = self.put

    def etag(self) -> str:
        writable = [self.data["config"], self.data["description"], self.data["devices"]]
        return hashlib.sha256(json.dumps(writable, sort_keys=True).encode()).hexdigest()

    def get(self, handler: BaseHTTPRequestHandler) -> None:
        body = json.dumps(sync_envelope(self.data)).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("ETag", f'"{self.etag()}"')
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def put(self, handler: BaseHTTPRequestHandler) -> None:
        body = json.loads(self.fake.bodies[-1])  # the fake read it already
        match = handler.headers.get("If-Match")
        self.if_match.append(match)
        if match and match.strip('"') != self.etag():
            error = f"ETag doesn't match: {self.etag()} vs {match.strip(chr(34))}"
            send_json(handler, 412, {"type": "error", "error_code": 412, "error": error})
            return
        self.data.update(body)
        send(handler, 200, json.dumps(sync_envelope({})).encode(), "application/json")

    def change_behind_our_back(self, **changes: Any) -> None:
        self.data.update(changes)


@pytest.fixture
def store(fake_lxd: FakeLXD) -> ProfileStore:
    return ProfileStore(fake_lxd)


def test_the_etag_of_the_get_is_sent_back(fake_lxd: FakeLXD, store: ProfileStore) -> None:
    with Client(endpoint=fake_lxd.socket_path) as client:
        profile = client.profiles.get("p1")
        etag = store.etag()
        profile.config["user.a"] = "1"
        methods_before = len(fake_lxd.requests)
        assert profile.save() is None
    assert [m for m, _ in fake_lxd.requests[methods_before:]] == ["PUT"]  # no extra request
    assert store.if_match == [f'"{etag}"']
    assert store.data["config"] == {"user.a": "1"} and not profile.dirty


def test_a_change_meanwhile_raises_with_both_sides(
    fake_lxd: FakeLXD, store: ProfileStore
) -> None:
    with Client(endpoint=fake_lxd.socket_path) as client:
        profile = client.profiles.get("p1")
        store.change_behind_our_back(description="theirs")
        profile.config["user.a"] = "mine"
        with pytest.raises(ConcurrentModification) as caught:
            profile.save()
        assert isinstance(caught.value, Conflict) and caught.value.status_code == 412
        assert "ETag doesn't match" in str(caught.value)  # LXD's own text is kept
        assert caught.value.current is not None
        assert caught.value.current["description"] == "theirs"
        assert caught.value.pending == {"config": {"user.a": "mine"}}
        assert profile.dirty and profile.config["user.a"] == "mine"
        assert store.data["config"] == {"user.a": "0"}  # nothing written

        profile.save(force=True)
    assert store.if_match[-1] is None  # force: no If-Match
    assert store.data["config"] == {"user.a": "mine"}


def test_a_listed_object_is_read_once_then_guarded(
    fake_lxd: FakeLXD, store: ProfileStore
) -> None:
    with Client(endpoint=fake_lxd.socket_path) as client:
        [profile] = client.profiles.all()
        profile.description = "mine"
        etag = store.etag()
        start = len(fake_lxd.requests)
        profile.save()
        assert [m for m, _ in fake_lxd.requests[start:]] == ["GET", "PUT"]
        assert store.if_match == [f'"{etag}"']  # the read's ETag guards the PUT too

        [stale] = client.profiles.all()
        store.change_behind_our_back(config={"user.a": "theirs"})
        stale.description = "again"
        start = len(fake_lxd.requests)
        with pytest.raises(ConcurrentModification, match=r"changed on the server.*\(config\)"):
            stale.save()
        assert [m for m, _ in fake_lxd.requests[start:]] == ["GET"]  # refused before any PUT
        assert stale.dirty and stale.description == "again"


def test_after_a_save_the_next_save_reads_first(
    fake_lxd: FakeLXD, store: ProfileStore
) -> None:
    with Client(endpoint=fake_lxd.socket_path) as client:
        profile = client.profiles.get("p1")
        profile.description = "one"
        profile.save()
        store.change_behind_our_back(config={"user.a": "theirs"})
        profile.description = "two"
        with pytest.raises(ConcurrentModification):
            profile.save()
        assert store.data["description"] == "one"
