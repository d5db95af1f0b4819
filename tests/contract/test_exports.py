"""The public surface: upstream pylxd's names, sorted ``__all__``, a light ``import pylxd``."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import pylxd
from pylxd import exceptions

PUBLIC_MODULES = [
    "pylxd",
    "pylxd.aio",
    "pylxd.aio.fleet",
    "pylxd.aio.managers",
    "pylxd.aio.models",
    "pylxd.client",
    "pylxd.exceptions",
    "pylxd.fleet",
    "pylxd.managers",
    "pylxd.models",
    "pylxd.models._model",
    "pylxd.models.cluster",
    "pylxd.models.certificate",
    "pylxd.models.container",
    "pylxd.models.image",
    "pylxd.models.instance",
    "pylxd.models.network",
    "pylxd.models.operation",
    "pylxd.models.profile",
    "pylxd.models.project",
    "pylxd.models.storage_pool",
    "pylxd.models.virtual_machine",
    "pylxd.progress",
]


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_is_sorted_and_complete(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__all__ == sorted(module.__all__)
    for member in module.__all__:
        assert hasattr(module, member), f"{name}.{member}"


def test_upstream_names() -> None:
    from pylxd.client import DEFAULT_CERTS, Cert, Client, EventType  # noqa: F401
    from pylxd.managers import (  # noqa: F401
        CertificateManager,
        ContainerManager,
        ImageManager,
        InstanceManager,
        ProfileManager,
        ProjectManager,
    )
    from pylxd.models import (  # noqa: F401
        Certificate,
        Container,
        Image,
        Instance,
        Operation,
        Profile,
        Project,
        VirtualMachine,
    )
    from pylxd.models.certificate import Certificate as _Certificate  # noqa: F401
    from pylxd.models.image import Image as ImageByPath
    from pylxd.models.profile import Profile as _Profile  # noqa: F401
    from pylxd.models.project import Project as _Project  # noqa: F401

    assert pylxd.Client is Client
    assert isinstance(pylxd.__version__, str)
    for name in (
        "LXDAPIException",
        "NotFound",
        "Conflict",
        "ClientConnectionFailed",
        "LXDAPIExtensionNotAvailable",
    ):
        assert issubclass(getattr(exceptions, name), exceptions.PylxdError)
    assert issubclass(exceptions.NotFound, exceptions.LXDAPIException)
    assert Instance.NotFound is exceptions.NotFound
    assert ImageByPath is Image and Image.NotFound is exceptions.NotFound
    assert issubclass(Container, Instance) and issubclass(VirtualMachine, Instance)
    assert {e.value for e in EventType} == {"all", "operation", "logging", "lifecycle"}
    assert Operation.extract_operation_id("/1.0/operations/abc") == "abc"
    assert DEFAULT_CERTS.cert.endswith("client.crt")


def test_import_pylxd_loads_no_network_library() -> None:
    code = (
        "import sys, pylxd; "
        "print(sorted(m for m in ('urllib3', 'websockets', 'aiohttp', 'ssl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


def test_an_asyncio_client_made_in_a_loop_imports_nothing() -> None:
    # ``import pylxd.aio`` imports aiohttp and websockets; Client() inside the running loop
    # then blocks it for no import (before: 0.14-0.7 s importing aiohttp there).
    code = """
import asyncio, sys, time
import pylxd.aio
before = set(sys.modules)
async def main():
    started = time.perf_counter()
    pylxd.aio.Client(endpoint="/nonexistent/unix.socket")
    pylxd.aio.Client(endpoint="https://127.0.0.1:1", verify=False)
    print(sorted(set(sys.modules) - before), time.perf_counter() - started)
asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    new, seconds = out.stdout.rsplit(" ", 1)
    assert new == "[]"
    assert float(seconds) < 0.05


def test_async_errors_name_the_fix() -> None:
    from pylxd.aio.models import Instance

    sparse = Instance(None, name="x")  # type: ignore[arg-type]
    with pytest.raises(exceptions.NotLoadedError, match=r"await .sync\(\)"):
        _ = sparse.config
