"""The trust store: certificates added, edited and removed; tokens made, used and revoked."""

from __future__ import annotations

import pytest

from pylxd.aio import Client
from pylxd.aio.models import Certificate
from pylxd.exceptions import Conflict, Forbidden, LXDAPIException, NotFound
from tests.certs import make_cert
from tests.integration.conftest import fingerprint, unique_name

pytestmark = pytest.mark.integration


def read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


async def test_create_get_all_save_delete(client_cert) -> None:
    crt, _key = client_cert
    name = unique_name("cert")
    async with Client() as client:
        cert = await client.certificates.create("", read(crt), name=name)  # documented order
        assert isinstance(cert, Certificate)
        assert cert.fingerprint == fingerprint(crt) == client.certificates.fingerprint_of(crt)
        assert cert.name == name and cert.type == "client" and cert.restricted is False
        assert "BEGIN CERTIFICATE" in cert.certificate
        assert (await client.certificates.get(cert.fingerprint)) == cert
        assert (await Certificate.get(client, cert.fingerprint)).name == name
        assert cert.fingerprint in [c.fingerprint for c in await client.certificates.all()]
        assert cert.fingerprint in [c.fingerprint for c in await Certificate.all(client)]

        cert.restricted = True
        cert.projects.append("default")
        cert.name = f"{name}-edited"
        await cert.save()
        fresh = await client.certificates.get(cert.fingerprint)
        assert fresh.restricted is True and fresh.projects == ["default"]
        assert fresh.name == f"{name}-edited"

        fresh.type = "metrics"  # LXD 5.0 and Incus 6.0 set a type once, at creation
        with pytest.raises(LXDAPIException, match="type cannot be changed"):
            await fresh.save()
        await fresh.rollback()
        assert fresh.type == "client" and not fresh.dirty

        await cert.delete()
        with pytest.raises(NotFound):
            await client.certificates.get(cert.fingerprint)


async def test_upstream_create_classmethod_with_pem_text(client_cert) -> None:
    crt, _key = client_cert
    async with Client() as client:
        cert = await Certificate.create(
            client, "", read(crt).decode(), restricted=True, projects=["default"]
        )
        assert cert.restricted and cert.projects == ["default"]


async def test_documented_create_with_the_trust_password(
    https_url, client_cert, trust_password
) -> None:
    crt, _key = client_cert
    async with Client(endpoint=https_url, cert=client_cert, verify=False) as client:
        assert not client.trusted
        cert = await client.certificates.create(trust_password, read(crt))
        assert cert.fingerprint == fingerprint(crt)
        await client.connect()
        assert client.trusted


async def test_tokens_listed_used_and_revoked(admin, https_url, client_cert, tmp_path) -> None:
    crt, _key = client_cert
    used, revoked = unique_name("tok"), unique_name("tok")
    async with Client() as client:
        token = await client.certificates.create_token(
            name=used, projects=["default"], restricted=True
        )
        other = await Certificate.create_token(client, name=revoked)
        pending = {t.name: t for t in await client.certificates.tokens()}
        assert pending[used].token == token and pending[revoked].token == other
        assert pending[used].secret and pending[used].fingerprint

        # The new client adds itself with the token.
        async with Client(endpoint=https_url, cert=client_cert, verify=False) as newcomer:
            assert not newcomer.trusted
            with pytest.raises(Forbidden):
                await newcomer.certificates.all()
            await newcomer.certificates.create("", read(crt), secret=token)
            await newcomer.connect()
            assert newcomer.trusted
        added = await client.certificates.get(fingerprint(crt))
        assert added.restricted and added.projects == ["default"]
        assert used not in [t.name for t in await client.certificates.tokens()]

        # A revoked token adds nobody.
        await client.certificates.revoke_token(revoked)
        assert revoked not in [t.name for t in await client.certificates.tokens()]
        stranger = make_cert(tmp_path, unique_name("stranger"))
        async with Client(endpoint=https_url, cert=stranger, verify=False) as refused:
            with pytest.raises(LXDAPIException):
                await refused.certificates.create("", read(stranger[0]), secret=other)
            await refused.connect()
            assert not refused.trusted
        with pytest.raises(NotFound):
            await client.certificates.revoke_token(revoked)


async def test_revoke_by_token_and_the_token_object(admin, client) -> None:
    first = await client.certificates.create_token(name=unique_name("tok"))
    await client.certificates.revoke_token(first)
    second_name = unique_name("tok")
    await client.certificates.create_token(name=second_name)
    [second] = [t for t in await client.certificates.tokens() if t.name == second_name]
    await second.revoke()
    names = [t.token for t in await client.certificates.tokens()]
    assert first not in names and second.token not in names


async def test_bad_input(client_cert) -> None:
    crt, _key = client_cert
    async with Client() as client:
        with pytest.raises(ValueError, match="not a PEM certificate"):
            await client.certificates.create("", b"not a certificate")
        with pytest.raises(LXDAPIException, match="(?i)type"):
            await client.certificates.create("", read(crt), cert_type="bogus")
        await client.certificates.create("", read(crt))
        with pytest.raises(Conflict):
            await client.certificates.create("", read(crt))
        with pytest.raises(NotFound):
            await client.certificates.get("0" * 64)
        with pytest.raises(NotFound):
            await client.certificates.revoke_token(unique_name("no-such-token"))


async def test_fingerprint_of_a_file_pem_text_and_bytes(tmp_path) -> None:
    crt, _key = make_cert(tmp_path, unique_name("fp"))
    async with Client() as client:
        expected = fingerprint(crt)
        assert client.certificates.fingerprint_of(crt) == expected
        assert client.certificates.fingerprint_of(tmp_path / crt.rsplit("/", 1)[1]) == expected
        assert client.certificates.fingerprint_of(read(crt)) == expected
        assert client.certificates.fingerprint_of(read(crt).decode()) == expected
