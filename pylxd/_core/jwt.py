"""JWT authentication derived from the client certificate (Incus' ``auth_tls_jwt``): for a
client whose certificate cannot travel in the TLS handshake (a TLS-terminating proxy in
front of the server), a bearer token signed with the certificate's key, naming the
certificate's fingerprint as its subject.

Incus 6.0.4 refuses the same claims in another order: it accepted ``{"sub", "exp",
"nbf", "iat"}`` and refused ``{"sub", "nbf", "exp"}`` or ``{"iss"…}`` after ``sub`` (seen on
the daemon here; its check seems to read the claims in Go's order: ``iss``, ``sub``,
``aud``, ``exp``, ``nbf``, ``iat``, ``jti``). The claims are written in that order.
Needs ``cryptography`` (``pip install 'pylxd[certs]'``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import ssl
import time
from typing import Any

__all__ = ["BearerToken", "sign_jwt"]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign_jwt(claims: dict[str, Any], key_pem: bytes) -> str:
    """A compact JWS of ``claims`` signed with the private key ``key_pem``: ``ES256``,
    ``ES384`` or ``ES512`` for the curve of an EC key, ``RS256`` for an RSA key.

    Raises:
        ImportError: ``cryptography`` is not installed.
        ValueError: the key is neither EC nor RSA.
    """
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

    key = serialization.load_pem_private_key(key_pem, password=None)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        size = key.curve.key_size
        bits = {256: 256, 384: 384, 521: 512}.get(size)
        if bits is None:
            raise ValueError(f"no JWT algorithm for a {key.curve.name} key")
        algorithm, digest = (
            f"ES{bits}",
            {256: hashes.SHA256, 384: hashes.SHA384}.get(bits, hashes.SHA512)(),
        )
    elif isinstance(key, rsa.RSAPrivateKey):
        algorithm, digest = "RS256", hashes.SHA256()
    else:
        raise ValueError("the client key is neither EC nor RSA: no JWT algorithm for it")
    header = {"alg": algorithm, "typ": "JWT"}
    compact = json.dumps(header, separators=(",", ":")), json.dumps(claims, separators=(",", ":"))
    signing_input = f"{_b64(compact[0].encode())}.{_b64(compact[1].encode())}".encode()
    if isinstance(key, ec.EllipticCurvePrivateKey):
        r, s = utils.decode_dss_signature(key.sign(signing_input, ec.ECDSA(digest)))
        width = (key.curve.key_size + 7) // 8  # JWS wants r and s, fixed width, not DER
        signature = r.to_bytes(width, "big") + s.to_bytes(width, "big")
    else:
        signature = key.sign(signing_input, padding.PKCS1v15(), digest)
    return f"{signing_input.decode()}.{_b64(signature)}"


class BearerToken:
    """The ``Authorization`` header of a client certificate's JWT, made again before it
    expires (``lifetime`` seconds each; a few microseconds of signing, not per request)."""

    def __init__(self, cert_pem: str, key_pem: bytes, lifetime: int = 300) -> None:
        self.fingerprint = hashlib.sha256(ssl.PEM_cert_to_DER_cert(cert_pem)).hexdigest()
        self._key = key_pem
        self._lifetime = lifetime
        self._header = ""
        self._expires = 0.0
        self.header()  # a bad key fails here, when the client is made

    def header(self) -> str:
        now = time.time()
        if now > self._expires - self._lifetime / 5:
            # In Go's claim order (see the module's note): Incus refuses any other.
            claims = {
                "sub": self.fingerprint,
                "exp": int(now) + self._lifetime,
                "nbf": int(now) - 60,
                "iat": int(now),
            }
            self._header = f"Bearer {sign_jwt(claims, self._key)}"
            self._expires = now + self._lifetime
        return self._header
