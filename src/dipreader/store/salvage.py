"""Rows still readable in a damaged state file, copied into the fresh one that replaces it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Each table and its columns, in the fresh store's schema.
_TABLES = {
    "article_state": ("article_id", "read", "position", "updated"),
    "session_state": ("key", "value", "updated"),
    "saved_searches": ("name", "query", "position"),
    "annotations": (
        "id", "article_id", "content_hash", "start", '"end"', "exact", "prefix", "suffix",
        "note", "color", "tags", "created", "updated", "orphan",
    ),
}  # fmt: skip


def _readable_rows(
    damaged: sqlite3.Connection, table: str, columns: tuple[str, ...]
) -> list[tuple[object, ...]]:
    """Rows read forwards until the damage, then backwards until it: what a damaged b-tree gives."""
    rows: dict[object, tuple[object, ...]] = {}
    for order in ("ASC", "DESC"):
        try:
            cursor = damaged.execute(
                f"SELECT rowid, {', '.join(columns)} FROM {table} ORDER BY rowid {order}"
            )
            for row in cursor:
                rows.setdefault(row[0], tuple(row[1:]))
        except sqlite3.Error:
            continue
    return list(rows.values())


def salvage(damaged_path: Path, fresh: sqlite3.Connection) -> dict[str, int]:
    """Copy every readable row of `damaged_path` into `fresh`; how many rows of each table came."""
    recovered = dict.fromkeys(_TABLES, 0)
    side_files = [damaged_path.with_name(damaged_path.name + suffix) for suffix in ("-wal", "-shm")]
    made_here = [side for side in side_files if not side.exists()]
    try:
        damaged = sqlite3.connect(f"file:{damaged_path}?mode=ro", uri=True)
    except sqlite3.Error:
        return recovered
    try:
        _copy_rows(damaged, fresh, recovered)
    finally:
        damaged.close()
        for side in made_here:  # reading made them; the damaged file is kept as it was
            side.unlink(missing_ok=True)
    return recovered


def _copy_rows(damaged: sqlite3.Connection, fresh: sqlite3.Connection, recovered: dict[str, int]) -> None:
    """Every readable row of each table into `fresh`, counted in `recovered`."""
    for table, columns in _TABLES.items():
        rows = _readable_rows(damaged, table, columns)
        if not rows:
            continue
        placeholders = ", ".join("?" * len(columns))
        fresh.execute("BEGIN IMMEDIATE")
        try:
            for row in rows:
                try:
                    cursor = fresh.execute(
                        f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
                        row,
                    )
                    recovered[table] += cursor.rowcount
                except sqlite3.Error:
                    continue  # a row whose values no longer fit the schema
            fresh.execute("COMMIT")
        except BaseException:
            if fresh.in_transaction:
                fresh.execute("ROLLBACK")
            raise
