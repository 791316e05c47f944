"""The FTS5 search index: ranking, folding, stemming, phrases, fields, notes, updates, damage."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipreader.cache import search_db, search_index, search_sql
from dipreader.cache.search_index import (
    MARK_END,
    MARK_START,
    Hit,
    IndexedArticle,
    IndexedNote,
    Kind,
    SearchIndex,
)
from dipreader.model.article import PartialDate
from dipreader.model.query import Flag, QueryError, parse
from dipreader.model.query_match import Record, Vocabulary, filter_records
from dipreader.model.text_fold import fold

FILLER_WORDS = (
    "delegation",
    "ministry",
    "cooperation",
    "bilateral",
    "relations",
    "visit",
    "partnership",
    "treaty",
)
ARTICLES_ONLY: tuple[Kind, ...] = ("article",)


def filler(index: int) -> IndexedArticle:
    """An ordinary article; a few words vary so that no two are the same document."""
    words = " ".join(FILLER_WORDS[(index + k) % len(FILLER_WORDS)] for k in range(24))
    return IndexedArticle(
        article_id=f"f{index:02d}",
        content_hash=f"hash-f{index}",
        title=f"Consultations round {index}",
        body=f"The {words}. Round {index} of the consultations ended.",
        date=PartialDate(2020, 1 + index % 12, 1 + index % 28),
        source="Trend",
        persons=("Jeyhun Bayramov",),
        sectors=("trade-economic",),
        countries=("Azerbaijan",),
    )


SPECIAL = [
    IndexedArticle(
        "visit",
        "hash-visit",
        "Italy and Azerbaijan discuss energy",
        "Deputy Minister Edmondo Chirielli met Çavuşoğlu in Baku. The delegation toured the catacombs "
        "and discussed green energy pipelines.",
        PartialDate(2024, 3, 5),
        "Xinhua",
        ("Edmondo Cirielli",),
        ("energy", "green energy"),
        ("Italy", "Azerbaijan"),
        ("visit",),
    ),
    IndexedArticle(
        "talks",
        "hash-talks",
        "Trade talks in Rome",
        "The ministers held meetings on energy trade. Energy was the main subject; pipelines were not.",
        PartialDate(2023),
        "ANSA",
        ("Antonio Tajani",),
        ("trade-economic", "energy"),
        ("Italy",),
    ),
    IndexedArticle(
        "undated",
        "hash-undated",
        "A note without a date",
        "Green talks, energy later.",
        None,
        None,
    ),
]
NOTE = IndexedNote(
    "n1",
    "visit",
    "Check the pipeline numbers against last year",
    ("pipeline", "Follow up"),
    "met Çavuşoğlu",
    38,
    51,
)


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    built = SearchIndex(tmp_path / "cache" / "search.sqlite3")
    built.update([filler(i) for i in range(30)] + SPECIAL)
    built.update_notes([NOTE])
    yield built
    built.close()


@pytest.fixture(params=["sparse/few", "sparse/many", "dense/few", "dense/many"])
def density(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every way the SQL is written: fields rare (looked up) or common (checked per row), words
    matching few rows (FTS5 drives, each row checked) or many (a rare field's rows listed first)."""
    fields, words = str(request.param).split("/")
    monkeypatch.setattr(search_sql, "DENSE_ROWS", 10**9 if fields == "sparse" else 0)
    monkeypatch.setattr(search_index, "FEW_TEXT_ROWS", 10**9 if words == "few" else 0)
    return str(request.param)


def ids(hits: Sequence[Hit]) -> list[str]:
    return [hit.note_id or hit.article_id for hit in hits]


def test_it_lives_in_the_file_it_was_given(index: SearchIndex, tmp_path: Path) -> None:
    assert index.path == tmp_path / "cache" / "search.sqlite3"
    assert index.path.exists() and not index.in_memory and not index.rebuilt
    assert index.size_bytes() > 0


