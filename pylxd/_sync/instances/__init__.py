# Generated from pylxd/_async/instances/__init__.py by tools/unasync.py: do not edit, edit the source.
"""Instances: the instance model, its managers and its sub-resources."""
