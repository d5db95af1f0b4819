"""The version (read by pyproject.toml too: one place)."""

__version__ = "3.0.0.dev0"
