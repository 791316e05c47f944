"""Notes placed on an article's current text a page at a time, read by stretch, and followed by the
search index through the store's revisions (what changed, not every note)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from dipreader.cache.search_index import SearchIndex
from dipreader.core.search import sync_notes
from dipreader.model.anchoring import Annotation, make_annotation
from dipreader.store import Store
from dipreader.store.annotation_places import LONG_NOTE_CHARS

OLD_BODY = "Talks on energy resumed. " * 40 + "The ministers met in Baku. " * 40
NEW_BODY = "A new first line. " + OLD_BODY


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "dipreader.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    opened = SearchIndex(tmp_path / "search.sqlite3")
    yield opened
    opened.close()


def _notes(count: int, body: str = OLD_BODY, digest: str = "old") -> list[Annotation]:
    return [
        make_annotation("art", body, digest, start, start + 20, note=f"note {n}", tags=[f"t{n % 3}"])
        for n, start in enumerate(range(0, 25 * count, 25))
    ]


def test_placing_moves_notes_saved_against_another_text_and_changes_nothing_else(store: Store) -> None:
    notes = _notes(30)
    store.merge_annotations(notes)
    assert store.stale_annotations("art", "new", 1000) == 30
    placed: list[Annotation] = []
    while page := store.place_annotations("art", NEW_BODY, "new", limit=7):
        assert len(page) <= 7
        placed.extend(page)
    assert len(placed) == 30
    assert store.stale_annotations("art", "new", 1000) == 0
    assert store.place_annotations("art", NEW_BODY, "new") == []  # placed already: nothing to do
    by_id = {ann.id: ann for ann in store.annotations("art")}
    assert len(by_id) == 30
    for before in notes:
        after = by_id[before.id]
        assert NEW_BODY[after.start : after.end] == before.exact == after.exact
        assert (after.note, after.tags, after.color, after.created) == (
            before.note,
            before.tags,
            before.color,
            before.created,
        )


def test_reading_a_stretch_gives_the_notes_overlapping_it_long_ones_too(store: Store) -> None:
    body = "word " * 3000
    short = [make_annotation("art", body, "h", start, start + 10) for start in range(0, 14000, 100)]
    long = make_annotation("art", body, "h", 5, 5 + LONG_NOTE_CHARS * 2)
    store.merge_annotations([*short, long])
    found = store.annotations_between("art", 8000, 8500, 1000)
    expected = {ann.id for ann in short if ann.start < 8500 and ann.end > 8000} | {long.id}
    assert {ann.id for ann in found} == expected
    assert [ann.start for ann in found] == sorted(ann.start for ann in found)
    assert len(store.annotations_between("art", 0, 14000, 5)) == 5


def test_import_places_every_note_whatever_its_hash(store: Store) -> None:
    (note,) = _notes(1, digest="new")
    wrong = replace(note, start=-1, end=-1)  # the hash of this text, but no offsets
    store.merge_annotations([wrong])
    assert store.reanchor_every("art", NEW_BODY, "new") == 0
    (placed,) = store.annotations("art")
    assert NEW_BODY[placed.start : placed.end] == note.exact


def test_search_sync_reads_only_the_notes_changed_since_it_last_ran(
    store: Store, index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    def every_note(*_args: object) -> list[Annotation]:
        raise AssertionError("the sync read every note")

    monkeypatch.setattr(store, "annotations", every_note)
    read: list[int] = []
    changed = store.annotations_changed

    def counted(*args: object, **kwargs: object) -> tuple[list[Annotation], tuple[int, int]]:
        page, after = changed(*args, **kwargs)  # type: ignore[arg-type]
        read.append(len(page))
        return page, after

    monkeypatch.setattr(store, "annotations_changed", counted)
    notes = _notes(40)
    store.merge_annotations(notes)
    assert sync_notes(index, store) == 40
    assert sum(read) == 40

    read.clear()
    assert sync_notes(index, store) == 0
    assert sum(read) == 0  # nothing changed: nothing read

    store.update_annotation(notes[3].id, note="a marmalade treaty")
    store.delete_annotation(notes[5].id)
    store.set_read("elsewhere", True)  # a write that is not a note's
    read.clear()
    assert sync_notes(index, store) == 1
    assert sum(read) == 1
    hits = index.search("marmalade")
    assert [hit.note_id for hit in hits] == [notes[3].id]
    assert index.search("tag:t2") != []
    keys, _ = index.note_keys(limit=1000)
    assert notes[5].id not in keys and len(keys) == 39

    store.add_annotation(notes[5])  # deleted, then put back
    assert sync_notes(index, store) == 1
    keys, _ = index.note_keys(limit=1000)
    assert notes[5].id in keys


def test_search_sync_reads_a_store_it_did_not_follow_whole(tmp_path: Path, index: SearchIndex) -> None:
    with Store.open(tmp_path / "one.sqlite3") as first:
        first.merge_annotations(_notes(5))
        assert sync_notes(index, first) == 5
    with Store.open(tmp_path / "two.sqlite3") as second:
        (kept,) = _notes(1, digest="other")
        second.add_annotation(kept)
        sync_notes(index, second)
    keys, _ = index.note_keys(limit=1000)
    assert keys == [kept.id]


def test_notes_come_back_to_search_when_their_article_does(store: Store, index: SearchIndex) -> None:
    store.merge_annotations(_notes(3))
    sync_notes(index, store)
    index.remove(["art"])
    assert index.note_keys()[0] == []
    sync_notes(index, store)
    assert len(index.note_keys()[0]) == 3


def test_a_first_sync_of_many_notes_reads_each_page_once_and_indexes_them_all(
    store: Store, index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dipreader.core import search

    monkeypatch.setattr(search, "NOTES_PAGE", 7)
    store.merge_annotations(_notes(30))  # one revision: the pages follow one another inside it
    store.merge_annotations(_notes(12, digest="newer"))
    read: list[int] = []
    changed = store.annotations_changed

    def counted(*args: object, **kwargs: object) -> tuple[list[Annotation], tuple[int, int]]:
        page, after = changed(*args, **kwargs)  # type: ignore[arg-type]
        read.append(len(page))
        return page, after

    monkeypatch.setattr(store, "annotations_changed", counted)
    assert sync_notes(index, store) == 42
    assert read == [7, 7, 7, 7, 7, 7, 0]
    keys, _ = index.note_keys(limit=1000)
    assert sorted(keys) == sorted(ann.id for ann in store.annotations())
    assert len(index.search("note", limit=100)) == 42


def test_a_second_sync_waits_for_the_first_and_finds_the_notes_done(
    store: Store, index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    store.merge_annotations(_notes(5))
    inside, go_on = threading.Event(), threading.Event()
    revision = store.annotation_revision
    calls: list[str] = []

    def held(*args: object) -> tuple[str, int]:
        calls.append(threading.current_thread().name)
        if len(calls) == 1:
            inside.set()
            go_on.wait(5)
        return revision()

    monkeypatch.setattr(store, "annotation_revision", held)
    results: dict[str, int] = {}
    first = threading.Thread(target=lambda: results.update(first=sync_notes(index, store)), name="first")
    second = threading.Thread(target=lambda: results.update(second=sync_notes(index, store)), name="second")
    first.start()
    assert inside.wait(5)
    second.start()
    second.join(0.2)
    assert second.is_alive() and calls == ["first"]  # the second waits for the first
    go_on.set()
    first.join(5)
    second.join(5)
    assert results == {"first": 5, "second": 0}
