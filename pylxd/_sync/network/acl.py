# Generated from pylxd/_async/network/acl.py by tools/unasync.py: do not edit, edit the source.
"""Network ACLs (``/1.0/network-acls``): the model and ``client.network_acls``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pylxd._sync.collection import Collection
from pylxd._sync.network.base import NetworkObject
from pylxd._core.fields import Attribute
from pylxd._core.values import dict_list, null_as_list

__all__ = ["NetworkACL", "NetworkACLManager"]

Rule = dict[str, Any]


class NetworkACL(NetworkObject):
    """A network ACL (``/1.0/network-acls/<name>``). Needs ``network_acl``.

    ``ingress`` and ``egress`` are lists of rules, each a dict of LXD's rule keys
    (``action``, ``source``, ``destination``, ``protocol``, ``source_port``,
    ``destination_port``, ``icmp_type``, ``icmp_code``, ``description``, ``state``).
    Edit them in place (``acl.ingress.append({...})``) or assign new lists, then ``save()``.
    """

    name: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    ingress: Attribute[list[Rule]] = Attribute()
    egress: Attribute[list[Rule]] = Attribute()
    config: Attribute[dict[str, str]] = Attribute()
    used_by: Attribute[list[str]] = Attribute(readonly=True, from_server=null_as_list)
    project: Attribute[str] = Attribute(readonly=True, optional=True)

    _collection_path = "network_acls"
    _extension = "network_acl"
    _all_projects_extension = "network_acls_all_projects"

    def log(self) -> str:
        """The ACL's firewall log, as LXD's text (one request; needs ``network_acl_log``).

        Raises:
            LXDAPIException: LXD refused; LXD 5.0 and Incus 6.0 keep logs for OVN networks
                only ("Only OVN log entries may be retrieved at this time").
        """
        self.client.assert_has_api_extension("network_acl_log")
        return (self.api.log.get()).text


class NetworkACLManager(Collection[NetworkACL]):
    """``client.network_acls``."""

    model = NetworkACL

    def create(
        self,
        name: str,
        description: str | None = None,
        ingress: Sequence[Mapping[str, Any]] | None = None,
        egress: Sequence[Mapping[str, Any]] | None = None,
        config: Mapping[str, str] | None = None,
        wait: bool = True,
    ) -> NetworkACL:
        """Create an ACL and return it, complete.

        Args:
            name: the ACL's name.
            description: free text.
            ingress: rules for traffic coming in (dicts, see :class:`NetworkACL`).
            egress: rules for traffic going out.
            config: ``user.*`` keys.

        Raises:
            LXDAPIException: LXD refused (its message, e.g. "Invalid ingress rule 0: Action
                must be one of: allow, drop, reject").
            LXDAPIExtensionNotAvailable: the server lacks ``network_acl``.
        """
        return self._create_named(
            name,
            wait=wait,
            description=description,
            ingress=dict_list(ingress, "ingress"),
            egress=dict_list(egress, "egress"),
            config=config,
        )
