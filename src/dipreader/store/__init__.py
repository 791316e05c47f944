"""SQLite store for read state, reading positions and annotations (no UI)."""

from dipreader.store.errors import StoreError
from dipreader.store.sqlite_store import Store

__all__ = ["Store", "StoreError"]
