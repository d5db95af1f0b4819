# Generated from tests/faults/_async/__init__.py by tools/unasync.py: do not edit, edit the source.
"""The fault suite: hostile containers, hostile servers, concurrent writers, bad inputs."""
