"""URL rules: path segments are quoted, query parameters encoded in one place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from pylxd.exceptions import InvalidName

__all__ = [
    "Filter",
    "Params",
    "filter_expression",
    "attribute_segment",
    "check_name",
    "is_name",
    "join_path",
    "name_from_url",
    "project_from_url",
    "project_scope",
    "quote_segment",
    "with_query",
]

Params = Mapping[str, Any]


def quote_segment(name: object) -> str:
    """Quote one path segment: ``/``, ``?``, ``#``, ``%`` and spaces never leak into the URL."""
    return quote(str(name), safe="")


# Quoting leaves these as they are, and every HTTP stack resolves them as a path would
# (``/1.0/instances/..`` is ``/1.0``): no LXD object has such a name.
_NOT_NAMES = ("", ".", "..")


def check_name(name: object, what: str = "name") -> str:
    """``name`` if it can name an object in a URL.

    A ``/`` is allowed: it is quoted (``%2F``), and image aliases and volume snapshots
    (``vol/snap``) have one; elsewhere LXD answers with its own error.

    Raises:
        TypeError: ``name`` is not a string (``None`` would be sent as ``"None"``).
        InvalidName: ``""``, ``"."`` or ``".."`` (also a ``ValueError``).
    """
    if not isinstance(name, str):
        raise TypeError(f"{what} must be a string, not {type(name).__name__}")
    if name in _NOT_NAMES:
        raise InvalidName(f"{what} {name!r} is not a name: it would be read as a path")
    return name


def is_name(value: object) -> bool:
    """Whether :func:`check_name` takes ``value`` (for names the server sent)."""
    return isinstance(value, str) and value not in _NOT_NAMES


def join_path(base: str, name: object) -> str:
    """``base`` + ``/`` + the quoted ``name`` (checked by :func:`check_name`)."""
    return f"{base}/{quote_segment(check_name(name))}"


def name_from_url(url: str) -> str:
    """``/1.0/instances/my%20c1?project=p`` → ``my c1``: the object a URL names."""
    return unquote(url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1])


def logs_relative_name(url: str) -> str:
    """``/1.0/instances/c1/logs/exec-output/x.stdout`` → ``exec-output/x.stdout``."""
    path = url.split("?", 1)[0]
    return unquote(path.split("/logs/", 1)[1]) if "/logs/" in path else name_from_url(path)


def project_from_url(url: str) -> str | None:
    """``/1.0/instances/c1?project=p`` → ``p`` (``None`` when the URL names no project)."""
    values = parse_qs(urlsplit(url).query).get("project")
    return values[0] if values else None


def attribute_segment(name: str) -> str:
    """``client.api.storage_pools`` → ``storage-pools``: LXD paths use dashes, never underscores."""
    return name.replace("_", "-")


def with_query(path: str, params: Params | None) -> str:
    """Append ``params`` (``None`` values dropped, booleans as ``true``/``false``).

    Values are percent-encoded whole (only ``,`` is left as it is): LXD's Go server drops
    a parameter holding a bare ``;``, and a file name may hold any byte. A ``str`` is
    encoded as the OS encodes file names (UTF-8, ``surrogateescape``: a name from
    ``os.fsdecode`` keeps its non-UTF-8 bytes); ``bytes`` go as they are.
    """
    if not params:
        return path
    items = [(k, _query_value(v)) for k, v in params.items() if v is not None]
    if not items:
        return path
    separator = "&" if "?" in path else "?"
    return f"{path}{separator}{urlencode(items, safe=',', quote_via=quote)}"


def _query_value(value: Any) -> str | bytes:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value.encode("utf-8", "surrogateescape")
    if isinstance(value, bytes):
        return value
    return str(value)


def project_scope(project: str | None, all_projects: bool) -> dict[str, Any]:
    """The query that lists one project's objects (``project``), every project's
    (``all-projects``; the client's own project is then left out, which LXD refuses beside
    it), or the client's (nothing).

    Raises:
        ValueError: both a project and ``all_projects``.
    """
    if all_projects:
        if project is not None:
            raise ValueError("give either project= or all_projects=True, not both")
        return {"all-projects": True, "project": None}
    return {} if project is None else {"project": project}


#: A listing filter: LXD's own expression (``status eq Running and config.user.x eq y``),
#: or ``{field: value}`` pairs that must all match.
Filter = str | Mapping[str, Any]


def filter_expression(filter: Filter) -> str:  # noqa: A002 - LXD's name for it
    """LXD's ``?filter=`` expression: a string is sent as it is (LXD's language: ``eq``,
    ``ne``, ``and``, ``or``, ``not``; no parentheses — LXD 5.0.2 then matches nothing,
    Incus refuses them); ``{field: value}`` becomes ``field eq value and …`` (a value with
    a space is quoted; booleans ``true``/``false``).

    Raises:
        ValueError: an empty filter, or a value holding a double quote.
    """
    if isinstance(filter, str):
        expression = filter.strip()
    else:
        terms = []
        for field, value in filter.items():
            text = ("true" if value else "false") if isinstance(value, bool) else str(value)
            if '"' in text:
                raise ValueError(f"a filter value cannot hold a double quote: {text!r}")
            terms.append(
                f'{field} eq "{text}"' if not text or " " in text else f"{field} eq {text}"
            )
        expression = " and ".join(terms)
    if not expression:
        raise ValueError("an empty filter matches nothing in particular: pass None instead")
    return expression
