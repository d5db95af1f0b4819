"""Secrets out of what the ``websockets`` library logs.

At DEBUG, ``websockets`` logs each handshake's request line — an exec, console or
operation websocket's URL carries the operation's secret (``?secret=…``) —, its headers
(a JWT client's ``Authorization: Bearer …``) and a piece of each frame (an event about
an exec operation lists its ``fds`` secrets).
:func:`install` puts :class:`MaskSecrets` on its loggers, once, when pylxd first opens a
websocket; pylxd's own loggers mask the same values (:mod:`pylxd._core.logs`).
"""

from __future__ import annotations

import logging
import re

from pylxd._core.logs import _SECRET_PARAMS, MASK

__all__ = ["LOGGERS", "MaskSecrets", "install", "mask_secrets"]

#: The loggers of the ``websockets`` library (its protocol logs on the side's own logger).
LOGGERS = ("websockets.client", "websockets.server", "websockets")

_NAMES = "|".join(sorted(_SECRET_PARAMS))
# ``secret=abc`` in a URL, ``"secret": "abc"`` in JSON.
_QUERY = re.compile(rf"(?i)\b({_NAMES})=([^&\s'\"]+)")
_JSON = re.compile(rf"(?i)(\"(?:{_NAMES})\"\s*:\s*\")([^\"]*)")
# An exec's ``"fds": {"0": "…", "control": "…"}`` (possibly cut short by the logger).
_FDS = re.compile(r"(\"fds\"\s*:\s*\{)([^}]*)")
_FDS_VALUE = re.compile(r"(:\s*\")([^\"]*)")
# A handshake header ``Authorization: Bearer <JWT>`` (``Client(auth="jwt")``).
_AUTHORIZATION = re.compile(r"(?i)(authorization:\s*(?:\w+\s+)?)(\S+)")


def mask_secrets(text: str) -> str:
    """``text`` with the values of secret-bearing parameters and keys masked."""
    if "=" in text:
        text = _QUERY.sub(rf"\1={MASK}", text)
    if ":" in text and "uthorization" in text:
        text = _AUTHORIZATION.sub(rf"\g<1>{MASK}", text)
    if '"' in text:
        text = _JSON.sub(rf"\g<1>{MASK}", text)
        text = _FDS.sub(lambda m: m.group(1) + _FDS_VALUE.sub(rf"\g<1>{MASK}", m.group(2)), text)
    return text


class MaskSecrets(logging.Filter):
    """Rewrites a record whose message holds a secret; never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


_FILTER = MaskSecrets()


def install() -> None:
    """Put the filter on the ``websockets`` loggers (idempotent)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
