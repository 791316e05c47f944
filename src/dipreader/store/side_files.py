"""A -wal or -journal beside the state file that is not its own is moved aside before SQLite replays it."""

from __future__ import annotations

import datetime as _dt
import fcntl
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

IDENTITY_TABLE = "store_identity"
# SQLite's unix VFS: every open connection holds a shared lock on this byte of the -shm file
# (the "dead man switch"), so a lock there means the WAL is live, not left over.
_SHM_DMS_BYTE = 128


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def wal_is_live(path: Path) -> bool:
    """Whether another connection has the database open now (its WAL is in use, not stray)."""
    shm = _side(path, "-shm")
    try:
        descriptor = os.open(shm, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_BYTE)
    except OSError:
        return True
    else:
        fcntl.lockf(descriptor, fcntl.LOCK_UN, 1, _SHM_DMS_BYTE)
        return False
    finally:
        os.close(descriptor)


def _identity(folder: Path, files: dict[str, Path]) -> tuple[str | None, bool]:
    """(the store's identity, whether it passed the quick check) of the copied files in `folder`."""
    for name, source in files.items():
        shutil.copyfile(source, folder / name)
    connection = sqlite3.connect(folder / "state.sqlite3")
    try:
        verdict = connection.execute("PRAGMA quick_check").fetchone()
        healthy = verdict is not None and verdict[0] == "ok"
        try:
            row = connection.execute(f"SELECT id FROM {IDENTITY_TABLE}").fetchone()
        except sqlite3.Error:
            row = None
        return (str(row[0]) if row else None), healthy
    finally:
        connection.close()


def foreign_wal(path: Path) -> str | None:
    """Why the left-over WAL beside `path` is not the state file's own; None when it is (or when
    there is none, or it is live). Every write transaction of the store touches its identity
    row, so its own WAL always carries its identity; another store's carries another one."""
    wal = _side(path, "-wal")
    if not wal.is_file() or not path.is_file() or wal_is_live(path):
        return None
    with tempfile.TemporaryDirectory(prefix="dipreader-wal-check-") as temporary:
        alone, with_wal = Path(temporary, "alone"), Path(temporary, "with-wal")
        alone.mkdir()
        with_wal.mkdir()
        try:
            own, _healthy = _identity(alone, {"state.sqlite3": path})
            if own is None:
                return None  # a store from before identities: nothing to compare with
            found, healthy = _identity(with_wal, {"state.sqlite3": path, "state.sqlite3-wal": wal})
        except (OSError, sqlite3.Error) as error:
            return f"it cannot be checked ({error})"
    if not healthy:
        return "replaying it would damage the state file"
    if found != own:
        return "it was written by another database"
    return None


def move_aside(path: Path, suffixes: tuple[str, ...]) -> Path | None:
    """Rename the side files of `path` with these suffixes to `<name><suffix>.stray-<time>`."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    first: Path | None = None
    for suffix in suffixes:
        side = _side(path, suffix)
        if side.exists():
            target = side.with_name(f"{side.name}.stray-{stamp}")
            os.replace(side, target)
            first = first or target
    return first


def refuse_stray_side_files(path: Path) -> list[str]:
    """Move aside a -journal (the store never writes one) or a WAL that is not the store's own;
    a warning for each."""
    warnings: list[str] = []
    journal = _side(path, "-journal")
    if journal.is_file() and not wal_is_live(path):
        moved = move_aside(path, ("-journal",))
        if moved is not None:
            warnings.append(
                f"A rollback journal {journal.name} that the state file does not use was moved "
                f"aside to {moved.name}; nothing was replayed from it."
            )
    reason = foreign_wal(path)
    if reason is not None:
        moved = move_aside(path, ("-wal", "-shm"))
        if moved is not None:
            warnings.append(
                f"The write-ahead log {_side(path, '-wal').name} beside the state file does not "
                f"belong to it ({reason}): it was moved aside to {moved.name} and not replayed."
            )
    return warnings