def test_a_word_in_one_body_only_finds_that_article_first(index: SearchIndex) -> None:
    hits = index.search("catacombs")
    assert ids(hits) == ["visit"]
    hit = hits[0]
    body = SPECIAL[0].body
    assert (hit.start, hit.end) == (body.index("catacombs"), body.index("catacombs") + len("catacombs"))
    assert f"{MARK_START}catacombs{MARK_END}" in hit.snippet
    assert hit.title == SPECIAL[0].title and hit.source == "Xinhua" and hit.date == PartialDate(2024, 3, 5)
    assert hit.score > 0


def test_titles_weigh_more_than_bodies(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "search.sqlite3")
    fillers = [filler(i) for i in range(30)]
    in_body = IndexedArticle(
        "body", "b", "Talks in Baku", "The tunnels were shown to the delegation.", PartialDate(2025)
    )
    in_title = IndexedArticle(
        "title", "t", "Tunnels and talks", "The delegation was shown around.", PartialDate(2001)
    )
    index.update([*fillers, in_body, in_title])
    assert ids(index.search("tunnels")) == ["title", "body"]


def test_ties_go_to_the_newest(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "search.sqlite3")
    index.update([filler(i) for i in range(10)])
    index.update(
        IndexedArticle(key, key, "Same words", "Identical catacombs text.", date)
        for key, date in (
            ("old", PartialDate(2001)),
            ("new", PartialDate(2024, 5)),
            ("mid", PartialDate(2010)),
        )
    )
    assert ids(index.search("catacombs")) == ["new", "mid", "old"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cavusoglu", ["n1", "visit"]),
        ("ÇAVUŞOĞLU", ["n1", "visit"]),
        ("meeting", ["talks"]),
        ("discussing", ["visit"]),
        ('"green energy"', ["visit"]),
        ('"energy green"', []),
        ('"energy trade"', ["talks"]),
        ("energy -pipelines", ["undated"]),
        ("energy -talks", ["visit"]),
        ("catacombs OR meetings", ["visit", "talks"]),
        ("pipel*", ["n1", "talks", "visit"]),
    ],
)
def test_folding_stemming_phrases_negation(index: SearchIndex, text: str, expected: list[str]) -> None:
    assert sorted(ids(index.search(text))) == sorted(expected)


def test_notes_come_back_as_note_rows(index: SearchIndex) -> None:
    (hit,) = index.search("numbers")
    assert (hit.kind, hit.note_id, hit.article_id) == ("note", "n1", "visit")
    assert hit.title == SPECIAL[0].title  # the article's
    assert (hit.start, hit.end) == (38, 51)  # the passage in the article's body
    assert f"{MARK_START}numbers{MARK_END}" in hit.snippet
    assert ids(index.search("numbers", kinds=ARTICLES_ONLY)) == []
    assert ids(index.search('tag:"follow up"')) == ["n1"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("person:Cirielli", ["visit", "n1"]),
        ("person:edmondo", ["visit", "n1"]),
        ("person:Chirielli", ["visit", "n1"]),
        ("person:Tajani energy", ["talks"]),
        ("sector:energy", ["visit", "n1", "talks"]),
        ('sector:"green energy" -person:Cirielli', []),
        ("country:italy -country:azerbaijan", ["talks"]),
        ("source:xinhua", ["visit", "n1"]),
        ("tag:pipeline", ["n1"]),
        ("#visit", ["visit"]),
        ("#energy", ["visit", "n1", "talks"]),
        ("from:2024-03-05 energy", ["visit"]),
        ("from:2024-03-06 energy", []),
        ("to:2023-12-31 energy", ["talks"]),
        ("-from:2021 energy", ["undated"]),
        ("energy OR person:Bayramov", [*(f"f{i:02d}" for i in range(30)), "visit", "talks", "undated"]),
        ("has:notes", ["visit", "n1"]),
        ("energy -has:notes", ["talks", "undated"]),
    ],
)
def test_fields(index: SearchIndex, density: str, text: str, expected: list[str]) -> None:
    vocabulary = Vocabulary(person=lambda name: "Edmondo Cirielli" if fold(name) == "chirielli" else name)
    assert sorted(ids(index.search(text, 100, vocabulary=vocabulary))) == sorted(expected)


