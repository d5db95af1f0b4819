"""The JWT a client certificate's key signs (``_core/jwt.py``, Incus' ``auth_tls_jwt``)."""

from __future__ import annotations

import base64
import json

import pytest

pytest.importorskip("cryptography")

from cryptography.hazmat.primitives import hashes  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec, utils  # noqa: E402

from pylxd._core.jwt import BearerToken, sign_jwt  # noqa: E402
from tests.certs import make_cert  # noqa: E402


def _part(text: str) -> dict[str, object]:
    return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


def test_es256_token_verifies_with_the_certificate_and_keeps_go_claim_order(tmp_path) -> None:
    from cryptography import x509

    crt, key = make_cert(tmp_path, "jwt")
    with open(crt) as f:
        pem = f.read()
    with open(key, "rb") as f:
        key_pem = f.read()
    bearer = BearerToken(pem, key_pem, lifetime=120)
    header = bearer.header()
    assert header == bearer.header()  # reused while fresh
    head, body, signature = header.removeprefix("Bearer ").split(".")
    assert _part(head) == {"alg": "ES256", "typ": "JWT"}
    claims = _part(body)
    assert list(claims) == ["sub", "exp", "nbf", "iat"]
    assert claims["sub"] == bearer.fingerprint
    raw = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
    r, s = int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
    public = x509.load_pem_x509_certificate(pem.encode()).public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey)
    public.verify(
        utils.encode_dss_signature(r, s), f"{head}.{body}".encode(), ec.ECDSA(hashes.SHA256())
    )


def test_a_key_that_is_not_a_key_is_refused() -> None:
    with pytest.raises(ValueError):
        sign_jwt({"sub": "x"}, b"not a key")
