"""One :class:`ssl.SSLContext` for HTTP and websockets alike, built from ``cert`` and ``verify``."""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ssl

__all__ = [
    "build_ssl_context",
    "certificate_base64",
    "certificate_der",
    "certificate_fingerprint",
    "is_pinned_certificate",
]


def build_ssl_context(cert: Sequence[str] | None, verify: bool | str) -> ssl.SSLContext:
    """Build the client's TLS context.

    Args:
        cert: ``(certificate, key)`` PEM paths presented to the server, or ``None``.
        verify: ``True`` checks the server against the system CAs and its hostname;
            ``False`` checks nothing; a path is either a CA bundle (hostname checked) or a
            single self-signed server certificate to pin (LXD's default: only that exact
            certificate is accepted, whatever name it carries).

    Raises:
        OSError, ssl.SSLError: a certificate file is missing or unreadable.
    """
    import ssl  # only HTTPS clients pay for it

    if verify is False:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    elif verify is True:
        context = ssl.create_default_context()
    else:
        context = ssl.create_default_context(cafile=verify)
        # A leaf certificate in the trust store is its own anchor: that is pinning.
        context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
        if is_pinned_certificate(verify):
            context.check_hostname = False
            # Python 3.13 turns on strict X.509 checks that LXD's self-made certificates
            # (no key identifiers) fail; the exact certificate is what is trusted here.
            context.verify_flags &= ~ssl.VERIFY_X509_STRICT
    if cert is not None:
        certfile, keyfile = cert
        context.load_cert_chain(certfile, keyfile)
    return context


def is_pinned_certificate(path: str) -> bool:
    """True when ``path`` holds exactly one certificate and it is not a CA: a server's own
    certificate (LXD's and Incus' are ``CA:FALSE``). Trusting it as the only anchor accepts
    that exact certificate and nothing it could sign, so its names need not match."""
    import ssl

    with open(path, encoding="ascii", errors="replace") as f:
        if f.read().count("-----BEGIN CERTIFICATE-----") != 1:
            return False
    probe = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    probe.load_verify_locations(cafile=path)
    return not probe.get_ca_certs()  # get_ca_certs() lists only CA:TRUE certificates


def certificate_der(data: str | bytes) -> bytes:
    """A certificate's DER bytes, from PEM (text or bytes) or DER.

    Raises:
        ValueError: ``data`` is not one PEM certificate, nor DER.
    """
    if isinstance(data, bytes):
        if data[:1] == b"\x30":  # an ASN.1 SEQUENCE: DER already
            return data
        data = data.decode("ascii", errors="replace")
    begin, end = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"
    start, stop = data.find(begin), data.find(end)
    if start < 0 or stop < start:
        raise ValueError("not a PEM certificate")
    body = "".join(data[start + len(begin) : stop].split())
    try:
        return base64.b64decode(body, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"not a PEM certificate: {exc}") from exc


def certificate_base64(pem: str | bytes) -> str:
    """The base64 DER body LXD expects in ``POST /1.0/certificates``.

    Raises:
        ValueError: ``pem`` is not one PEM (or DER) certificate.
    """
    return base64.b64encode(certificate_der(pem)).decode("ascii")


def certificate_fingerprint(data: str | bytes) -> str:
    """The fingerprint LXD keys a certificate by: SHA-256 of its DER, in hex."""
    return hashlib.sha256(certificate_der(data)).hexdigest()
