"""The config.yml reader: the shapes lxc and incus write, and a clear error otherwise."""

from __future__ import annotations

import pytest

from pylxd._core.config_yaml import parse

LXC_CONFIG = """\
default-remote: local
remotes:
  images:
    addr: https://images.linuxcontainers.org
    protocol: simplestreams
    public: true
  local:
    addr: unix://
    public: false
  "my remote":
    addr: 'https://[::1]:8443'
    project: "123"
    protocol: lxd
    public: false # a comment
aliases: {}
"""


def test_the_shape_the_clis_write() -> None:
    assert parse(LXC_CONFIG) == {
        "default-remote": "local",
        "remotes": {
            "images": {
                "addr": "https://images.linuxcontainers.org",
                "protocol": "simplestreams",
                "public": True,
            },
            "local": {"addr": "unix://", "public": False},
            "my remote": {
                "addr": "https://[::1]:8443",
                "project": "123",
                "protocol": "lxd",
                "public": False,
            },
        },
        "aliases": {},
    }


def test_scalars_sequences_and_empty_documents() -> None:
    text = "a: 'it''s'\nb: \"x\\ty\"\nc: ~\nd:\n- one\n- 2\ne: []\nf:\n"
    assert parse(text) == {"a": "it's", "b": "x\ty", "c": None, "d": ["one", 2], "e": [], "f": None}
    assert parse("") is None and parse("# nothing\n---\n") is None


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2]\n",  # flow sequences: not written by the CLIs
        "a: &anchor x\n",
        "a: |\n  block\n",
        "a: 1\n  b: 2\n",  # indentation that opens nothing
        "just text\n",
        "a: 'unterminated\n",
        "\ta: 1\n",
    ],
)
def test_what_it_does_not_know_is_an_error_with_the_line(text: str) -> None:
    with pytest.raises(ValueError, match="line"):
        parse(text)
