"""TLS contexts, pinning and certificate fingerprints (``_core/tls.py``)."""

from __future__ import annotations

import base64
import ssl
from pathlib import Path

import pytest

from pylxd._core.tls import (
    build_ssl_context,
    certificate_base64,
    certificate_fingerprint,
    is_pinned_certificate,
)
from tests.certs import make_cert


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory) -> tuple[str, str]:
    return make_cert(tmp_path_factory.mktemp("tls"), "pylxd", ca=False)


def test_ssl_context_modes(self_signed) -> None:
    crt, key = self_signed
    insecure = build_ssl_context(None, False)
    assert insecure.verify_mode == ssl.CERT_NONE and not insecure.check_hostname
    system = build_ssl_context(None, True)
    assert system.verify_mode == ssl.CERT_REQUIRED and system.check_hostname
    pinned = build_ssl_context((crt, key), crt)
    assert pinned.verify_mode == ssl.CERT_REQUIRED and not pinned.check_hostname
    assert is_pinned_certificate(crt)


def test_a_ca_or_a_bundle_is_not_pinned(tmp_path: Path) -> None:
    ca, _ = make_cert(tmp_path, "ca")
    leaf, _ = make_cert(tmp_path, "leaf", ca=False)
    assert not is_pinned_certificate(ca)
    bundle = tmp_path / "bundle.pem"
    bundle.write_text(Path(leaf).read_text() + Path(ca).read_text())
    assert not is_pinned_certificate(str(bundle))
    assert build_ssl_context(None, ca).check_hostname


def test_ssl_context_missing_files(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        build_ssl_context((str(tmp_path / "no.crt"), str(tmp_path / "no.key")), False)


def test_certificate_base64_is_the_der_body(self_signed) -> None:
    import base64

    pem = Path(self_signed[0]).read_text()
    assert base64.b64decode(certificate_base64(pem)) == ssl.PEM_cert_to_DER_cert(pem)
    with pytest.raises(ValueError):
        certificate_base64("not a certificate")


def test_certificate_fingerprint_from_pem_text_pem_bytes_and_der(self_signed) -> None:
    import hashlib

    pem = Path(self_signed[0]).read_text()
    der = ssl.PEM_cert_to_DER_cert(pem)
    expected = hashlib.sha256(der).hexdigest()
    assert certificate_fingerprint(pem) == expected
    assert certificate_fingerprint(pem.encode()) == expected
    assert certificate_fingerprint(der) == expected
    assert base64.b64decode(certificate_base64(der)) == der
    with pytest.raises(ValueError):
        certificate_fingerprint(b"-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----")