def test_read_state_comes_from_the_caller(index: SearchIndex) -> None:
    assert sorted(ids(index.search("energy is:unread", read={"visit"}))) == ["talks", "undated"]
    assert sorted(ids(index.search("pipel* is:read", read=lambda key: key == "visit"))) == ["n1", "visit"]
    assert sorted(ids(index.search("energy has:notes", noted={"talks"}))) == ["talks"]
    with pytest.raises(ValueError, match="read state"):
        index.search("is:unread")


def test_article_ids_and_counts_for_lists_and_saved_searches(index: SearchIndex) -> None:
    assert index.article_ids("energy") == ["visit", "talks", "undated"]  # newest first, undated last
    assert index.count("energy") == 3
    assert index.count(parse("energy").also(Flag("unread")), read={"visit"}) == 2
    assert len(index.article_ids("")) == 33
    assert index.count("-energy person:Bayramov") == 30


def test_fields_only_are_newest_first_with_a_lead_snippet(index: SearchIndex) -> None:
    hits = index.search("country:italy", kinds=ARTICLES_ONLY)
    assert ids(hits) == ["visit", "talks"]
    assert hits[0].snippet.startswith("Deputy Minister") and hits[0].score == 0
    assert (hits[0].start, hits[0].end) == (None, None)


def test_a_malformed_query_raises_query_error(index: SearchIndex) -> None:
    with pytest.raises(QueryError):
        index.search('"catacombs')


@pytest.mark.parametrize(
    "text",
    [
        "NEAR(catacombs delegation)",
        "catacombs AND NOT",
        '"catacombs" NEAR',
        "^catacombs*",
        "{title}:x",
        "a\x00b",
    ],
)
def test_fts5_syntax_in_user_text_never_reaches_fts5(index: SearchIndex, text: str) -> None:
    with contextlib.suppress(QueryError):
        assert len(index.search(text)) <= 50
    assert not index.rebuilt


def test_unchanged_articles_are_not_written_again(index: SearchIndex) -> None:
    assert index.update(SPECIAL) == 0
    assert index.stored_hashes()["visit"] == "hash-visit"
    changed = IndexedArticle(
        "talks", "hash-talks-2", "Trade talks in Rome", "Now about tunnels only.", PartialDate(2023)
    )
    assert index.update([*SPECIAL[:1], changed]) == 1
    assert ids(index.search("tunnels")) == ["talks"]
    assert "talks" not in ids(index.search("meetings"))
    assert index.stored_hashes()["talks"] == "hash-talks-2"


def test_new_facts_reindex_an_article_whose_text_did_not_change(index: SearchIndex) -> None:
    relabelled = replace(SPECIAL[1], persons=("Antonio Tajani", "Edmondo Cirielli"))
    assert index.update([relabelled]) == 1
    assert "talks" in ids(index.search("person:Cirielli"))


def test_a_changed_article_date_follows_into_its_notes(index: SearchIndex) -> None:
    moved = replace(SPECIAL[0], date=PartialDate(2010), content_hash="new")
    index.update([moved])
    assert ids(index.search("numbers to:2010")) == ["n1"]


def test_removal_and_pruning(index: SearchIndex) -> None:
    assert index.remove(["visit", "missing"]) == 1
    assert index.search("catacombs") == []
    assert index.search("numbers") == []  # its notes go with it
    assert "visit" not in index.stored_hashes()
    assert index.prune({"talks", "undated"}) == 30
    assert sorted(index.stored_hashes()) == ["talks", "undated"]


