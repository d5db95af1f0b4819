# Generated from pylxd/_async/instances/logs.py by tools/unasync.py: do not edit, edit the source.
"""An instance's log files (``instance.logs``), recorded exec output among them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pylxd._sync.api import APINode
from pylxd._core.envelope import metadata_list
from pylxd._core.urls import logs_relative_name
from pylxd.exceptions import LXDAPIException, NotFound

if TYPE_CHECKING:
    from pylxd._sync.instances.instance import Instance
    from pylxd._core.response import Response

__all__ = ["LogManager"]


class LogManager:
    """``instance.logs``: the instance's log files (``lxc.log``, ``lxc.conf``, exec output…).

    Names are relative to the instance's ``logs``: recorded exec output is
    ``exec_<id>.stdout`` on LXD and ``exec-output/exec_<id>.stdout`` on Incus (the path
    after ``/logs/`` in the URL the exec operation gives).
    """

    def __init__(self, instance: Instance) -> None:
        self.instance = instance

    def _node(self, name: str) -> APINode:
        node = self.instance.api.logs
        for part in name.split("/"):
            node = node[part]
        return node

    def all(self) -> list[str]:
        """The names of the log files (and of the recorded exec output)."""
        listing = metadata_list(self.instance.api.logs.get(), str)
        if self.instance.client.is_incus:  # Incus keeps exec output in a directory of its own
            try:
                outputs = self.instance.api.logs["exec-output"].get()
                listing += metadata_list(outputs, str)
            except NotFound:
                pass
        return [logs_relative_name(url) for url in listing]

    def get(self, name: str) -> str:
        """One log file's text. Raises :class:`~pylxd.exceptions.NotFound`."""
        return (self._get(name)).text

    def read(self, name: str) -> bytes:
        """One log file's bytes (recorded output need not be text).
        Raises :class:`~pylxd.exceptions.NotFound`."""
        return (self._get(name)).content

    def _get(self, name: str) -> Response:
        try:
            return self._node(name).get(limit=False)  # a file: no size limit
        except LXDAPIException as exc:
            # LXD 5.0.2 answers a missing log file with a 500 ("open …: no such file or
            # directory"); Incus with a 404.
            if exc.status_code == 500 and "no such file or directory" in exc.error:
                raise NotFound(exc.response, exc.error, status_code=404) from exc
            raise

    def delete(self, name: str) -> None:
        """Delete a log file (LXD keeps ``lxc.log`` and ``lxc.conf``: it refuses those)."""
        self._node(name).delete()
