"""Our own HTTP response: what ``client.api...get()`` returns, whatever the HTTP library.

A value type with no I/O: the drivers build it, the envelope rules and the errors read it.
"""

from __future__ import annotations

import json as jsonlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from pylxd.exceptions import LXDAPIException, error_class

if TYPE_CHECKING:
    from email.message import Message

__all__ = ["Headers", "Response", "content_length"]


def content_length(headers: Mapping[str, str]) -> int | None:
    """The body's announced length, ``None`` when it is not announced (sent chunked)."""
    length = headers.get("Content-Length")
    return int(length) if length and length.isdigit() else None


class Headers(Mapping[str, str]):
    """Response headers from the standard library's parser, looked up case-insensitively."""

    __slots__ = ("_message",)

    def __init__(self, message: Message) -> None:
        self._message = message

    def __getitem__(self, key: str) -> str:
        value = self._message.get(key)
        if value is None:
            raise KeyError(key)
        return str(value)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._message

    def __iter__(self) -> Iterator[str]:
        return iter(self._message.keys())

    def __len__(self) -> int:
        return len(self._message)

    def __repr__(self) -> str:
        return f"Headers({dict(self._message.items())!r})"


class Response:
    """A complete HTTP response (the body is already read).

    Attributes:
        status_code: the HTTP status.
        headers: the response headers (case-insensitive lookups).
        content: the body as bytes.
        url: the URL that was requested.
    """

    __slots__ = ("_json", "content", "headers", "status_code", "url")

    def __init__(
        self, status_code: int, headers: Mapping[str, str], content: bytes, url: str = ""
    ) -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content
        self.url = url
        self._json: Any = _UNPARSED

    @property
    def ok(self) -> bool:
        """True for a status below 400."""
        return self.status_code < 400

    @property
    def text(self) -> str:
        """The body decoded as UTF-8 (LXD always speaks UTF-8)."""
        return self.content.decode("utf-8", errors="replace")

    def raise_for_status(self) -> None:
        """Raise the matching :class:`~pylxd.exceptions.LXDAPIException` for an error status.

        (The api tree already raises on errors; this is for code written against requests.)
        """
        if self.status_code >= 400:
            error = LXDAPIException(self)
            raise error_class(self.status_code, error.error)(self, error.error)

    def json(self) -> Any:
        """The body parsed as JSON (parsed once, then cached).

        Raises:
            ValueError: the body is not JSON.
        """
        if self._json is _UNPARSED:
            self._json = jsonlib.loads(self.content)
        return self._json

    def __repr__(self) -> str:
        return f"<Response [{self.status_code}]>"


_UNPARSED: Any = object()
