"""Trust and join tokens (``_core/tokens.py``)."""

from __future__ import annotations

import base64
import json

import pytest

from pylxd._core.tokens import encode_join_token, encode_trust_token, is_trust_token


def test_trust_tokens() -> None:
    token = encode_trust_token("me", "abc", ["127.0.0.1:8443"], "s3cret")
    assert is_trust_token(token)
    assert is_trust_token(f"  {token}\n")
    assert not is_trust_token("a-trust-password")
    assert not is_trust_token("aGVsbG8=")  # base64, but not a token


def test_join_token_is_what_lxc_cluster_add_prints() -> None:
    token = encode_join_token(
        "m4", "ab" * 32, ["127.0.0.11:8443"], "s3cret", "2030-01-01T00:00:00Z"
    )
    body = json.loads(base64.b64decode(token))
    assert body == {
        "server_name": "m4",
        "fingerprint": "ab" * 32,
        "addresses": ["127.0.0.11:8443"],
        "secret": "s3cret",
        "expires_at": "2030-01-01T00:00:00Z",
    }
    assert is_trust_token(token)
    assert "expires_at" not in json.loads(base64.b64decode(encode_join_token("m", "f", [], "s")))


def test_decode_join_token_reads_what_encode_wrote() -> None:
    from pylxd._core.tokens import decode_join_token

    token = encode_join_token("m4", "ab" * 32, ["10.0.0.1:8443"], "s3cret")
    assert decode_join_token(token) == {
        "server_name": "m4",
        "fingerprint": "ab" * 32,
        "addresses": ["10.0.0.1:8443"],
        "secret": "s3cret",
    }
    trust = encode_trust_token("client", "ab" * 32, ["10.0.0.1:8443"], "s3cret")
    for bad in ("", "not base64!", trust, encode_join_token("m4", "ab", [], "s")):
        with pytest.raises(ValueError):
            decode_join_token(bad)
