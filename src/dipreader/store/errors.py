"""StoreError and the translation of SQLite failures into messages a user can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Primary SQLite result codes (the low byte of an extended code).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class StoreError(Exception):
    """The store could not do what was asked; the message is meant for the user."""


def primary_code(err: sqlite3.Error) -> int | None:
    code = getattr(err, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_corruption(err: sqlite3.Error) -> bool:
    """True when the file is not a database or is damaged (not merely locked, full, read-only)."""
    return primary_code(err) in (SQLITE_NOTADB, SQLITE_CORRUPT)


def store_error(err: sqlite3.Error, action: str, path: Path) -> StoreError:
    """A StoreError saying what failed (`action`, e.g. "save the note") and what to do about it."""
    code = primary_code(err)
    where = f"the state file {path}"
    if code == SQLITE_FULL:
        reason = "the disk is full; free some space and try again"
    elif code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN):
        reason = (
            f"{where} or its folder {path.parent} cannot be written (read-only or no permission); "
            "fix the permissions or choose another --data-dir"
        )
    elif code in (SQLITE_BUSY, SQLITE_LOCKED):
        reason = f"{where} stayed locked by another dipreader for too long; try again in a moment"
    elif code == SQLITE_IOERR:
        reason = f"the system reported an input/output error on {where} ({err})"
    elif code in (SQLITE_NOTADB, SQLITE_CORRUPT):
        reason = f"{where} is damaged ({err}); restart dipreader to move it aside"
    else:
        reason = f"SQLite said: {err}"
    return StoreError(f"Could not {action}: {reason}.")
