# Generated from pylxd/_async/storage/__init__.py by tools/unasync.py: do not edit, edit the source.
"""Storage pools, volumes and their snapshots and backups."""
