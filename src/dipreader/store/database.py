"""Opening the SQLite file: pragmas, validation, migrations, and moving a damaged file aside."""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import time
from pathlib import Path

from dipreader.store.errors import (
    SQLITE_BUSY,
    SQLITE_LOCKED,
    StoreError,
    is_corruption,
    primary_code,
    store_error,
)
from dipreader.store.salvage import salvage
from dipreader.store.schema import SCHEMA_VERSION, NewerSchemaError, migrate
from dipreader.store.side_files import refuse_stray_side_files

SIDE_FILE_SUFFIXES = ("-wal", "-shm", "-journal")
SQLITE_HEADER = b"SQLite format 3\x00"


class _DamagedFile(Exception):
    """The file opened but failed the integrity check."""


def _configure(conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed note survives a power cut too, not only a killed process.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _has_foreign_header(path: Path) -> bool:
    """A non-empty file that does not start like SQLite (SQLite would silently reuse a tiny one)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    return bool(head) and head != SQLITE_HEADER


def _connect_once(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    if _has_foreign_header(path):
        raise _DamagedFile("file is not a database")
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        _configure(conn, busy_timeout_ms)
        verdict = conn.execute("PRAGMA quick_check").fetchone()
        if verdict is None or verdict[0] != "ok":
            raise _DamagedFile(str(verdict[0] if verdict else "no answer"))
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _aside_name(path: Path) -> Path:
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    return candidate


def move_aside(path: Path) -> Path:
    """Rename a damaged store (and its WAL/SHM side files) to a timestamped name; return it."""
    aside = _aside_name(path)
    os.replace(path, aside)
    for suffix in SIDE_FILE_SUFFIXES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    return aside


def _check_writable(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(
            f"Could not create the data folder {path.parent}: {err.strerror or err}. "
            "Choose another folder with --data-dir."
        ) from err
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StoreError(
            f"The data folder {path.parent} is read-only, so dipreader cannot keep read state "
            "or notes there. Fix its permissions or choose another folder with --data-dir."
        )
    if path.exists() and not path.is_file():
        raise StoreError(
            f"The state file {path} is a folder, not a file. Move it away or choose another folder "
            "with --data-dir."
        )
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(
            f"The state file {path} cannot be read and written. Fix its permissions or choose "
            "another folder with --data-dir."
        )


def _connect_patiently(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    """Connect, retrying while another process holds the lock (two copies starting at once)."""
    deadline = time.monotonic() + busy_timeout_ms / 1000
    while True:
        try:
            return _connect_once(path, busy_timeout_ms)
        except sqlite3.OperationalError as err:
            if primary_code(err) not in (SQLITE_BUSY, SQLITE_LOCKED) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def open_database(path: Path, busy_timeout_ms: int) -> tuple[sqlite3.Connection, list[str]]:
    """A configured, migrated connection to `path` and any warnings for the user."""
    _check_writable(path)
    try:
        warnings = refuse_stray_side_files(path)
    except OSError as err:
        raise StoreError(
            f"A log file beside the state file {path} does not belong to it and could not be moved "
            f"aside: {err.strerror or err}."
        ) from err
    try:
        return _connect_patiently(path, busy_timeout_ms), warnings
    except NewerSchemaError as err:
        raise StoreError(
            f"The state file {path} was written by a newer dipreader ({err}). Upgrade dipreader "
            "or choose another folder with --data-dir."
        ) from err
    except (sqlite3.DatabaseError, _DamagedFile) as err:
        if isinstance(err, sqlite3.DatabaseError) and not is_corruption(err):
            raise store_error(err, "open the state file", path) from err
        reason = str(err)
    try:
        aside = move_aside(path)
    except OSError as err:
        raise StoreError(
            f"The state file {path} is damaged ({reason}) and could not be moved aside: "
            f"{err.strerror or err}."
        ) from err
    try:
        fresh = _connect_patiently(path, busy_timeout_ms)
    except (sqlite3.DatabaseError, _DamagedFile) as err:
        if isinstance(err, sqlite3.DatabaseError):
            raise store_error(err, "create a fresh state file", path) from err
        raise StoreError(f"Could not create a fresh state file at {path}: {err}.") from err
    recovered = salvage(aside, fresh)
    notes, marks = recovered["annotations"], recovered["article_state"]
    if notes or marks:
        outcome = (
            f"{notes} note(s) and highlight(s) and {marks} read mark(s) or position(s) were recovered "
            "from it into a fresh one"
        )
    else:
        outcome = "nothing could be recovered from it: read marks, positions and notes start empty"
    warnings.append(
        f"The state file {path.name} was damaged ({reason}). It was moved aside to {aside.name} "
        f"(kept), and {outcome}."
    )
    return fresh, warnings


__all__ = ["SCHEMA_VERSION", "move_aside", "open_database"]
