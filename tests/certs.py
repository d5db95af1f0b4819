"""Certificates for tests: made with openssl, as the docs tell users to."""

from __future__ import annotations

import subprocess
from pathlib import Path

_NEW_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2"]


def make_cert(directory: Path, name: str, *, ca: bool = True) -> tuple[str, str]:
    """A fresh self-signed certificate and its key, in ``directory``.

    ``ca=False`` makes a leaf (``CA:FALSE``), like the server certificates LXD makes.
    """
    crt, key = directory / f"{name}.crt", directory / f"{name}.key"
    leaf = [] if ca else ["-addext", "basicConstraints=critical,CA:FALSE"]
    command = ["openssl", "req", "-x509", *_NEW_KEY, "-subj", f"/CN={name}", *leaf]
    subprocess.run(
        [*command, "-keyout", str(key), "-out", str(crt)], check=True, capture_output=True
    )
    return str(crt), str(key)
