# Generated from pylxd/_async/images/__init__.py by tools/unasync.py: do not edit, edit the source.
"""Images and their aliases."""
