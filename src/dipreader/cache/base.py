"""The SQLite files under cache/: opened leniently, rebuilt when damaged, never fatal."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import suppress
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


# Errors of the place rather than of the file: another process holds it, the disk is full or read-only.
PLACE_ERRORS = frozenset(
    {"SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_READONLY", "SQLITE_FULL", "SQLITE_CANTOPEN", "SQLITE_PERM"}
)
# FTS5 reports some spoiled pages as a plain SQLITE_ERROR (an OperationalError), not as corruption.
FTS5_DAMAGE = ("invalid fts5 file format", "fts5: corruption")


def is_place_error(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    return any(name.startswith(prefix) for prefix in PLACE_ERRORS) or name.startswith("SQLITE_IOERR")


def is_damage(error: sqlite3.Error) -> bool:
    """The file is not (or no longer) a sound database; other OperationalErrors are about the place or
    the SQL."""
    if isinstance(error, sqlite3.OperationalError):
        return any(sign in str(error) for sign in FTS5_DAMAGE)
    return isinstance(error, sqlite3.DatabaseError)


SIDE_FILE_SUFFIXES = ("-wal", "-shm", "-journal")


class StaleSchema(Exception):
    """The file holds another version of the tables: a cache, so it is made again."""


def delete_cache_files(path: Path) -> None:
    """The file and its WAL, shared-memory and journal files, as far as they can be deleted."""
    for suffix in ("", *SIDE_FILE_SUFFIXES):
        with suppress(OSError):
            Path(str(path) + suffix).unlink(missing_ok=True)


def prepare_versioned(
    connection: sqlite3.Connection,
    schema: Sequence[str],
    version: int,
    probes: Sequence[str],
    *,
    wal: bool = True,
) -> None:
    """Make the tables of an empty file (`schema`, stamped `version` in user_version), or check a
    file made before is of this version and readable (`probes`); StaleSchema when it is not."""
    if wal:
        connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")  # a cache: a power cut costs a rebuild at worst
    found = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if found == 0:
        if connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]:
            raise StaleSchema
        connection.execute("BEGIN IMMEDIATE")
        for statement in schema:
            connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {version}")
        connection.execute("COMMIT")
    elif found != version:
        raise StaleSchema
    for probe in probes:
        connection.execute(probe).fetchall()


def open_versioned(
    path: Path, prepare: Callable[[sqlite3.Connection], None], timeout: float
) -> tuple[sqlite3.Connection | None, bool]:
    """(an autocommit connection to the file prepared by `prepare`, whether a damaged file was
    discarded). A stale or damaged file is deleted and made again; None when the place cannot be
    written (read-only, full or locked)."""
    discarded = False
    for _attempt in range(2):
        connection: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=timeout)
            prepare(connection)
            return connection, discarded
        except StaleSchema:
            if connection is not None:
                connection.close()
            delete_cache_files(path)
        except sqlite3.Error as error:
            if connection is not None:
                connection.close()
            if is_place_error(error):  # read-only, locked or unopenable: not damage
                return None, discarded
            # Any other error of the fixed set-up and probes says the file is not sound.
            delete_cache_files(path)
            discarded = True
        except OSError:
            if connection is not None:
                connection.close()
            return None, discarded
    return None, discarded
