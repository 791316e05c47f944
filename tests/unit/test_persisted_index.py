"""The persisted index: articles added, changed and removed in any order give the chronology and the
who's-who a full rebuild gives, and an update touches only what the article changed."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from generated_library import make_corpus

from dipreader import paths
from dipreader.cache.chronology_store import ChronologyStore, bucket_of
from dipreader.cache.index_db import open_index_db, read_meta
from dipreader.cache.people_store import PeopleStore
from dipreader.core import builds, timeline_index
from dipreader.core.builds import PeopleBuilder, check_step
from dipreader.core.context import Context
from dipreader.core.index_sync import (
    SyncReport,
    article_fingerprint,
    in_step,
    library_fingerprints,
    sync_index,
)
from dipreader.core.library import Library, LibraryChanges, library_changes, scan_library
from dipreader.core.pair_figures import figures_record, pair_figures, pair_summaries
from dipreader.core.people_index import KNOWN_NAMES_KEY, known_names_digest, load_people, met_of, roles_of
from dipreader.core.relations import RelationsBuilder
from dipreader.core.relations_index import open_relations
from dipreader.core.timeline import build_timeline
from dipreader.core.timeline_index import IndexedSearch
from dipreader.extract.analysis import analyse
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import Article, ArticleMeta
from dipreader.model.knowledge import load_knowledge
from dipreader.model.query import parse
from dipreader.sources.files import newest_first_key

GENERATED = 90
SALT = "test-salt"


@dataclass(frozen=True)
class Corpus:
    library: Library
    analyses: dict[str, ArticleAnalysis]
    known_names: frozenset[str]


def in_library_order(root: Path, metas: Sequence[ArticleMeta]) -> Library:
    """A library of these articles in the order the index keeps (newest first, then by path)."""
    ordered = sorted(metas, key=lambda meta: (newest_first_key(meta), meta.path))
    return Library(root, tuple(ordered), ())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("library")
    make_corpus(root / "generated", GENERATED, seed=18)
    shutil.copytree(paths.sample_articles_dir(), root / "samples")
    data = tmp_path_factory.mktemp("data")
    context = Context(root, data, data / "config")
    meta_cache = context.open_meta_cache()
    try:
        scanned = scan_library(root, meta_cache)
    finally:
        meta_cache.close()
    knowledge = load_knowledge(None)
    analyses: dict[str, ArticleAnalysis] = {}
    for meta in scanned.articles:
        article = scanned.load(meta.id)
        assert isinstance(article, Article)
        analyses[meta.id] = analyse(article, knowledge)
    known = frozenset(person.name for person in knowledge.people)
    return Corpus(in_library_order(root, scanned.articles), analyses, known)


def sync(
    path: Path,
    library: Library,
    corpus: Corpus,
    wanted: Mapping[str, str] | None = None,
    changes: LibraryChanges | None = None,
) -> SyncReport:
    connection = open_index_db(path)
    assert connection is not None
    try:
        return sync_index(connection, library, corpus.analyses.get, SALT, corpus.known_names, wanted, changes)
    finally:
        connection.close()


def assert_same_as_a_full_rebuild(path: Path, corpus: Corpus) -> None:
    library = corpus.library
    connection = open_index_db(path)
    assert connection is not None
    try:
        rows = list(IndexedSearch(ChronologyStore(connection)).everything)
        people = load_people(PeopleStore(connection))
        without_met = load_people(PeopleStore(connection), met=False)
        met_one_by_one = [met_of(PeopleStore(connection), person.name) for person in without_met]
        listed = load_people(PeopleStore(connection), met=False, roles=False)
        roles_one_by_one = [roles_of(PeopleStore(connection), person.name) for person in listed]
    finally:
        connection.close()
    assert without_met == [replace(person, met=()) for person in people]
    assert [
        replace(person, roles=roles, role_total=None)
        for person, roles in zip(listed, roles_one_by_one, strict=True)
    ] == (without_met)  # as the who's who lists them, the roles read when shown
    assert [person.latest_role for person in listed] == [person.latest_role for person in people]
    assert any(person.role_total is not None for person in listed)
    assert met_one_by_one == [person.met for person in people]  # as the who's who reads it when shown
    expected_rows = build_timeline(library.articles, corpus.analyses.get, library.load_body)
    assert len(rows) == len(expected_rows)
    assert rows == expected_rows
    expected_people = PeopleBuilder(corpus.known_names)(library, corpus.analyses.get)
    assert [person.name for person in people] == [person.name for person in expected_people]
    assert people == expected_people
    assert_same_relations(path, corpus)


def assert_same_relations(path: Path, corpus: Corpus) -> None:
    """Every pair read from the index is what the whole build in memory gives: its articles,
    contacts, milestones and people, the list of pairs and the articles without a pair."""
    library = corpus.library
    expected = RelationsBuilder(corpus.known_names)(library, corpus.analyses.get)
    relations = open_relations(path)
    assert relations is not None
    try:
        assert len(expected.pairs) > 3
        datas = expected.pairs.values()
        assert (
            any(d.contacts for d in datas)
            and any(d.people for d in datas)
            and any(d.milestones for d in datas)
        )
        read = {meta.id for meta in library.articles[::3]}
        assert pair_summaries(relations, read) == pair_summaries(expected, read)
        assert relations.without_pair == expected.without_pair
        for pair, data in expected.pairs.items():
            assert relations.get(pair) == data, pair
            for period in ("year", "month"):
                shown = pair_figures(data, read, period)
                assert figures_record(pair_figures(relations.get(pair) or data, read, period)) == (
                    figures_record(shown)
                )
        assert relations.get(("Atlantis", "Utopia")) is None
    finally:
        relations.close()


def test_a_library_indexed_at_once_is_its_full_rebuild(corpus: Corpus, tmp_path: Path) -> None:
    report = sync(tmp_path / "index.sqlite3", corpus.library, corpus)
    assert report.written == len(corpus.library.articles)
    assert_same_as_a_full_rebuild(tmp_path / "index.sqlite3", corpus)
    again = sync(tmp_path / "index.sqlite3", corpus.library, corpus)
    assert again == SyncReport(0, 0, 0, 0)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_articles_added_changed_and_removed_in_random_order_give_the_full_rebuild(
    corpus: Corpus, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    root = corpus.library.root
    metas = list(corpus.library.articles)
    rng.shuffle(metas)
    path = tmp_path / "index.sqlite3"
    present: list[ArticleMeta] = []
    while len(present) < len(metas):
        present.extend(metas[len(present) : len(present) + rng.randint(1, 25)])
        shown = list(present)
        if len(shown) > 10 and rng.random() < 0.5:  # some leave for a while
            for meta in rng.sample(shown, 5):
                shown.remove(meta)
        if shown and rng.random() < 0.5:  # one is renamed (its sources' label changes)
            renamed = rng.choice(shown)
            shown[shown.index(renamed)] = renamed._replace(title=renamed.title + " (updated)")
        sync(path, in_library_order(root, shown), corpus)
    sync(path, corpus.library, corpus)
    assert_same_as_a_full_rebuild(path, corpus)


@pytest.mark.parametrize("seed", [4, 5])
def test_updates_told_only_what_the_library_changed_give_the_full_rebuild(
    corpus: Corpus, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    root = corpus.library.root
    metas = list(corpus.library.articles)
    rng.shuffle(metas)
    path = tmp_path / "index.sqlite3"
    previous = in_library_order(root, metas[:20])
    sync(path, previous, corpus)
    shown = list(previous.articles)
    for start in range(20, len(metas), 7):
        shown.extend(metas[start : start + rng.randint(1, 7)])
        for meta in rng.sample(shown, 2):  # some leave for a while
            shown.remove(meta)
        renamed = rng.choice(shown)
        shown[shown.index(renamed)] = renamed._replace(title=renamed.title + " (updated)")
        library = in_library_order(root, shown)
        changes = library_changes(previous.articles, library)
        assert len(changes) < len(library.articles)
        sync(path, library, corpus, changes=changes)
        assert stored_fingerprints(path) == library_fingerprints(library, SALT)
        previous = library
    final = corpus.library
    sync(path, final, corpus, changes=library_changes(previous.articles, final))
    assert_same_as_a_full_rebuild(path, corpus)


def stored_fingerprints(path: Path) -> dict[str, str]:
    connection = open_index_db(path)
    assert connection is not None
    try:
        return ChronologyStore(connection).fingerprints()
    finally:
        connection.close()


def test_a_library_s_changes_are_its_new_or_changed_records_and_the_ids_it_lost(corpus: Corpus) -> None:
    root = corpus.library.root
    first, second, third, *rest = corpus.library.articles
    before = in_library_order(root, [first, second, *rest])
    retitled = second._replace(title="Another title")
    after = in_library_order(root, [retitled, third, *rest])
    changes = library_changes(before.articles, after)
    assert set(changes.changed) == {retitled, third} and changes.removed == (first.id,)
    assert library_changes(after.articles, in_library_order(root, after.articles)) == LibraryChanges((), ())


def test_dates_merged_a_few_events_at_a_time_are_the_full_rebuild(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "index.sqlite3"
    batches: list[tuple[int, int]] = []
    chosen = ChronologyStore.next_dirty_buckets

    def counted(store: ChronologyStore, events: int) -> list[str]:
        buckets = chosen(store, events)
        (total,) = store.connection.execute(
            "SELECT count(*) FROM events WHERE bucket IN (SELECT value FROM json_each(?))",
            (json.dumps(buckets),),
        ).fetchone()
        batches.append((len(buckets), total))
        return buckets

    monkeypatch.setattr(timeline_index, "MERGE_EVENTS", 12)
    monkeypatch.setattr(ChronologyStore, "next_dirty_buckets", counted)
    report = sync(path, corpus.library, corpus)
    assert batches[-1] == (0, 0)
    taken = batches[:-1]
    assert sum(buckets for buckets, _ in taken) == report.dates_merged
    assert all(total <= 12 or buckets == 1 for buckets, total in taken)  # a bigger date alone
    assert any(total > 12 for _, total in taken) and any(buckets > 1 for buckets, _ in taken)
    assert_same_as_a_full_rebuild(path, corpus)


def test_one_article_added_merges_only_its_own_dates(corpus: Corpus, tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    root = corpus.library.root
    with_events = [meta for meta in corpus.library.articles if corpus.analyses[meta.id].events]
    newcomer = with_events[len(with_events) // 2]
    others = [meta for meta in corpus.library.articles if meta is not newcomer]
    sync(path, in_library_order(root, others), corpus)
    report = sync(path, corpus.library, corpus)
    buckets = {bucket_of(event) for event in corpus.analyses[newcomer.id].events}
    assert report.written == 1 and report.removed == 0
    assert report.dates_merged == len(buckets)
    assert_same_as_a_full_rebuild(path, corpus)


def test_the_indexed_chronology_filters_and_narrows_like_the_rows_in_memory(
    corpus: Corpus, tmp_path: Path
) -> None:
    path = tmp_path / "index.sqlite3"
    sync(path, corpus.library, corpus)
    connection = open_index_db(path)
    assert connection is not None
    try:
        search = IndexedSearch(ChronologyStore(connection))
        everything = list(search.everything)
        energy = [row for row in search.shown(parse("#energy"), None) if not row.is_heading]
        assert energy and all(not row.is_heading for row in energy)
        assert energy == [row for row in search.shown(parse("sector:energy"), None) if not row.is_heading]
        memorandum = [row for row in search.shown(parse("memorandum"), None) if not row.is_heading]
        assert memorandum and all("memorandum" in row.text.lower() for row in memorandum)
        assert [row for row in everything if row in memorandum] == memorandum  # in timeline order
        some = frozenset(meta.id for meta in corpus.library.articles[:3])
        narrowed = search.shown(parse(""), some)
        entries = [row for row in narrowed if not row.is_heading]
        assert entries == [
            row
            for row in everything
            if not row.is_heading and any(source.article_id in some for source in row.sources)
        ]
        headings = [row for row in narrowed if row.is_heading]
        assert (
            sum(heading.count for heading in headings)
            == len(entries)
            == narrowed.entries + narrowed.unresolved
        )
    finally:
        connection.close()


def test_an_index_in_step_with_its_library_says_so(corpus: Corpus, tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    sync(path, corpus.library, corpus)
    connection = open_index_db(path)
    assert connection is not None
    try:
        assert in_step(connection, corpus.library, SALT, corpus.known_names)
        first, *rest = corpus.library.articles
        renamed = in_library_order(corpus.library.root, [first._replace(title="Another title"), *rest])
        assert not in_step(connection, renamed, SALT, corpus.known_names)
        assert not in_step(connection, in_library_order(corpus.library.root, rest), SALT, corpus.known_names)
        assert not in_step(connection, corpus.library, "another salt", corpus.known_names)
        assert not in_step(connection, corpus.library, SALT, corpus.known_names | {"Somebody Else"})
    finally:
        connection.close()


def two_pass_out_of_step(
    connection: sqlite3.Connection, library: Library, salt: str, known_names: frozenset[str]
) -> int | None:
    """What `LibraryIndex` counted before `check_step`: `in_step`, then the stored fingerprints
    compared with the library's again."""
    if in_step(connection, library, salt, known_names):
        return 0
    if read_meta(connection, KNOWN_NAMES_KEY) != known_names_digest(known_names):
        return None
    stored = ChronologyStore(connection).fingerprints()
    if abs(len(stored) - len(library.articles)) > builds.FEW_CHANGED:
        return None
    kept = changed = 0
    for meta in library.articles:
        fingerprint = stored.get(meta.id)
        kept += fingerprint is not None
        changed += fingerprint != article_fingerprint(meta, salt)
    return max(1, changed + len(stored) - kept)


