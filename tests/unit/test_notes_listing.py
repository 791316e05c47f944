"""The Notes tab's data: the store's paged queries, the listing's order, filter and edits, and the
core functions that delete, restore, retag and re-attach notes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from dipreader.core import notes_listing
from dipreader.core.annotations import (
    delete_annotation,
    edit_annotation,
    reattach_annotation,
    restore_annotation,
    retag_annotation,
)
from dipreader.core.library import Library
from dipreader.core.notes_listing import list_notes
from dipreader.model.anchoring import Annotation, make_annotation
from dipreader.model.article import Article, ArticleMeta, PartialDate
from dipreader.store import Store, StoreError, annotation_pages, sqlite_store
from dipreader.store.annotation_pages import KEYS_SQL, LISTED_TEXT_CHARS, ListedAnnotation

BODY = (
    "Azerbaijan and Italy held political consultations in Rome on Tuesday. "
    "The sides discussed energy cooperation and the transport corridor. "
    "They agreed to meet again next year in Baku."
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "data" / "dipreader.sqlite3")
    yield opened
    opened.close()


def meta(article_id: str, title: str, date: str | None) -> ArticleMeta:
    parsed = PartialDate.parse(date) if date else None
    return ArticleMeta(article_id, f"{article_id}.md", title, parsed, None, None, content_hash="hash")


def library(*metas: ArticleMeta) -> Library:
    return Library(Path("."), metas, ())


def note(article_id: str, start: int, end: int, note: str = "", tags: tuple[str, ...] = ()) -> Annotation:
    return make_annotation(article_id, BODY, "hash", start, end, note=note, tags=tags)


def listed_notes(listing: notes_listing.NotesListing) -> list[str]:
    found = [listing.note_at(position) for position in range(len(listing))]
    return [entry.annotation.note for entry in found if entry is not None]


def test_keys_follow_the_place_and_pages_come_back_in_the_order_asked(store: Store) -> None:
    late, early = note("a", 40, 60, "late"), note("a", 0, 10, "early")
    orphan = replace(note("a", 20, 30, "lost"), orphan=True)
    for ann in (late, early, orphan, note("b", 5, 9, "other")):
        store.add_annotation(ann)
    groups = {(group.article_id, group.orphan): group.count for group in store.annotation_groups()}
    assert groups == {("a", False): 2, ("a", True): 1, ("b", False): 1}
    keys = store.annotation_keys("a", False)
    assert [listed.annotation.note for listed in store.annotation_page(keys)] == ["early", "late"]
    backwards = store.annotation_page(list(reversed(keys)))
    assert [listed.annotation.note for listed in backwards] == ["late", "early"]
    assert store.annotation_key(early.id) == keys[0] and store.annotation_key("nope") is None
    store.delete_annotation(early.id)
    assert [listed.annotation.note for listed in store.annotation_page(keys)] == ["late"]


def test_a_page_clips_long_notes_and_says_how_long_they_are(store: Store) -> None:
    huge = "word " * 100_000
    store.add_annotation(note("a", 0, 10, huge))
    (listed,) = store.annotation_page(store.annotation_keys("a", False))
    assert len(listed.annotation.note) == LISTED_TEXT_CHARS and listed.note_chars == len(huge)
    assert listed.clipped and listed.annotation.exact == BODY[0:10] and listed.exact_chars == 10
    (whole,) = store.annotation_page(store.annotation_keys("a", False), clip=None)
    assert whole.annotation.note == huge and not whole.clipped


def test_the_listing_puts_newest_articles_first_and_orphans_last(store: Store) -> None:
    for ann in (
        note("old", 0, 10, "old note"),
        note("new", 40, 60, "new second"),
        note("new", 0, 10, "new first"),
        replace(note("new", 20, 30, "new orphan"), orphan=True),
        note("gone", 0, 10, "no such article"),
    ):
        store.add_annotation(ann)
    known = library(meta("old", "Old talks", "2001-02-03"), meta("new", "New talks", "2024-05-06"))
    listing = list_notes(store, known)
    assert listing is not None
    assert listed_notes(listing) == ["new first", "new second", "old note", "no such article", "new orphan"]
    assert (len(listing), listing.placed_count, listing.orphan_count, listing.total) == (5, 4, 1, 5)
    first = listing.note_at(0)
    assert first is not None and (first.title, first.date) == ("New talks", "6 May 2024")
    undated = listing.note_at(3)
    assert undated is not None and (undated.title, undated.date) == ("gone", "undated")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["energy here", "trade there", "untagged"]),
        ("ener", ["energy here"]),
        ("#energy", ["energy here"]),
        ("rome talks", ["energy here", "trade there", "untagged"]),  # the title counts
        ("-#energy", ["trade there", "untagged"]),
        ('"trade there" OR untagged', ["trade there", "untagged"]),
    ],
)
def test_the_filter_speaks_the_search_language(store: Store, query: str, expected: list[str]) -> None:
    store.add_annotation(note("a", 0, 10, "energy here", ("energy",)))
    store.add_annotation(note("a", 20, 30, "trade there", ("trade",)))
    store.add_annotation(note("a", 40, 50, "untagged"))
    listing = list_notes(store, library(meta("a", "Rome talks", "2024")), query)
    assert listing is not None and listed_notes(listing) == expected
    assert listing.total == 3


def test_words_found_by_sql_first_still_match_as_str_casefold_does(store: Store) -> None:
    store.add_annotation(note("a", 0, 10, "ENERGY talks", ("Trade",)))
    store.add_annotation(note("a", 20, 30, "ſtrategic pact"))  # a long s: casefold says "strategic"
    store.add_annotation(note("a", 40, 50, "tab\tseparated\nlines"))
    store.add_annotation(note("a", 60, 70, "nothing here"))
    known = library(meta("a", "Rome talks", "2024"))
    for query, expected in [
        ("energy", ["ENERGY talks"]),
        ("trad", ["ENERGY talks"]),
        ("strategic", ["ſtrategic pact"]),
        ("separated", ["tab\tseparated\nlines"]),
        ("rome pact", ["ſtrategic pact"]),
        ("rome", ["ENERGY talks", "ſtrategic pact", "tab\tseparated\nlines", "nothing here"]),
        ('say"what', []),
        ("]", []),  # every note's tags are a JSON list to SQL: the brackets are not in the text
        ("[energy", []),
    ]:
        listing = list_notes(store, known, query)
        assert listing is not None and listed_notes(listing) == expected, query
    keys = store.annotation_keys("a", False)
    hits = store.annotations_holding(keys, ["energy"])
    assert len(hits.held) == 1 and len(hits.unsure) == 1  # the ASCII match, and the long s to test
    assert store.annotations_holding(keys, ["trade"]).held == [keys[0]]
    assert store.annotations_holding(keys, ["]"]) == type(hits)([], list(keys))
    with pytest.raises(ValueError):
        store.annotations_holding(keys, ["Energy"])


def test_words_are_looked_for_a_batch_at_a_time_and_the_kept_notes_stay_in_order(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notes_listing, "WORDS_BATCH", 4)
    texts = [f"{'pact' if n % 3 else 'ſtrategic pact'} {n}" for n in range(11)]
    store.merge_annotations(note("a", 50 - n, 60, text) for n, text in enumerate(texts))
    looked: list[int] = []
    real = store.annotations_holding

    def counted(keys: list[int], words: list[str]) -> object:
        looked.append(len(keys))
        return real(keys, words)

    monkeypatch.setattr(store, "annotations_holding", counted)
    listing = list_notes(store, None, "pact")
    assert listing is not None and looked == [4, 4, 3]
    assert listed_notes(listing) == list(reversed(texts))  # by place: the last note starts first
    strategic = list_notes(store, None, "strategic")
    assert strategic is not None and listed_notes(strategic) == [t for t in reversed(texts) if "ſ" in t]


def test_a_cancelled_listing_stops(store: Store) -> None:
    store.add_annotation(note("a", 0, 10, "one"))
    assert list_notes(store, None, "one", cancelled=lambda: True) is None


def test_the_listing_reads_only_the_page_it_needs(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    for index in range(500):
        store.add_annotation(note("a", index % 100, 120, f"n{index}"))
    listing = list_notes(store, None)
    assert listing is not None and len(listing) == 500
    read: list[int] = []
    real_page = store.annotation_page

    def counting_page(keys: list[int], clip: int | None = LISTED_TEXT_CHARS) -> list[ListedAnnotation]:
        read.append(len(keys))
        return real_page(keys, clip)

    monkeypatch.setattr(store, "annotation_page", counting_page)
    assert listing.note_at(499) is not None and listing.note_at(480) is not None
    assert read == [500 % notes_listing.PAGE_NOTES or notes_listing.PAGE_NOTES]


def test_remove_insert_and_replace_keep_positions(store: Store) -> None:
    anns = [note("a", start, start + 5, f"n{start}") for start in (0, 10, 20)]
    for ann in anns:
        store.add_annotation(ann)
    listing = list_notes(store, None)
    assert listing is not None
    middle = listing.key_at(1)
    listing.remove(1)
    assert listed_notes(listing) == ["n0", "n20"] and listing.position_of(middle) is None
    assert listing.insert(anns[1], middle, 1) == 1
    assert listed_notes(listing) == ["n0", "n10", "n20"] and listing.position_of(middle) == 1
    edited = store.update_annotation(anns[1].id, note="changed")
    new_key = store.annotation_key(edited.id)
    assert new_key is not None
    listing.replace(1, new_key)
    assert listed_notes(listing) == ["n0", "changed", "n20"]
    assert listing.insert(note("elsewhere", 0, 5), 999, 0) == -1


def test_delete_returns_the_whole_note_and_restore_brings_it_back_exactly(store: Store) -> None:
    saved = store.add_annotation(note("a", 0, 10, "keep me", ("one", "two")))
    deleted = delete_annotation(store, saved.id)
    assert deleted == saved and store.annotation(saved.id) is None
    assert delete_annotation(store, saved.id) is None
    assert restore_annotation(store, saved) == saved
    assert store.annotation(saved.id) == saved


def test_retag_and_edit_of_a_note_that_is_gone_say_so(store: Store) -> None:
    saved = store.add_annotation(note("a", 0, 10, "text", ("one",)))
    retagged = retag_annotation(store, saved.id, ["#x", "y", "Y"])
    assert retagged.tags == ("#x", "y") and retagged.note == "text"
    store.delete_annotation(saved.id)
    with pytest.raises(StoreError, match="no longer in the store"):
        retag_annotation(store, saved.id, ["z"])
    with pytest.raises(StoreError, match="no longer in the store"):
        edit_annotation(store, saved.id, "new", "yellow", ())


def test_reattach_gives_an_orphan_a_new_passage_and_keeps_its_note(store: Store) -> None:
    orphan = replace(note("a", 0, 10, "my note", ("kept",)), exact="text that is gone", orphan=True)
    store.add_annotation(orphan)
    article = Article(meta("b", "Another", "2024"), BODY)
    start = BODY.index("The sides")
    placed = reattach_annotation(store, orphan.id, article, start, start + 9)
    assert (placed.id, placed.note, placed.tags, placed.orphan) == (orphan.id, "my note", ("kept",), False)
    assert (placed.article_id, placed.exact, placed.start) == ("b", "The sides", start)
    assert placed.prefix == BODY[start - 32 : start] and placed.content_hash == "hash"
    assert store.annotation(orphan.id) == placed
    with pytest.raises(ValueError, match="outside the text"):
        reattach_annotation(store, orphan.id, article, 5, len(BODY) + 1)
    with pytest.raises(StoreError):
        reattach_annotation(store, "missing", article, 0, 5)


def test_the_listing_index_serves_the_paged_queries(store: Store) -> None:
    plan = " ".join(str(row) for row in store._conn.execute(f"EXPLAIN QUERY PLAN {KEYS_SQL}", ("a", 0)))
    assert "COVERING INDEX annotations_by_place" in plan


def test_keys_are_read_a_page_at_a_time_in_the_order_of_place(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_store, "KEYS_PAGE", 3)
    # Ties on start and on (start, created): a page may end inside either.
    stamps = ["2024-01-01", "2024-01-02"]
    anns = [
        replace(note("a", start, start + 5, f"n{n}"), created=stamps[n % 2], updated=stamps[n % 2])
        for n, start in enumerate([7, 3, 3, 3, 0, 7, 3, 3, 9, 0, 3])
    ]
    store.merge_annotations(anns)
    store.merge_annotations([replace(note("a", 1, 5, "orphan"), orphan=True)])
    pages_read: list[int] = []
    real = annotation_pages.keys_page

    def counted(*args: object, **kwargs: object) -> object:
        found = real(*args, **kwargs)  # type: ignore[arg-type]
        pages_read.append(len(found[0]))
        return found

    monkeypatch.setattr(annotation_pages, "keys_page", counted)
    keys = store.annotation_keys("a", False)
    whole = [key for (key,) in store._conn.execute(f"{KEYS_SQL}, rowid", ("a", 0))]
    assert list(keys) == whole and len(whole) == len(anns)
    assert pages_read == [3, 3, 3, 2]
    places = [(listed.annotation.start, listed.annotation.created) for listed in store.annotation_page(keys)]
    assert places == sorted(places)
    assert len(store.annotation_keys("a", True)) == 1 and not store.annotation_keys("b", False)
