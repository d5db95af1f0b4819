# Generated from pylxd/_async/api.py by tools/unasync.py: do not edit, edit the source.
"""``client.api``: the REST tree, one node per path, and the one funnel every model uses.

>>> client.api.instances["c1"].state.get().json()["metadata"]["status"]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pylxd._core.response import Response
from pylxd._core.urls import attribute_segment, join_path
from pylxd._drivers.types import Body, TimeoutSpec

if TYPE_CHECKING:
    from pylxd._sync.client import Client
    from pylxd._drivers.sync.http import StreamResponse

__all__ = ["APINode", "ApiSession"]

# Attribute names that are never LXD paths: asked of a node, they fail as attributes
# instead of building a path (``node.close()`` would otherwise be "not callable").
_NOT_PATHS = ("close", "close")


class ApiSession:
    """``client.api.session``: what old pylxd exposed there (its HTTP session), for the
    programs that close it (``contextlib.closing(client.api.session)``).

    Closing it closes the client's idle connections; the client opens new ones when it
    is used again, as a ``requests`` session did (in both flavours: it closes the
    connections, not the client).
    """

    __slots__ = ("_client",)

    def __init__(self, client: Client) -> None:
        self._client = client

    def close(self) -> None:
        """Close the client's connections to the server."""
        self._client._close_connections()

    def __repr__(self) -> str:
        return f"<Session of {self._client!r}>"


class APINode:
    """One path of the REST API. Attributes and items go one level down (names are quoted).

    ``node.storage_pools`` → ``/storage-pools``; ``node["my pool"]`` → ``/my%20pool``.
    Requests raise :class:`~pylxd.exceptions.LXDAPIException` (with LXD's message) on errors.
    """

    __slots__ = ("_client", "_path", "_project")

    def __init__(self, client: Client, path: str, project: str | None = None) -> None:
        self._client = client
        self._path = path
        self._project = project

    def __getattr__(self, name: str) -> APINode:
        if name.startswith("_") or name in _NOT_PATHS:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        if name == "containers":
            return self._containers()
        return APINode(self._client, f"{self._path}/{attribute_segment(name)}", self._project)

    @property
    def session(self) -> ApiSession:
        """The client's connections, as old pylxd's ``requests`` session: ``close()`` them."""
        return ApiSession(self._client)

    def __getitem__(self, item: object) -> APINode:
        if item == "containers":
            return self._containers()
        return APINode(self._client, join_path(self._path, item), self._project)

    def _containers(self) -> APINode:
        """``/1.0/containers``, which Incus removed: there it is ``/1.0/instances`` (the same
        objects and bodies), so old programs' ``client.api.containers`` still work."""
        segment = "containers"
        client = self._client
        if self._path == f"/{client.version}" and client._host_info is not None:
            if client.is_incus:
                segment = "instances"
        return APINode(client, f"{self._path}/{segment}", self._project)

    @property
    def path(self) -> str:
        """The path below the server's root, e.g. ``/1.0/instances/c1``."""
        return self._path

    @property
    def project(self) -> str | None:
        """The project this node's requests are made in (``None``: the client's)."""
        return self._project

    def in_project(self, project: str | None) -> APINode:
        """This path, its requests (and its children's) made in ``project`` rather than the
        client's (``?project=``). ``None`` keeps this node's project."""
        if project is None or project == self._project:
            return self
        return APINode(self._client, self._path, project)

    def _params(self, params: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
        if self._project is None or (params is not None and "project" in params):
            return params
        return {**(params or {}), "project": self._project}

    @property
    def _api_endpoint(self) -> str:
        return f"{self._client.endpoint.base_url}{self._path}"

    def __repr__(self) -> str:
        project = f" project={self._project!r}" if self._project is not None else ""
        return f"<APINode {self._path}{project}>"

    def get(
        self,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutSpec = None,
        is_api: bool = True,
        limit: bool = True,
    ) -> Response:
        """``GET`` this path (``limit=False``: a file's content, read whole whatever its
        size; else at most the client's ``max_response_size``)."""
        return self._client._request(
            "GET",
            self._path,
            params=self._params(params),
            headers=headers,
            timeout=timeout,
            limit=limit,
        )

    def stream(
        self,
        method: str = "GET",
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        data: Body = None,
        timeout: TimeoutSpec = None,
        bulk: bool = False,
    ) -> StreamResponse:
        """Send a request whose response body is read as it is iterated (then closed;
        ``bulk``: a download that may be large — pylxd reads it on a worker thread)."""
        return self._client._stream(
            method,
            self._path,
            params=self._params(params),
            headers=headers,
            data=data,
            timeout=timeout,
            bulk=bulk,
        )

    def post(
        self,
        *,
        json: Any = None,
        data: Body = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        target: str | None = None,
        timeout: TimeoutSpec = None,
    ) -> Response:
        """``POST`` to this path; ``target`` places the work on a cluster member."""
        if target is not None:
            params = {**(params or {}), "target": target}
        return self._send("POST", json, data, params, headers, timeout)

    def put(
        self,
        *,
        json: Any = None,
        data: Body = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutSpec = None,
    ) -> Response:
        """``PUT`` this path (replace the object)."""
        return self._send("PUT", json, data, params, headers, timeout)

    def patch(
        self,
        *,
        json: Any = None,
        data: Body = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutSpec = None,
    ) -> Response:
        """``PATCH`` this path (merge into the object)."""
        return self._send("PATCH", json, data, params, headers, timeout)

    def delete(
        self,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutSpec = None,
    ) -> Response:
        """``DELETE`` this path."""
        return self._send("DELETE", json, None, params, headers, timeout)

    def _send(
        self,
        method: str,
        json: Any,
        data: Body,
        params: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None,
        timeout: TimeoutSpec,
    ) -> Response:
        return self._client._request(
            method,
            self._path,
            params=self._params(params),
            json=json,
            data=data,
            headers=headers,
            timeout=timeout,
        )