def test_notes_are_updated_removed_and_pruned(index: SearchIndex) -> None:
    assert index.update_notes([NOTE]) == 0
    edited = IndexedNote("n1", "visit", "Ask about the tunnels", ("pipeline",), "met Çavuşoğlu", 38, 51)
    second = IndexedNote("n2", "talks", "Tunnels again", ())
    assert index.update_notes([edited, second]) == 2
    assert sorted(ids(index.search("tunnels"))) == ["n1", "n2"]
    assert index.search("numbers") == []
    assert index.remove_notes(["n2"]) == 1
    assert index.prune_notes({"n9"}) == 1
    assert index.search("tunnels") == []


def test_marks_and_surrogates_in_text_are_stored_safely(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "search.sqlite3")
    body = "plain \x02marked\x03 and a lone \ud800 surrogate before catacombs"
    index.update([IndexedArticle("odd", "1", "Odd", body)])
    (hit,) = index.search("catacombs")
    assert (hit.start, hit.end) == (body.index("catacombs"), len(body))
    assert hit.snippet.count(MARK_START) == 1


def test_json_rows(index: SearchIndex) -> None:
    row = index.search("catacombs")[0].to_json()
    assert row["kind"] == "article" and row["article"] == "visit" and row["date"] == "2024-03-05"
    snippet = str(row["snippet"])
    assert row["matches"] == [[snippet.index("catacombs"), snippet.index("catacombs") + len("catacombs")]]
    assert MARK_START not in snippet
    note = index.search("numbers")[0].to_json()
    assert note["kind"] == "note" and note["note"] == "n1" and note["article"] == "visit"


def test_the_index_agrees_with_the_matcher(index: SearchIndex, density: str) -> None:
    """Same records, same queries: the SQL and the in-memory rules give the same articles."""
    records = {
        article.article_id: Record(
            title=article.title,
            text=article.body,
            persons=article.persons,
            sectors=article.sectors,
            countries=article.countries,
            source=article.source,
            tags=article.tags,
            date=article.date,
            read=article.article_id in {"visit", "f03"},
            has_notes=article.article_id == "visit",
        )
        for article in [filler(i) for i in range(30)] + SPECIAL
    }
    queries = [
        "energy",
        "energy -pipelines",
        '"green energy" OR round',
        "delegation -(catacombs OR round)",
        "person:bayramov -from:2020-06",
        "sector:energy OR country:azerbaijan",
        "#energy to:2023",
        "source:trend is:unread",
        "has:notes OR -has:notes",
        "-delegation",
        "consult* 12",
    ]
    for text in queries:
        query = parse(text)
        expected = {key for key, record in records.items() if filter_records(query, [record])}
        found = set(index.article_ids(query, read={"visit", "f03"}, noted={"visit"}))
        assert found == expected, text


# --- damage and places that cannot be written --------------------------------------------------


def test_a_damaged_file_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite3"
    path.write_bytes(b"this is not a database at all" * 200)
    index = SearchIndex(path)
    assert index.rebuilt and index.path == path and index.search("x") == []
    index.update(SPECIAL)
    assert ids(index.search("catacombs")) == ["visit"]
    index.close()
    assert not SearchIndex(path).rebuilt


def spoil_pages(path: Path) -> None:
    """Overwrite every other page past the first two (the schema) with 0xff."""
    page = 4096
    with path.open("r+b") as handle:
        size = handle.seek(0, 2)
        for offset in range(2 * page, size - page, 2 * page):
            handle.seek(offset + 8)
            handle.write(b"\xff" * (page - 8))


