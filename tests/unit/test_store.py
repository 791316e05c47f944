"""Store: read state, positions, schema, damaged files, annotations CRUD and merging."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from dipreader.model.anchoring import Annotation, make_annotation
from dipreader.store import Store, StoreError
from dipreader.store.schema import SCHEMA_VERSION

BODY = (
    "Azerbaijan and Italy held political consultations in Rome on Tuesday. "
    "The sides discussed energy cooperation and the transport corridor. "
    "They agreed to meet again next year in Baku."
)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "dipreader.sqlite3"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    opened = Store.open(store_path)
    yield opened
    opened.close()


def _note(start: int, end: int, note: str = "", article_id: str = "art-1") -> Annotation:
    return make_annotation(article_id, BODY, "hash-1", start, end, note=note)


def test_read_state_and_position_survive_reopening(store_path: Path) -> None:
    with Store.open(store_path) as first:
        assert first.warnings == []
        first.set_read("a", True)
        first.set_read("b", True)
        first.set_read("b", False)
        first.set_position("a", 1234)
    with Store.open(store_path) as second:
        assert second.read_ids() == {"a"}
        assert second.is_read("a") and not second.is_read("b") and not second.is_read("zzz")
        assert second.position("a") == 1234
        assert second.position("b") is None


def test_read_mark_and_position_are_independent(store: Store) -> None:
    store.set_position("a", 10)
    assert not store.is_read("a")
    store.set_read("a", True)
    assert store.position("a") == 10


def test_schema_version_and_wal(store_path: Path) -> None:
    Store.open(store_path).close()
    conn = sqlite3.connect(store_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_migrates_an_older_schema_keeping_its_data(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(store_path)
    conn.execute(
        "CREATE TABLE article_state (article_id TEXT PRIMARY KEY, read INTEGER NOT NULL "
        "DEFAULT 0, position INTEGER, updated TEXT NOT NULL DEFAULT '')"
    )
    conn.execute("INSERT INTO article_state VALUES ('old', 1, 77, '')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store.open(store_path) as store:
        assert store.read_ids() == {"old"} and store.position("old") == 77
        store.add_annotation(_note(0, 10))
        assert len(store.annotations()) == 1


def test_newer_schema_is_refused_not_overwritten(store_path: Path) -> None:
    Store.open(store_path).close()
    conn = sqlite3.connect(store_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer dipreader"):
        Store.open(store_path)
    assert store_path.exists()


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all\n" * 50, b"SQLite format 3\x00" + b"\xff" * 4000, b"\x00"],
    ids=["text", "bad-header", "one-byte"],
)
def test_corrupt_file_is_moved_aside_with_a_warning(store_path: Path, content: bytes) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(content)
    with Store.open(store_path) as store:
        assert len(store.warnings) == 1
        assert "moved aside" in store.warnings[0]
        store.set_read("x", True)
        assert store.read_ids() == {"x"}
    aside = list(store_path.parent.glob("dipreader.sqlite3.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].name in store.warnings[0]
    assert aside[0].read_bytes() == content


def test_damaged_pages_are_detected_and_moved_aside(store_path: Path) -> None:
    with Store.open(store_path) as store:
        for index in range(300):
            store.add_annotation(_note(0, 10, note=f"note {index} " + "x" * 200))
    data = bytearray(store_path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    for offset in range(2 * page, 4 * page):
        data[offset] = 0xA5
    store_path.write_bytes(bytes(data))
    with Store.open(store_path) as reopened:
        assert reopened.warnings and "moved aside" in reopened.warnings[0]
        assert reopened.annotations() == []


def test_opening_twice_in_a_row_keeps_the_file(store_path: Path) -> None:
    with Store.open(store_path) as store:
        store.set_read("a", True)
    with Store.open(store_path) as store:
        assert store.warnings == []
        assert store.read_ids() == {"a"}


def test_usable_from_several_threads(store: Store) -> None:
    errors: list[BaseException] = []

    def mark(prefix: str) -> None:
        try:
            for index in range(50):
                store.set_read(f"{prefix}-{index}", True)
                store.set_position(f"{prefix}-{index}", index)
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=mark, args=(f"t{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.read_ids()) == 200
    assert store.position("t3-49") == 49


def test_locked_too_long_is_a_store_error(store_path: Path) -> None:
    with Store.open(store_path, busy_timeout_ms=50) as store:
        blocker = sqlite3.connect(store_path, isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(StoreError, match="locked"):
                store.set_read("a", True)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        store.set_read("a", True)
        assert store.is_read("a")


def test_full_disk_is_a_store_error_and_earlier_notes_stay(store: Store) -> None:
    kept = store.add_annotation(_note(0, 10, note="before the disk filled"))
    page_count = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {page_count + 1}")
    with pytest.raises(StoreError, match="disk is full"):
        for index in range(200):
            store.add_annotation(_note(0, 10, note=f"{index} " + "y" * 2000))
    assert kept in store.annotations()


# annotations


def test_add_update_delete_annotation(store: Store) -> None:
    added = store.add_annotation(_note(0, 10, note="first"))
    assert store.annotations("art-1") == [added]
    assert store.annotations("other") == []
    updated = store.update_annotation(added.id, note="second", color="green", tags=["a", " b ", "a"])
    assert (updated.note, updated.color, updated.tags) == ("second", "green", ("a", "b"))
    assert updated.updated >= added.updated and updated.created == added.created
    assert store.annotations() == [updated]
    store.delete_annotation(added.id)
    assert store.annotations() == []
    with pytest.raises(KeyError):
        store.update_annotation(added.id, note="gone")


def test_annotations_are_ordered_by_position(store: Store) -> None:
    later = store.add_annotation(_note(80, 100))
    earlier = store.add_annotation(_note(5, 20))
    other = store.add_annotation(_note(0, 5, article_id="art-0"))
    assert store.annotations("art-1") == [earlier, later]
    assert store.annotations() == [other, earlier, later]


def test_reanchor_persists_new_offsets_and_orphans(store: Store) -> None:
    kept = store.add_annotation(_note(BODY.index("energy"), BODY.index("energy") + 6))
    lost = store.add_annotation(_note(BODY.index("Baku"), BODY.index("Baku") + 4))
    new_body = "Update: " + BODY.replace(" in Baku", "")
    placed = store.reanchor("art-1", new_body, "hash-2")
    by_id = {ann.id: ann for ann in placed}
    assert new_body[by_id[kept.id].start : by_id[kept.id].end] == "energy"
    assert by_id[lost.id].orphan
    assert {ann.id: ann for ann in store.annotations()} == by_id
    assert all(ann.content_hash == "hash-2" for ann in store.annotations())


def test_merge_is_idempotent_and_newer_wins(store: Store) -> None:
    original = store.add_annotation(_note(0, 10, note="mine"))
    imported = [
        replace(original, note="theirs, older", updated="2000-01-01T00:00:00Z"),
        _note(20, 30, note="new one"),
    ]
    assert store.merge_annotations(imported) == 1
    assert store.merge_annotations(imported) == 0
    newer = replace(original, note="theirs, newer", updated="2999-01-01T00:00:00.000000Z")
    assert store.merge_annotations([newer]) == 1
    assert store.merge_annotations([newer]) == 0
    notes = {ann.note for ann in store.annotations()}
    assert notes == {"theirs, newer", "new one"}


def test_imported_quote_only_note_is_placed_by_reanchor(store: Store) -> None:
    quote = "discussed energy cooperation"
    imported = replace(_note(0, 10), start=-1, end=-1, prefix="", suffix="", exact=quote)
    assert store.merge_annotations([imported]) == 1
    (placed,) = store.reanchor("art-1", BODY, "hash-1")
    assert BODY[placed.start : placed.end] == quote and not placed.orphan
    assert store.annotations() == [placed]


def test_reanchor_leaves_notes_edited_meanwhile_alone(store: Store) -> None:
    ann = store.add_annotation(_note(BODY.index("energy"), BODY.index("energy") + 6))
    edited = store.update_annotation(ann.id, note="edited")
    (placed,) = store.reanchor("art-1", "Prefix. " + BODY, "hash-2")
    assert placed.note == "edited" and placed.updated == edited.updated


def test_session_values_are_saved_replaced_and_forgotten(store_path: Path) -> None:
    with Store.open(store_path) as store:
        assert store.session_value("article") is None
        store.set_session_value("article", "a-1")
        store.set_session_value("article", "a-2")
        store.set_session_value("tab", "tab-who")
    with Store.open(store_path) as store:
        assert store.session_value("article") == "a-2" and store.session_value("tab") == "tab-who"
        store.set_session_value("tab", None)
        assert store.session_value("tab") is None