def test_the_one_step_check_counts_what_the_two_passes_counted(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = corpus.library.root
    first, second, *rest = corpus.library.articles
    path = tmp_path / "index.sqlite3"
    sync(path, in_library_order(root, [second, *rest]), corpus)  # the first is added later
    renamed = first._replace(title="Another title")
    libraries = {
        "one added": corpus.library,
        "as indexed": in_library_order(root, [second, *rest]),
        "one removed": in_library_order(root, rest),
        "one added, one renamed": in_library_order(root, [first, second._replace(title="New"), *rest]),
        "one added under a changed name": in_library_order(root, [renamed, second, *rest]),
        "many removed": in_library_order(root, rest[: len(rest) // 2]),
    }
    connection = open_index_db(path)
    assert connection is not None
    try:
        for few in (builds.FEW_CHANGED, 3):
            monkeypatch.setattr(builds, "FEW_CHANGED", few)
            for name, library in libraries.items():
                for salt, known in ((SALT, corpus.known_names), ("another salt", corpus.known_names)):
                    expected = two_pass_out_of_step(connection, library, salt, known)
                    found = check_step(connection, library, salt, known)
                    assert found.out_of_step == expected, (name, few, salt)
                    assert found.wanted == library_fingerprints(library, salt), name
                other_names = corpus.known_names | {"Somebody Else"}
                assert check_step(connection, library, SALT, other_names).out_of_step is None
                assert two_pass_out_of_step(connection, library, SALT, other_names) is None
        assert check_step(connection, libraries["as indexed"], SALT, corpus.known_names).out_of_step == 0
        assert check_step(connection, corpus.library, SALT, corpus.known_names).out_of_step == 1
    finally:
        connection.close()


def test_an_update_given_the_checks_fingerprints_is_the_full_rebuild(corpus: Corpus, tmp_path: Path) -> None:
    root = corpus.library.root
    path = tmp_path / "index.sqlite3"
    sync(path, in_library_order(root, corpus.library.articles[1:]), corpus)
    connection = open_index_db(path)
    assert connection is not None
    try:
        step = check_step(connection, corpus.library, SALT, corpus.known_names)
    finally:
        connection.close()
    report = sync(path, corpus.library, corpus, step.wanted)
    assert (report.written, report.removed) == (1, 0)
    assert_same_as_a_full_rebuild(path, corpus)


def test_an_open_chronology_keeps_what_it_read_while_the_file_is_updated(
    corpus: Corpus, tmp_path: Path
) -> None:
    path = tmp_path / "index.sqlite3"
    sync(path, corpus.library, corpus)
    connection = open_index_db(path)
    assert connection is not None
    try:
        search = IndexedSearch(ChronologyStore(connection))
        before = [search.everything[index] for index in range(0, len(search.everything), 7)]
        fewer = in_library_order(corpus.library.root, corpus.library.articles[::2])
        sync(path, fewer, corpus)  # rewrites most dates' entries under new ids
        search.reader._kept.clear()  # nothing read before is at hand: all is read again
        assert [search.everything[index] for index in range(0, len(search.everything), 7)] == before
        memorandum = search.shown(parse("memorandum"), None)
        assert memorandum.entries and all(
            row in search.everything for row in list(memorandum)[:20] if not row.is_heading
        )
    finally:
        connection.close()
    newer = open_index_db(path)
    assert newer is not None
    try:
        assert len(IndexedSearch(ChronologyStore(newer)).everything) < len(before) * 7
    finally:
        newer.close()


def test_the_pairs_hold_the_library_s_own_article_ids_and_the_same_counts(
    corpus: Corpus, tmp_path: Path
) -> None:
    path = tmp_path / "index.sqlite3"
    sync(path, corpus.library, corpus)
    own_ids = {meta.id: meta.id for meta in corpus.library.articles}
    plain, shared = open_relations(path), open_relations(path, own_ids=own_ids)
    assert plain is not None and shared is not None
    try:
        counts = list(shared.pair_counts())
        assert counts == list(plain.pair_counts())
        ids = [article_id for _, article_ids, *_ in counts for article_id in article_ids]
        assert ids and all(article_id is own_ids[article_id] for article_id in ids)
    finally:
        plain.close()
        shared.close()
