# Generated from pylxd/_async/cluster/__init__.py by tools/unasync.py: do not edit, edit the source.
"""The cluster: members, groups, join tokens and its certificate."""
