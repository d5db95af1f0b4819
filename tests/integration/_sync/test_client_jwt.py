# Generated from tests/integration/_async/test_client_jwt.py by tools/unasync.py: do not edit, edit the source.
"""``Client(..., auth="jwt")``: Incus' ``auth_tls_jwt``, the client certificate's key
signs a bearer JWT that every request and websocket carries (no certificate in the TLS
handshake), on the real incusd; LXD 5.0.2 does not read it (the client is untrusted)."""

from __future__ import annotations

import io
import logging
import os

import pytest

from pylxd import Client as BlockingClient
from pylxd import Client
from pylxd.models import Instance
from pylxd.exceptions import Forbidden
from tests.certs import make_cert

from ..conftest import fingerprint, unique_name
from .instance_helpers import make_instance

pytestmark = pytest.mark.integration


@pytest.fixture
def trusted_cert(tmp_path, admin: BlockingClient):
    """A new client certificate the server trusts; removed afterwards."""
    crt, key = make_cert(tmp_path, unique_name("jwt"))
    with open(crt, "rb") as f:
        admin.certificates.create("", f.read(), name=unique_name("jwt"))
    yield crt, key
    admin.api.certificates[fingerprint(crt)].delete()


def test_jwt_client_is_trusted_and_runs_commands(
    trusted_cert, https_url, instance_name, image_alias, admin, caplog
) -> None:
    crt, key = trusted_cert
    with Client(endpoint=https_url, cert=trusted_cert, verify=False, auth="jwt") as client:
        if not admin.has_api_extension("auth_tls_jwt"):
            assert client.trusted is False  # LXD ignores the token: no certificate shown
            return
        assert client.trusted is True
        assert client.host_info["auth_user_name"] == fingerprint(crt)
        instance = make_instance(client, instance_name, image_alias, start=True)
        with caplog.at_level(logging.DEBUG):
            result = instance.execute(["echo", "signed"])  # websockets carry it too
        assert (result.exit_code, result.stdout) == (0, "signed\n")
        token = client._bearer.header().split()[-1] if client._bearer else "?"
        assert any("uthorization" in r.getMessage() for r in caplog.records)
        assert not any(token in r.getMessage() for r in caplog.records)  # masked
        big = os.urandom(3 << 20)  # pylxd's bulk lane: its own connections carry it too
        instance.files.put("/root/big", big)
        assert instance.files.get("/root/big") == big
        instance.stop(wait=True)
    # The same certificate without the token and without TLS: not trusted.
    with Client(endpoint=https_url, cert=None, verify=False) as anonymous:
        assert anonymous.trusted is False
    assert key  # the key stayed on this side: only signatures went out


def test_jwt_client_reaches_sftp(
    trusted_cert, https_url, instance_name, image_alias, admin
) -> None:
    """The SFTP upgrade is a connection of its own: it carries the token too."""
    with Client(endpoint=https_url, cert=trusted_cert, verify=False, auth="jwt") as client:
        if not admin.has_api_extension("auth_tls_jwt"):
            with pytest.raises(Forbidden):  # LXD ignores the token: an untrusted client
                Instance(client, name=instance_name).sftp()
            return
        instance = make_instance(client, instance_name, image_alias)
        with instance.sftp() as sftp:
            sftp.putfo(io.BytesIO(b"signed"), "/root/note")
            sink = io.BytesIO()
            sftp.getfo("/root/note", sink)
            assert sink.getvalue() == b"signed"


def test_jwt_needs_https_and_a_certificate(trusted_cert) -> None:
    with pytest.raises(ValueError, match="https:// endpoint and cert="):
        Client(auth="jwt")
    with pytest.raises(ValueError, match="'tls' or 'jwt'"):
        Client(auth="oidc")
