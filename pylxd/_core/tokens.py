"""Trust tokens (``lxc config trust add``) and cluster join tokens (``lxc cluster add``)."""

from __future__ import annotations

import base64
import binascii
import json

__all__ = ["decode_join_token", "encode_join_token", "encode_trust_token", "is_trust_token"]


def is_trust_token(secret: str) -> bool:
    """True when ``secret`` is base64 of a JSON object with a ``secret`` key."""
    try:
        decoded = base64.b64decode(secret.strip(), validate=True)
        body = json.loads(decoded)
    except (binascii.Error, ValueError):
        return False
    return isinstance(body, dict) and "secret" in body


def encode_trust_token(
    client_name: str,
    fingerprint: str,
    addresses: list[str],
    secret: str,
    expires_at: str | None = None,
) -> str:
    """The token ``lxc config trust add`` prints, from the operation's metadata."""
    return _encode({"client_name": client_name}, fingerprint, addresses, secret, expires_at)


def encode_join_token(
    server_name: str,
    fingerprint: str,
    addresses: list[str],
    secret: str,
    expires_at: str | None = None,
) -> str:
    """The token ``lxc cluster add`` prints, from the operation's metadata."""
    return _encode({"server_name": server_name}, fingerprint, addresses, secret, expires_at)


def _encode(
    body: dict[str, object],
    fingerprint: str,
    addresses: list[str],
    secret: str,
    expires_at: str | None,
) -> str:
    """Base64 of the compact JSON both kinds of token are: who it is for (``body``), then
    the server's fingerprint, addresses and the secret (and when it expires)."""
    body.update(fingerprint=fingerprint, addresses=addresses, secret=secret)
    if expires_at:
        body["expires_at"] = expires_at
    return base64.b64encode(json.dumps(body, separators=(",", ":")).encode()).decode()


def decode_join_token(token: str) -> dict[str, object]:
    """What a join token (``lxc cluster add``) holds: ``server_name``, ``fingerprint``,
    ``addresses`` (the cluster's), ``secret``.

    Raises:
        ValueError: it is not a join token.
    """
    try:
        body = json.loads(base64.b64decode(token.strip(), validate=True))
    except (binascii.Error, ValueError):
        body = None
    keys = ("server_name", "fingerprint", "addresses", "secret")
    if not isinstance(body, dict) or any(key not in body for key in keys):
        raise ValueError("not a cluster join token (the base64 JSON `lxc cluster add` prints)")
    if not isinstance(body["addresses"], list) or not body["addresses"]:
        raise ValueError("the join token names no cluster address")
    return body
