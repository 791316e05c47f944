"""Caches under <data dir>/cache: metadata and analyses in SQLite, rebuildable, never user state."""
