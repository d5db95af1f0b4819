"""Certificates for tests: made with openssl, as the docs tell users to."""

from __future__ import annotations

import subprocess
from pathlib import Path


def make_cert(directory: Path, name: str) -> tuple[str, str]:
    """A fresh self-signed certificate and its key, in ``directory``."""
    crt, key = directory / f"{name}.crt", directory / f"{name}.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={name}",
            "-keyout",
            str(key),
            "-out",
            str(crt),
        ],
        check=True,
        capture_output=True,
    )
    return str(crt), str(key)
