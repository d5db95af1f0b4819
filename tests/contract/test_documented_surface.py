"""Drop-in conformance: every signature upstream pylxd documents, checked on both flavours.

The data below is api-inventory.md §1 written down: for each object a user touches
(the client, its managers, the models they return), the documented methods with their
parameter names, order and defaults, and the documented attributes. Each is checked with
``inspect.signature`` against the blocking client (``pylxd``) and the asyncio one
(``pylxd.aio``): the same names in the same order with the same defaults; extra
parameters are allowed when optional, and a documented required parameter may become
optional.

Objects are built offline (a client that never connects, its ``GET /1.0`` faked with
every extension), so this is a pure test: no daemon, no I/O.

What is not on main yet is ``xfail(strict=True)`` naming the branch that delivers it:
the test flips (and fails, so the mark is removed) when that branch lands. Upstream's
requests/ws4py plumbing that this package does not provide is ``xfail`` "missing by design".
Deliberate differences are in ``DIVERGENCES``, each with its reason.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pytest

# -- the documented surface -----------------------------------------------------------------


# (owner, signature as written in the inventory, branch that delivers it or None)
# An owner is a path from the objects built in ``_objects``; ``Client.__init__`` is the class.
METHODS: list[tuple[str, str, str | None]] = [
    # 1.3 Client
    (
        "Client",
        "__init__(endpoint=None, version='1.0', cert=None, verify=True, timeout=None, project=None, session=None)",
        None,
    ),  # noqa: E501
    ("client", "has_api_extension(name)", None),
    ("client", "assert_has_api_extension(name)", None),
    ("client", "authenticate(secret, use_token_auth=True)", None),
    ("client", "events(websocket_client=None, event_types=None)", None),
    # 1.6 instances, through each of the three managers
    *[
        (manager, signature, None)
        for manager in ("client.instances", "client.containers", "client.virtual_machines")
        for signature in (
            "exists(name)",
            "get(name)",
            "all(recursion=0, fields=None)",
            "create(config, wait=False, target=None)",
        )
    ],
    ("instance", "rename(name, wait=False)", None),
    ("instance", "save(wait=False)", None),
    ("instance", "delete(wait=False)", None),
    ("instance", "state()", None),
    *[
        ("instance", f"{action}(timeout=30, force=True, wait=False)", None)
        for action in ("start", "stop", "restart", "freeze", "unfreeze")
    ],
    (
        "instance",
        "execute(commands, environment=None, encoding=None, decode=True, stdin_payload=None, stdin_encoding='utf-8', stdout_handler=None, stderr_handler=None, user=None, group=None, cwd=None)",
        None,
    ),  # noqa: E501
    (
        "instance",
        "raw_interactive_execute(commands, environment=None, user=None, group=None, cwd=None)",
        None,
    ),  # noqa: E501
    ("instance", "migrate(new_client, live=False, wait=False)", None),
    ("instance", "generate_migration_data(live=False)", None),
    ("instance", "publish(public=False, wait=False, compression_algorithm=None)", None),
    ("instance", "restore_snapshot(snapshot_name, wait=False, stateful=False)", None),
    # 1.5 the model base, inherited by every model
    ("instance", "sync(rollback=False)", None),
    ("instance", "rollback()", None),
    ("instance", "marshall(skip_readonly=True)", None),
    ("instance", "post(json=None, wait=False)", None),
    ("instance", "put(put_object, wait=False)", None),
    ("instance", "raw_put(put_object, wait=False)", None),
    ("instance", "patch(patch_object, wait=False)", None),
    ("instance", "raw_patch(patch_object, wait=False)", None),
    # 1.7 files
    ("instance.files", "put(filepath, data, mode=None, uid=None, gid=None)", None),
    ("instance.files", "mk_dir(path, mode=None, uid=None, gid=None)", None),
    ("instance.files", "get(filepath)", None),
    ("instance.files", "delete_available()", None),
    ("instance.files", "delete(filepath)", None),
    ("instance.files", "recursive_put(src, dst, mode=None, uid=None, gid=None)", None),
    ("instance.files", "recursive_get(remote_path, local_path)", None),
    # 1.8 snapshots
    ("instance.snapshots", "get(name)", None),
    ("instance.snapshots", "all()", None),
    ("instance.snapshots", "create(name, stateful=False, wait=False)", None),
    ("snapshot", "rename(new_name, wait=False)", None),
    ("snapshot", "publish(public=False, wait=False)", None),
    ("snapshot", "restore(wait=False)", None),
    ("snapshot", "delete(wait=False)", None),
    # 1.9 images
    ("client.images", "exists(fingerprint, alias=False)", None),
    ("client.images", "get(fingerprint)", None),
    ("client.images", "get_by_alias(alias)", None),
    ("client.images", "all()", None),
    (
        "client.images",
        "create(image_data, metadata=None, public=False, wait=True, vm=False)",
        None,
    ),  # noqa: E501
    (
        "client.images",
        "create_from_simplestreams(server, alias, public=False, auto_update=False)",
        None,
    ),  # noqa: E501
    ("client.images", "create_from_url(url, public=False, auto_update=False)", None),
    ("image", "export()", None),
    ("image", "add_alias(name, description)", None),
    ("image", "delete_alias(name)", None),
    ("image", "copy(new_client, public=None, auto_update=None, wait=False)", None),
    ("image", "save(wait=False)", None),
    ("image", "delete(wait=False)", None),
    # 1.10 networks
    ("client.networks", "exists(name)", None),
    ("client.networks", "get(name)", None),
    ("client.networks", "all()", None),
    ("client.networks", "create(name, description=None, type=None, config=None, wait=True)", None),
    ("network", "rename(new_name, wait=True)", None),
    ("network", "save(wait=False)", None),
    ("network", "delete(wait=False)", None),
    ("network", "state()", None),
    ("network.forwards", "get(listen_address)", None),
    ("network.forwards", "create(config)", None),
    ("forward", "delete(wait=False)", None),
    # 1.11 profiles and projects
    ("client.profiles", "exists(name)", None),
    ("client.profiles", "get(name)", None),
    ("client.profiles", "all()", None),
    (
        "client.profiles",
        "create(name, config=None, devices=None, description=None, wait=False)",
        None,
    ),  # noqa: E501
    ("profile", "rename(new_name, wait=False)", None),
    ("profile", "save(wait=False)", None),
    ("profile", "put(put_object, wait=False)", None),
    ("profile", "patch(patch_object, wait=False)", None),
    ("profile", "delete(wait=False)", None),
    ("client.projects", "exists(name)", None),
    ("client.projects", "get(name)", None),
    ("client.projects", "all()", None),
    ("client.projects", "create(name, description=None, config=None)", None),
    ("project", "rename(new_name)", None),
    ("project", "save(wait=False)", None),
    ("project", "delete(wait=False)", None),
    # 1.12 operations
    ("client.operations", "get(operation_id)", None),
    ("client.operations", "wait_for_operation(operation_id)", None),
    ("client.operations", "extract_operation_id(s)", None),
    ("operation", "wait()", None),
    # 1.13 storage
    ("client.storage_pools", "get(name)", None),
    ("client.storage_pools", "all()", None),
    ("client.storage_pools", "exists(name)", None),
    ("client.storage_pools", "create(definition, wait=True)", None),
    ("pool", "save(wait=False)", None),
    ("pool", "delete(wait=False)", None),
    ("pool", "put(put_object, wait=False)", None),
    ("pool", "patch(patch_object, wait=False)", None),
    ("pool.resources", "get()", None),
    ("pool.volumes", "all()", None),
    ("pool.volumes", "get(_type, name)", None),
    ("pool.volumes", "create(*args, wait=True)", None),
    ("volume", "rename(_input, wait=False)", None),
    ("volume", "put(put_object, wait=False)", None),
    ("volume", "patch(patch_object, wait=False)", None),
    ("volume", "save(wait=False)", None),
    ("volume", "delete(wait=False)", None),
    ("volume", "restore_from(snapshot_name, wait=False)", None),
    ("volume.snapshots", "get(name)", None),
    ("volume.snapshots", "all(use_recursion=False)", None),
    ("volume.snapshots", "create(name=None, expires_at=None, wait=True)", None),
    ("volume.snapshots", "exists(name)", None),
    ("volume_snapshot", "rename(new_name, wait=True)", None),
    ("volume_snapshot", "restore(wait=False)", None),
    ("volume_snapshot", "delete(wait=False)", None),
    # 1.13 certificates
    ("client.certificates", "get(fingerprint)", None),
    ("client.certificates", "all()", None),
    (
        "client.certificates",
        "create(password, cert_data, cert_type='client', name='', projects=None, restricted=False, secret='')",
        None,
    ),  # noqa: E501
    ("client.certificates", "create_token(name='', projects=None, restricted=False)", None),
    ("certificate", "save(wait=False)", None),
    ("certificate", "delete(wait=False)", None),
    # 1.13 cluster
    ("client.cluster", "get()", None),
    ("client.cluster", "enable(server_name)", None),
    ("client.cluster.members", "get(server_name)", None),
    ("client.cluster.members", "all()", None),
    ("client.cluster.certificate", "put(cert, key)", None),
]

# Classmethods called on the model class itself (``Instance.create(client, config)``), as
# upstream's managers bind them: (class name in pylxd.models, signature, branch).
CLASSMETHODS: list[tuple[str, str, str | None]] = [
    *[
        (cls, signature, None)
        for cls in ("Instance", "Container", "VirtualMachine")
        for signature in (
            "exists(client, name)",
            "get(client, name)",
            "all(client, recursion=0, fields=None)",
            "create(client, config, wait=False, target=None)",
        )
    ],
    ("Image", "exists(client, fingerprint, alias=False)", None),
    ("Image", "get(client, fingerprint)", None),
    ("Image", "get_by_alias(client, alias)", None),
    ("Image", "all(client)", None),
    (
        "Image",
        "create(client, image_data, metadata=None, public=False, wait=True, vm=False)",
        None,
    ),  # noqa: E501
    ("Network", "exists(client, name)", None),
    ("Network", "get(client, name)", None),
    ("Network", "all(client)", None),
    ("Network", "create(client, name, description=None, type=None, config=None, wait=True)", None),  # noqa: E501
    ("Profile", "exists(client, name)", None),
    ("Profile", "get(client, name)", None),
    ("Profile", "all(client)", None),
    (
        "Profile",
        "create(client, name, config=None, devices=None, description=None, wait=False)",
        None,
    ),  # noqa: E501
    ("Project", "create(client, name, description=None, config=None)", None),
    ("Operation", "get(client, operation_id)", None),
    ("Operation", "wait_for_operation(client, operation_id)", None),
    ("Operation", "extract_operation_id(s)", None),
    ("StoragePool", "create(client, definition, wait=True)", None),
    ("StorageResources", "get(storage_pool)", None),
    (
        "Certificate",
        "create(client, password, cert_data, cert_type='client', name='', projects=None, restricted=False, secret='')",
        None,
    ),  # noqa: E501
    ("Certificate", "create_token(client, name='', projects=None, restricted=False)", None),
    (
        "Image",
        "create_from_simplestreams(client, server, alias, public=False, auto_update=False)",
        None,
    ),  # noqa: E501
    ("Image", "create_from_url(client, url, public=False, auto_update=False)", None),
    ("Certificate", "all(client)", None),
    ("Certificate", "get(client, fingerprint)", None),
    ("StoragePool", "all(client)", None),
    ("StoragePool", "exists(client, name)", None),
    ("StoragePool", "get(client, name)", None),
    ("ClusterMember", "all(client)", None),
    ("ClusterMember", "get(client, server_name)", None),
    ("Cluster", "get(client)", None),
    ("Cluster", "enable(client, server_name)", None),
    ("ClusterCertificate", "put(client, cert, key)", None),
]

# Deliberate differences, checked as written here: {(owner, method): {parameter: reason}}.
# A parameter listed here may have another default (or, for ``*``, another name).
DIVERGENCES: dict[tuple[str, str], dict[str, str]] = {
    **{
        (owner, "all"): {
            "recursion": "all() returns complete objects in one request (recursion=1); "
            "upstream's sparse objects then cost one GET each"
        }
        for owner in (
            "client.instances",
            "client.containers",
            "client.virtual_machines",
            "Instance",
            "Container",
            "VirtualMachine",
        )
    },
    ("volume", "rename"): {
        "_input": "named new_name (it takes a name or upstream's {'name', 'pool'} dict)",
        "wait": "waits by default: a rename is an operation the next call would race",
    },
    ("volume", "restore_from"): {"wait": "waits by default (docs/design.md, storage)"},
    ("volume_snapshot", "restore"): {"wait": "waits by default (docs/design.md, storage)"},
    ("volume_snapshot", "delete"): {"wait": "waits by default (docs/design.md, storage)"},
    ("network.forwards", "create"): {
        "config": "named listen_address: it takes upstream's config dict or an address "
        "(config= is the forward's own config then)"
    },
    **{
        (owner, "extract_operation_id"): {"s": "named operation (a URL or an id)"}
        for owner in ("Operation", "client.operations")
    },
    **{
        (owner, "get"): {
            key: "named name, like every collection's get(); positional calls (the docs' "
            "spelling) work"
        }
        for owner, key in (
            ("client.certificates", "fingerprint"),
            ("Certificate", "fingerprint"),
            ("client.cluster.members", "server_name"),
            ("ClusterMember", "server_name"),
            ("network.forwards", "listen_address"),
        )
    },
    ("Image", "get"): {
        "fingerprint": "named name, like every collection's get(); client.images.get(fingerprint) "
        "has the documented name"
    },
    ("pool.volumes", "get"): {
        "_type": "named type_or_name: get(type, name) as documented, or get(name) for a "
        "custom volume"
    },
}

# Documented attributes (fields and sub-managers) per object.
ATTRIBUTES: list[tuple[str, str, str | None]] = [
    *[
        ("client", name, None)
        for name in (
            "api",
            "host_info",
            "cert",
            "project",
            "trusted",
            "server_clustered",
            "websocket_url",
            "ssl_options",
            "instances",
            "containers",
            "virtual_machines",
            "operations",
            "profiles",
            "certificates",
            "networks",
            "storage_pools",
            "cluster",
            "projects",
        )
    ],
    ("client", "images", None),
    *[
        ("instance", name, None)
        for name in (
            "architecture",
            "config",
            "created_at",
            "devices",
            "ephemeral",
            "expanded_config",
            "expanded_devices",
            "description",
            "profiles",
            "name",
            "status",
            "last_used_at",
            "status_code",
            "stateful",
            "location",
            "type",
            "project",
            "snapshots",
            "dirty",
            "__dirty__",
        )
    ],
    ("instance", "files", None),
    *[("snapshot", name, None) for name in ("name", "created_at", "stateful", "instance")],
    *[
        ("image", name, None)
        for name in (
            "aliases",
            "auto_update",
            "architecture",
            "cached",
            "created_at",
            "expires_at",
            "filename",
            "fingerprint",
            "last_used_at",
            "properties",
            "public",
            "size",
            "uploaded_at",
            "update_source",
            "type",
            "project",
            "profiles",
        )
    ],
    *[
        ("network", name, None)
        for name in (
            "name",
            "description",
            "type",
            "config",
            "managed",
            "used_by",
            "status",
            "locations",
            "project",
            "forwards",
        )
    ],
    *[
        ("forward", name, None)
        for name in ("config", "description", "location", "listen_address", "ports")
    ],
    *[
        ("profile", name, None)
        for name in ("config", "description", "devices", "name", "used_by", "project")
    ],
    *[("project", name, None) for name in ("name", "config", "description", "used_by")],
    *[
        ("operation", name, None)
        for name in (
            "id",
            "created_at",
            "description",
            "err",
            "location",
            "may_cancel",
            "metadata",
            "resources",
            "status",
            "status_code",
            "updated_at",
        )
    ],
    *[
        ("pool", name, None)
        for name in (
            "name",
            "driver",
            "used_by",
            "config",
            "managed",
            "description",
            "status",
            "locations",
            "resources",
            "volumes",
        )
    ],
    *[("storage_resources", name, None) for name in ("space", "inodes")],
    *[
        ("volume", name, None)
        for name in (
            "name",
            "type",
            "content_type",
            "description",
            "used_by",
            "location",
            "created_at",
            "config",
            "project",
            "snapshots",
        )
    ],
    *[
        ("volume_snapshot", name, None)
        for name in ("name", "description", "config", "content_type", "created_at", "expires_at")
    ],
    *[
        ("certificate", name, None)
        for name in ("certificate", "fingerprint", "type", "name", "projects", "restricted")
    ],
    *[
        ("cluster", name, None)
        for name in ("server_name", "enabled", "member_config", "members", "certificate")
    ],
    *[
        ("member", name, None)
        for name in (
            "architecture",
            "description",
            "failure_domain",
            "roles",
            "url",
            "database",
            "server_name",
            "status",
            "message",
            "config",
            "groups",
        )
    ],
]

# Upstream's requests/ws4py plumbing ([code] only in the inventory): not provided.
MISSING = "missing by design"
NO_REQUESTS = f"{MISSING}: no requests session (urllib3/http.client; pass cert= and verify=)"
NO_WS4PY = f"{MISSING}: no ws4py (websockets; events() still builds a ws4py class given)"

# Module paths users import from: {module: [names]}; (branch) where not on main.
IMPORTS: list[tuple[str, list[str], str | None]] = [
    ("pylxd", ["Client", "EventType", "__version__"], None),
    (
        "pylxd.client",
        [
            "Client",
            "EventType",
            "Cert",
            "DEFAULT_CERTS",
            "CERTS_PATH",
            "SNAP_ROOT",
            "APT_ROOT",
            "CERT_FILE_NAME",
            "KEY_FILE_NAME",
            "DEFAULT_SCHEME",
            "SOCKET_CONNECTION_TIMEOUT",
        ],
        None,
    ),
    (
        "pylxd.models",
        [
            "Certificate",
            "Cluster",
            "ClusterCertificate",
            "ClusterMember",
            "Container",
            "Instance",
            "Network",
            "NetworkForward",
            "Operation",
            "Profile",
            "Project",
            "Snapshot",
            "StoragePool",
            "StorageResources",
            "StorageVolume",
            "StorageVolumeSnapshot",
            "VirtualMachine",
        ],
        None,
    ),
    ("pylxd.models", ["Image"], None),
    ("pylxd.models._model", ["Model", "Attribute", "AttributeDict", "MISSING"], None),
    ("pylxd.models.certificate", ["Certificate"], None),
    ("pylxd.models.cluster", ["Cluster", "ClusterMember", "ClusterCertificate"], None),
    ("pylxd.models.container", ["Container"], None),
    ("pylxd.models.image", ["Image"], None),
    (
        "pylxd.models.instance",
        ["Instance", "InstanceState", "Snapshot", "_InstanceExecuteResult"],
        None,
    ),
    ("pylxd.models.network", ["Network", "NetworkForward", "NetworkState"], None),
    ("pylxd.models.operation", ["Operation"], None),
    ("pylxd.models.profile", ["Profile"], None),
    ("pylxd.models.project", ["Project"], None),
    (
        "pylxd.models.storage_pool",
        ["StoragePool", "StorageResources", "StorageVolume", "StorageVolumeSnapshot"],
        None,
    ),
    ("pylxd.models.virtual_machine", ["VirtualMachine"], None),
    (
        "pylxd.managers",
        [
            "CertificateManager",
            "InstanceManager",
            "ContainerManager",
            "VirtualMachineManager",
            "NetworkManager",
            "NetworkForwardManager",
            "OperationManager",
            "ProfileManager",
            "ProjectManager",
            "SnapshotManager",
            "StoragePoolManager",
            "StorageResourcesManager",
            "StorageVolumeManager",
            "StorageVolumeSnapshotManager",
            "ClusterMemberManager",
            "ClusterCertificateManager",
            "ClusterManager",
        ],
        None,
    ),
    ("pylxd.managers", ["ImageManager"], None),
    ("pylxd.client", ["get_session_for_url"], NO_REQUESTS),
    ("pylxd.client", ["LXDSSLAdapter"], NO_REQUESTS),
    ("pylxd.managers", ["web_socket_manager"], NO_WS4PY),
    ("pylxd.managers", ["BaseManager"], f"{MISSING}: managers are plain classes"),
    ("pylxd.models._model", ["Manager", "Parent", "ModelType"], f"{MISSING}: no metaclass"),
    (
        "pylxd.exceptions",
        [
            "LXDAPIException",
            "NotFound",
            "Conflict",
            "LXDAPIExtensionNotAvailable",
            "ClientConnectionFailed",
        ],
        None,
    ),
]

# -- building the objects offline -----------------------------------------------------------

FLAVOURS = ("sync", "aio")
# Every extension the models may assert before building a node (no request is made).
EXTENSIONS = [
    "clustering",
    "clustering_join",
    "clustering_update_cert",
    "file_delete",
    "network",
    "network_forward",
    "projects",
    "resources",
    "storage",
    "storage_api_volume_snapshots",
    "storage_and_network_operations",
    "instances",
    "container_backup",
    "explicit_trust_token",
]


def _modules(flavour: str) -> tuple[Any, Any]:
    """(client class, models module) of a flavour."""
    if flavour == "sync":
        from pylxd._sync.client import Client as SyncClient  # the drop-in, without connecting

        return SyncClient, importlib.import_module("pylxd.models")
    from pylxd.aio import Client as AsyncClient

    return AsyncClient, importlib.import_module("pylxd.aio.models")


def _objects(flavour: str) -> dict[str, Callable[[], Any]]:
    """Builders of every owner named in the tables, for one flavour (lazy: a missing
    model only fails the rows that need it)."""
    client_class, models = _modules(flavour)
    client = client_class(endpoint="https://127.0.0.1:9", verify=False)
    client._host_info = {"api_extensions": EXTENSIONS, "environment": {}, "auth": "trusted"}

    def instance() -> Any:
        return models.Instance._from_server(client, {"name": "i1", "status": "Stopped"})

    def pool() -> Any:
        return models.StoragePool._from_server(client, {"name": "p1", "driver": "dir"})

    def volume() -> Any:
        the_pool = pool()
        return models.StorageVolume._from_server(
            client,
            {"name": "v1", "type": "custom", "pool": "p1"},
            collection=the_pool.api.volumes.custom,
            storage_pool=the_pool,
        )

    def network() -> Any:
        return models.Network._from_server(client, {"name": "n1"})

    built: dict[str, Callable[[], Any]] = {
        "client": lambda: client,
        "instance": instance,
        "snapshot": lambda: instance().snapshots.model(client, instance=instance(), name="s1"),
        "image": lambda: models.Image(client, fingerprint="f" * 64),
        "network": network,
        "forward": lambda: network().forwards.model(client, listen_address="10.0.0.1"),
        "profile": lambda: models.Profile(client, name="pr1"),
        "project": lambda: models.Project(client, name="pj1"),
        "operation": lambda: models.Operation(client, id="op1"),
        "pool": pool,
        "storage_resources": lambda: models.StorageResources(client, pool=pool()),
        "volume": volume,
        "volume_snapshot": lambda: models.StorageVolumeSnapshot(
            client, volume=volume(), name="vs1"
        ),
        "certificate": lambda: models.Certificate(client, fingerprint="c" * 64),
        "cluster": lambda: models.Cluster(client),
        "member": lambda: models.ClusterMember(client, server_name="m1"),
    }
    return built


def _resolve(flavour: str, owner: str) -> Any:
    """The object at ``owner`` (``"instance.snapshots"``: a built object, then attributes)."""
    if owner == "Client":
        return (
            _modules(flavour)[0]
            if flavour == "aio"
            else importlib.import_module("pylxd.client").Client
        )
    root, *path = owner.split(".")
    obj = _objects(flavour)[root]()
    for name in path:
        obj = getattr(obj, name)
    return obj


def _documented(signature: str) -> tuple[str, list[tuple[str, Any, inspect._ParameterKind]]]:
    """``"create(config, wait=False)"`` → ``("create", [(name, default, kind), …])``."""
    func = ast.parse(f"def {signature}: pass").body[0]
    assert isinstance(func, ast.FunctionDef)
    args = func.args
    positional = args.args
    defaults = [inspect.Parameter.empty] * (len(positional) - len(args.defaults)) + [
        ast.literal_eval(d) for d in args.defaults
    ]
    params = [
        (a.arg, d, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        for a, d in zip(positional, defaults, strict=True)
    ]
    if args.vararg:
        params.append((args.vararg.arg, inspect.Parameter.empty, inspect.Parameter.VAR_POSITIONAL))
    for kwarg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        default = inspect.Parameter.empty if kw_default is None else ast.literal_eval(kw_default)
        params.append((kwarg.arg, default, inspect.Parameter.KEYWORD_ONLY))
    if args.kwarg:
        params.append((args.kwarg.arg, inspect.Parameter.empty, inspect.Parameter.VAR_KEYWORD))
    return func.name, params


def _signature_of(target: Any, method: str) -> inspect.Signature:
    """The signature a caller sees: ``self`` gone (bound), ``cls`` gone (classmethod)."""
    if method == "__init__":
        signature = inspect.signature(target.__init__)
        return signature.replace(parameters=list(signature.parameters.values())[1:])
    return inspect.signature(getattr(target, method))


def _compatibility_errors(
    ours: inspect.Signature,
    documented: list[tuple[str, Any, inspect._ParameterKind]],
    allowed: dict[str, str],
) -> Iterator[str]:
    """Why a call written against the documented signature would not work with ours."""
    P = inspect.Parameter
    params = list(ours.parameters.values())
    positional = [p for p in params if p.kind in (P.POSITIONAL_ONLY, P.POSITIONAL_OR_KEYWORD)]
    has_varargs = any(p.kind is P.VAR_POSITIONAL for p in params)
    has_varkw = any(p.kind is P.VAR_KEYWORD for p in params)
    documented_positional = [d for d in documented if d[2] is P.POSITIONAL_OR_KEYWORD]
    for index, (name, default, _kind) in enumerate(documented_positional):
        if index >= len(positional):
            if not has_varargs:
                yield f"parameter {index} ({name}) is missing"
            continue
        param = positional[index]
        if param.name != name and name not in allowed:
            yield f"parameter {index} is {param.name!r}, documented {name!r}"
        if default is not P.empty and param.default != default and name not in allowed:
            yield f"{name} defaults to {param.default!r}, documented {default!r}"
    by_name = {p.name: p for p in params if p.kind is not P.POSITIONAL_ONLY}
    documents_varargs = False
    for d_name, default, kind in documented:
        if kind is P.VAR_POSITIONAL:
            documents_varargs = True
            if not has_varargs:
                yield f"*{d_name} is not accepted"
        elif kind is P.VAR_KEYWORD and not has_varkw:
            yield f"**{d_name} is not accepted"
        elif kind is P.KEYWORD_ONLY:
            if d_name not in by_name and not has_varkw:
                yield f"keyword {d_name!r} is not accepted"
            elif d_name in by_name and by_name[d_name].default != default:
                yield f"{d_name} defaults to {by_name[d_name].default!r}, documented {default!r}"
    for param in positional[len(documented_positional) :]:
        if param.default is P.empty and not documents_varargs:
            yield f"extra parameter {param.name!r} is required"
    for param in params:
        if param.kind is P.KEYWORD_ONLY and param.default is P.empty:
            yield f"extra keyword-only parameter {param.name!r} is required"


def _param(row: tuple[Any, ...], branch: str | None, flavour: str) -> Any:
    reason = branch if branch and branch.startswith(MISSING) else f"{branch} delivers it"
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if branch else []
    return pytest.param(*row, flavour, marks=marks, id=f"{flavour}-{'-'.join(map(str, row))}")


# -- the checks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("owner", "signature", "flavour"),
    [_param((o, s), b, f) for o, s, b in METHODS for f in FLAVOURS],
)
def test_method_signature(owner: str, signature: str, flavour: str) -> None:
    method, documented = _documented(signature)
    target = _resolve(flavour, owner)
    assert hasattr(target, method), f"{owner}.{method} is missing"
    ours = _signature_of(target, method)
    errors = list(_compatibility_errors(ours, documented, DIVERGENCES.get((owner, method), {})))
    assert not errors, f"{owner}.{method}{ours} vs documented {signature}: {errors}"


@pytest.mark.parametrize(
    ("cls_name", "signature", "flavour"),
    [_param((c, s), b, f) for c, s, b in CLASSMETHODS for f in FLAVOURS],
)
def test_classmethod_signature(cls_name: str, signature: str, flavour: str) -> None:
    method, documented = _documented(signature)
    cls = getattr(_modules(flavour)[1], cls_name)
    assert isinstance(inspect.getattr_static(cls, method), classmethod), (
        f"{cls_name}.{method} is not a classmethod"
    )
    ours = _signature_of(cls, method)
    errors = list(_compatibility_errors(ours, documented, DIVERGENCES.get((cls_name, method), {})))
    assert not errors, f"{cls_name}.{method}{ours} vs documented {signature}: {errors}"


@pytest.mark.parametrize(
    ("owner", "name", "flavour"),
    [_param((o, n), b, f) for o, n, b in ATTRIBUTES for f in FLAVOURS],
)
def test_attribute(owner: str, name: str, flavour: str) -> None:
    obj = _resolve(flavour, owner)
    fields = {field.name for field in getattr(type(obj), "_fields", {}).values()}
    if name in fields:
        return
    assert isinstance(inspect.getattr_static(obj, name, None), property) or hasattr(obj, name), (
        f"{owner}.{name} is missing ({type(obj).__qualname__})"
    )


def test_blocking_client_resources_property() -> None:
    from pylxd.client import Client

    assert isinstance(inspect.getattr_static(Client, "resources"), property)


@pytest.mark.parametrize(
    ("module", "names", "flavour"),
    [_param((m, n), b, "sync") for m, n, b in IMPORTS],
)
def test_import_path(module: str, names: list[str], flavour: str) -> None:
    imported = importlib.import_module(module)
    missing = [name for name in names if not hasattr(imported, name)]
    assert not missing, f"from {module} import {', '.join(missing)} fails"


def test_aio_exports_the_same_models_and_managers() -> None:
    """``pylxd.aio.models``/``.managers`` name every blocking model and manager."""
    for blocking, asyncio in (
        ("pylxd.models", "pylxd.aio.models"),
        ("pylxd.managers", "pylxd.aio.managers"),
    ):
        ours = set(importlib.import_module(asyncio).__all__)
        theirs = set(importlib.import_module(blocking).__all__)
        assert theirs <= ours, f"{asyncio} lacks {sorted(theirs - ours)}"


def test_event_types() -> None:
    from pylxd import EventType

    assert {e.name: e.value for e in EventType} == {
        "All": "all",
        "Operation": "operation",
        "Logging": "logging",
        "Lifecycle": "lifecycle",
    }


def test_exceptions_as_documented() -> None:
    from pylxd import exceptions

    assert issubclass(exceptions.NotFound, exceptions.LXDAPIException)
    assert issubclass(exceptions.Conflict, exceptions.LXDAPIException)
    error = exceptions.LXDAPIExtensionNotAvailable("network_acl")
    assert str(error) == "LXD API extension 'network_acl' is not available"
    assert str(exceptions.ClientConnectionFailed("no route")) == "no route"
    api_error = exceptions.LXDAPIException(None, "not found", status_code=404)
    assert api_error.response is None and str(api_error) == "not found"
    from pylxd.models import Instance

    assert Instance.NotFound is exceptions.NotFound


def test_model_base_as_documented() -> None:
    """``Model(client, **kwargs)``: known keys set, not dirty; unknown ones warn once."""
    from pylxd.models import Profile

    client = _objects("sync")["client"]()
    profile = Profile(client, name="p", config={"a": "b"})
    assert profile.config == {"a": "b"} and not profile.dirty and profile.__dirty__ == set()
    profile.description = "changed"
    assert profile.dirty and profile.__dirty__ == {"description"}


def test_config_values_are_sent_as_strings() -> None:
    """The docs save ``config = {'security.privileged': False}``: LXD takes only strings."""
    from pylxd._core.values import config_strings
    from pylxd.models import Profile

    assert config_strings({"a": True, "b": False, "c": 2, "d": "x", "e": None}) == {
        "a": "true",
        "b": "false",
        "c": "2",
        "d": "x",
        "e": None,
    }
    profile = Profile(_objects("sync")["client"](), name="p", description="d")
    profile.config = {"security.privileged": False}
    assert profile.marshall()["config"] == {"security.privileged": "false"}
    assert profile.config == {"security.privileged": False}  # the object keeps what was set
