"""The SQLite files under cache/: opened leniently, rebuilt when damaged, never fatal."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect_cache(path: Path, *create_statements: str) -> sqlite3.Connection | None:
    """A WAL connection with the tables made; a damaged file is deleted and made again.

    None when the file cannot be made at all (read-only or full disk): the caller then
    works without its cache.
    """
    if path.exists() and not path.is_file():
        return None  # a folder (or a device) where the cache file should be
    for attempt in range(2):
        connection: sqlite3.Connection | None = None
        try:
            connection = sqlite3.connect(path, check_same_thread=False, timeout=5)
            connection.execute("PRAGMA journal_mode=WAL")
            for statement in create_statements:
                connection.execute(statement)
            connection.commit()
            return connection
        except sqlite3.OperationalError:  # read-only, locked or unopenable: not damage
            if connection is not None:
                connection.close()
            return None
        except sqlite3.DatabaseError:
            if connection is not None:
                connection.close()
            if attempt == 0:
                try:
                    path.unlink(missing_ok=True)
                except OSError:
                    return None
        except OSError:
            return None
    return None
