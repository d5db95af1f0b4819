"""A client certificate made the way ``lxc`` (and ``incus``) make theirs on first use.

An ECDSA P-384 key and a self-signed certificate valid ten years, ``O=linuxcontainers.org``,
``CN=user@host``, for TLS client authentication, written as ``client.crt`` and
``client.key`` (mode 0600, in the SEC1 ``EC PRIVATE KEY`` form the CLIs write).
It needs the ``cryptography`` package (``pip install 'pylxd[certs]'``), imported only here.
"""

from __future__ import annotations

import datetime
import getpass
import os
import socket

from pylxd._core.endpoint import CERT_FILE_NAME, KEY_FILE_NAME, Cert
from pylxd._core.remotes import config_dir
from pylxd.exceptions import RemoteConfigError

__all__ = ["generate_client_certificate"]

_TEN_YEARS = datetime.timedelta(days=3650)


def generate_client_certificate(
    directory: str | os.PathLike[str] | None = None, *, cli: str = "lxc"
) -> Cert:
    """Make ``client.crt`` and ``client.key`` in ``directory`` unless both exist.

    Args:
        directory: where to write them; ``None``: ``cli``'s configuration directory
            (``$LXD_CONF`` or ``~/.config/lxc``; ``$INCUS_CONF`` or ``~/.config/incus``).
        cli: ``"lxc"`` or ``"incus"``, for the default directory.

    Returns:
        The ``(cert, key)`` paths, for ``Client(cert=...)``. An existing pair is returned
        as it is, never overwritten.

    Raises:
        RemoteConfigError: only one of the two files exists (neither is touched).
        ImportError: the ``cryptography`` package is not installed.
    """
    where = os.fspath(directory) if directory is not None else config_dir(cli)
    cert = Cert(os.path.join(where, CERT_FILE_NAME), os.path.join(where, KEY_FILE_NAME))
    present = [path for path in cert if os.path.exists(path)]
    if len(present) == 2:
        return cert
    if present:
        raise RemoteConfigError(
            f"{present[0]} exists without its pair: not overwriting it", path=present[0]
        )
    key_pem, cert_pem = _make_pair()
    os.makedirs(where, mode=0o700, exist_ok=True)
    # O_EXCL: another process making the pair at the same moment wins, ours fails loudly.
    fd = os.open(cert.key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(key_pem)
    fd = os.open(cert.cert, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(cert_pem)
    return cert


def _make_pair() -> tuple[bytes, bytes]:
    """``(key PEM, certificate PEM)``, as LXD's ``shared.GenerateMemCert`` for a client."""
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    except ImportError as exc:
        raise ImportError(
            "making a client certificate needs the cryptography package: pip install 'pylxd[certs]'"
        ) from exc
    key = ec.generate_private_key(ec.SECP384R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "linuxcontainers.org"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{_user()}@{socket.gethostname()}"),
        ]
    )
    now = datetime.datetime.now(datetime.timezone.utc)
    usage = x509.KeyUsage(
        digital_signature=True,
        key_encipherment=True,
        content_commitment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + _TEN_YEARS)
        .add_extension(usage, critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA384())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "pylxd"
