# Generated from pylxd/_async/network/__init__.py by tools/unasync.py: do not edit, edit the source.
"""Networks and the objects that live beside them (ACLs, zones, forwards, peers)."""
