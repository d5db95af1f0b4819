"""The source of truth for the client, the api tree, managers and models (asyncio).

``pylxd/_sync`` is generated from this package by ``tools/unasync.py``: edit here.
"""
