"""Faults around the state file: a stray WAL or journal is refused, a damaged file is salvaged."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from dipreader.model.anchoring import make_annotation
from dipreader.store import Store

BODY = "Azerbaijan and Italy held political consultations in Rome on Tuesday and agreed to meet."


def add_notes(store: Store, count: int, label: str = "note") -> None:
    for index in range(count):
        store.add_annotation(make_annotation("art", BODY, "h", 0, 10, note=f"{label} {index} " + "x" * 200))


def snapshot_while_open(store_file: Path, target_folder: Path) -> Path:
    """The state file and its WAL as a killed process would leave them (no checkpoint, no -shm)."""
    target_folder.mkdir(parents=True)
    for suffix in ("", "-wal"):
        source = store_file.with_name(store_file.name + suffix)
        if source.exists():
            shutil.copyfile(source, target_folder / (store_file.name + suffix))
    return target_folder / store_file.name


def test_a_wal_from_another_store_is_moved_aside_and_the_notes_stay(tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "dipreader.sqlite3"
    with Store.open(mine) as store:
        add_notes(store, 5, "mine")
    other = Store.open(tmp_path / "other" / "dipreader.sqlite3")
    other._conn.execute("PRAGMA wal_autocheckpoint = 0")
    add_notes(other, 1, "theirs")
    stray = Path(str(other.path) + "-wal")
    assert stray.stat().st_size > 0
    shutil.copyfile(stray, Path(str(mine) + "-wal"))
    other.close()
    with Store.open(mine) as reopened:
        assert any("does not belong" in warning for warning in reopened.warnings)
        assert sorted(ann.note.split()[0] for ann in reopened.annotations()) == ["mine"] * 5
    assert list(mine.parent.glob("dipreader.sqlite3-wal.stray-*"))


def test_its_own_wal_left_by_a_crash_is_replayed(tmp_path: Path) -> None:
    live = Store.open(tmp_path / "live" / "dipreader.sqlite3")
    live._conn.execute("PRAGMA wal_autocheckpoint = 0")
    add_notes(live, 3)
    crashed = snapshot_while_open(live.path, tmp_path / "crashed")
    live.close()
    with Store.open(crashed) as reopened:
        assert reopened.warnings == []
        assert len(reopened.annotations()) == 3


def test_a_stray_rollback_journal_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "dipreader.sqlite3"
    with Store.open(path) as store:
        add_notes(store, 2)
    Path(str(path) + "-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 504)
    with Store.open(path) as reopened:
        assert any("rollback journal" in warning for warning in reopened.warnings)
        assert len(reopened.annotations()) == 2


def test_a_damaged_state_file_is_salvaged_into_the_fresh_one(tmp_path: Path) -> None:
    path = tmp_path / "dipreader.sqlite3"
    with Store.open(path) as store:
        add_notes(store, 400)
    data = bytearray(path.read_bytes())
    page = 4096
    pages = len(data) // page
    assert pages > 20
    middle = pages // 2
    data[middle * page : (middle + 1) * page] = b"\xa5" * page
    path.write_bytes(bytes(data))
    with Store.open(path) as reopened:
        (warning,) = reopened.warnings
        recovered = len(reopened.annotations())
        assert 0 < recovered < 400
        assert f"{recovered} note(s)" in warning and "kept" in warning
    (aside,) = tmp_path.glob("dipreader.sqlite3.corrupt-*")
    assert aside.read_bytes() == bytes(data)


def test_a_file_that_is_no_database_says_nothing_was_recovered(tmp_path: Path) -> None:
    path = tmp_path / "dipreader.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with Store.open(path) as reopened:
        (warning,) = reopened.warnings
        assert "nothing could be recovered" in warning
        assert reopened.annotations() == []


def test_identity_is_written_once_and_touched_by_every_write(tmp_path: Path) -> None:
    path = tmp_path / "dipreader.sqlite3"
    with Store.open(path) as store:
        add_notes(store, 3)
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT id, writes FROM store_identity").fetchall()
    assert len(rows) == 1 and len(rows[0][0]) == 32 and rows[0][1] == 3