def test_spoiled_pages_found_on_opening_start_an_empty_index(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite3"
    index = SearchIndex(path)
    index.update([filler(i) for i in range(300)] + SPECIAL)
    index.close()
    spoil_pages(path)
    damaged = SearchIndex(path)
    assert damaged.rebuilt and damaged.stored_hashes() == {}
    damaged.update(SPECIAL)
    assert ids(damaged.search("catacombs")) == ["visit"]


def spoil_fts_version(path: Path) -> None:
    """Set the full-text table's format number to one no SQLite writes: FTS5 then says so with a plain
    SQLITE_ERROR (an OperationalError), as it does for some spoiled pages."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE docs_fts_config SET v = 0 WHERE k = 'version'")
    connection.close()


def test_a_full_text_table_of_another_format_found_on_opening_starts_an_empty_index(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite3"
    index = SearchIndex(path)
    index.update([filler(i) for i in range(30)] + SPECIAL)
    index.close()
    spoil_fts_version(path)
    damaged = SearchIndex(path)
    assert damaged.rebuilt and damaged.path == path and damaged.stored_hashes() == {}
    damaged.update(SPECIAL)
    assert ids(damaged.search("catacombs")) == ["visit"]


def test_a_full_text_table_of_another_format_counts_as_damage_not_as_a_place_error(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite3"
    index = SearchIndex(path)
    index.update(SPECIAL)
    index.close()
    spoil_fts_version(path)
    connection = sqlite3.connect(path)
    with pytest.raises(sqlite3.OperationalError) as raised:
        connection.execute("SELECT rowid FROM docs_fts WHERE docs_fts MATCH 'catacombs'").fetchall()
    connection.close()
    assert search_db.is_damage(raised.value) and not search_db.is_place_error(raised.value)


def test_damage_met_while_searching_starts_an_empty_index(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite3"
    index = SearchIndex(path)
    index.update([filler(i) for i in range(300)] + SPECIAL)
    index._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file
    index._connection.execute("PRAGMA shrink_memory")  # and none in the page cache
    spoil_pages(path)
    assert not index.rebuilt
    assert index.search("catacombs") == []
    assert index.rebuilt and index.path == path and index.stored_hashes() == {}
    index.update(SPECIAL)
    assert ids(index.search("catacombs")) == ["visit"]


def test_an_older_schema_is_discarded(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite3"
    with sqlite3.connect(path) as old:
        old.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY)")
        old.execute("PRAGMA user_version = 99")
    index = SearchIndex(path)
    index.update(SPECIAL)
    assert ids(index.search("catacombs")) == ["visit"]


def test_a_place_that_cannot_be_made_gives_an_index_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    index = SearchIndex(blocker / "search.sqlite3")
    assert index.in_memory and index.path is None
    index.update(SPECIAL)
    assert ids(index.search("catacombs")) == ["visit"]


def test_a_file_that_turns_read_only_moves_the_index_to_memory(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite3"
    index = SearchIndex(path)
    index.update(SPECIAL[:1])
    index._connection.close()
    index._connection = sqlite3.connect(
        f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
    )
    assert index.update(SPECIAL) == 3  # written again, in memory
    assert index.in_memory
    assert ids(index.search("meetings")) == ["talks"]


# --- property ----------------------------------------------------------------------------------

PIECES = [
    "catacombs",
    "energy",
    " ",
    '"',
    "(",
    ")",
    "-",
    "*",
    "^",
    ":",
    "#",
    "@",
    "OR ",
    "AND ",
    "NOT ",
    "NEAR",
    "person:",
    "sector:",
    "tag:",
    "from:",
    "2024",
    "is:",
    "read",
    "has:",
    "notes",
    "{",
    "}",
    "\x00",
    "Ç",
]


@pytest.fixture(scope="module")
def shared_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    index = SearchIndex(tmp_path_factory.mktemp("search") / "search.sqlite3")
    index.update([filler(i) for i in range(10)] + SPECIAL)
    index.update_notes([NOTE])
    yield index
    index.close()


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=120), st.lists(st.sampled_from(PIECES), max_size=30).map("".join)))
def test_searching_raises_nothing_but_query_error(shared_index: SearchIndex, text: str) -> None:
    try:
        hits = shared_index.search(text, 20, read=set(), noted=set())
    except QueryError:
        return
    assert len(hits) <= 20
    assert not shared_index.rebuilt
