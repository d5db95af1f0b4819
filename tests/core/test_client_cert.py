"""A client certificate made as lxc makes it: ECDSA P-384, ten years, client auth, the key
readable by its owner only, an existing pair never overwritten."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from pylxd import generate_client_certificate
from pylxd.exceptions import RemoteConfigError


def test_a_new_pair_like_lxcs(tmp_path: Path) -> None:
    cert, key = generate_client_certificate(tmp_path / "conf")
    assert (cert, key) == (str(tmp_path / "conf/client.crt"), str(tmp_path / "conf/client.key"))
    assert Path(key).stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "conf").stat().st_mode & 0o777 == 0o700
    assert Path(key).read_text().startswith("-----BEGIN EC PRIVATE KEY-----")
    parsed = x509.load_pem_x509_certificate(Path(cert).read_bytes())
    public = parsed.public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey) and public.curve.name == "secp384r1"
    org = parsed.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    assert org == "linuxcontainers.org" and parsed.subject == parsed.issuer
    usage = parsed.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(usage) == [ExtendedKeyUsageOID.CLIENT_AUTH]
    assert not parsed.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    lifetime = parsed.not_valid_after_utc - parsed.not_valid_before_utc
    assert lifetime.days == 3650
    ssl.create_default_context().load_cert_chain(cert, key)  # usable as it is


def test_an_existing_pair_is_never_overwritten(tmp_path: Path) -> None:
    cert, key = generate_client_certificate(tmp_path)
    before = (Path(cert).read_bytes(), Path(key).read_bytes())
    assert generate_client_certificate(tmp_path) == (cert, key)
    assert (Path(cert).read_bytes(), Path(key).read_bytes()) == before
    Path(cert).unlink()
    with pytest.raises(RemoteConfigError, match="client.key exists without its pair"):
        generate_client_certificate(tmp_path)
    assert Path(key).read_bytes() == before[1] and not Path(cert).exists()


def test_the_default_directory_is_the_clis(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("INCUS_CONF", str(tmp_path / "incus"))
    cert, _key = generate_client_certificate(cli="incus")
    assert cert == str(tmp_path / "incus" / "client.crt")
