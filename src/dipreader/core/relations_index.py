"""The Relations kept as rows in the index file: each article's pairs and events written, each pair's
contacts merged again only for the dates an article touched, one pair read by query when shown."""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path

from dipreader.cache.chronology_store import bucket_of
from dipreader.cache.index_db import read_index
from dipreader.cache.people_store import PeopleStore, decode_person
from dipreader.cache.relations_store import (
    RelationsStore,
    StoredContact,
    date_from_number,
    date_number,
    date_of,
    date_row,
    decode,
    encode,
    pair_key,
    pair_of,
)
from dipreader.core.relations import (
    ClauseLevels,
    Contact,
    Milestone,
    PairArticle,
    PairCounts,
    PairData,
    SidePerson,
    article_pairs,
    milestone_of,
    side_of,
)
from dipreader.core.timeline_index import transaction
from dipreader.extract.levels import Level, highest
from dipreader.extract.pairs import Pair, PairKind, fold
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import ArticleMeta, PartialDate

MERGE_BATCH = 200
"""Pair dates merged per transaction."""


def write_article_pairs(
    store: RelationsStore, meta: ArticleMeta, analysis: ArticleAnalysis, *, new: bool = False
) -> None:
    """Write an article's pairs and its events under each (its earlier ones forgotten unless `new`);
    the pairs' dates are merged after (`merge_pairs`)."""
    if not new:
        store.forget_article(meta.id)
    found = article_pairs(meta, analysis)
    if not found.pairs:
        store.put_unpaired(meta.id, found.kind)
        return
    clause_levels = ClauseLevels(meta, analysis)
    # As `RelationsCollector` keeps them: one level per span of the article, the last event's.
    by_span = {(event.start, event.end): clause_levels.level(event) for event in analysis.events}
    sectors = tuple(dict.fromkeys(mention.sector for mention in analysis.entities.sectors))
    record = encode((meta.title, date_row(meta.date), sectors, found.basis))
    events = [(bucket_of(event), event, by_span[(event.start, event.end)]) for event in analysis.events]
    store.put_pairs(meta.id, found.pairs, record, events)


def _milestone_row(milestone: Milestone | None) -> bytes | None:
    if milestone is None:
        return None
    return encode(
        (
            date_row(milestone.date),
            date_row(milestone.end_date),
            milestone.kind,
            milestone.status,
            milestone.text,
            milestone.article,
            milestone.start,
            milestone.end,
        )
    )


def _milestone(blob: bytes) -> Milestone:
    date, end_date, kind, status, text, article, start, end = decode(blob)
    parsed = date_of(date)
    assert parsed is not None
    return Milestone(parsed, date_of(end_date), kind, status, text, article, start, end)


def merge_pairs(store: RelationsStore, batch: int = MERGE_BATCH) -> int:
    """Merge again every pair date whose events changed (as `RelationsCollector.finish` merges a
    pair's events); returns how many."""
    from dipreader.model.chronology import merge_events

    merged = 0
    while True:
        dirty = store.dirty(batch)
        if not dirty:
            return merged
        store.touched.update(pair for pair, _ in dirty)
        with transaction(store.connection):
            for pair, bucket in dirty:
                items = store.bucket_events(pair, bucket)
                place = {id(item.event): item for item in items}
                contacts = []
                for entry in merge_events(item.event for item in items):
                    first = place[id(entry.events[0])]
                    level: Level = highest(place[id(event)].level for event in entry.events)  # type: ignore[misc]
                    contact = encode((date_row(entry.date), level, entry.status))
                    contacts.append(
                        StoredContact(
                            date_number(entry.date),
                            first.event.article,
                            first.event.start,
                            first.ordinal,
                            contact,
                            _milestone_row(milestone_of(entry.primary)),
                        )
                    )
                store.replace_contacts(pair, bucket, contacts)
        merged += len(dirty)


class IndexedRelations:
    """The Relations read from the index file: the list of pairs by query, one pair's data when it
    is shown (any thread: one connection, behind a lock)."""

    def __init__(self, connection: sqlite3.Connection, own_ids: Mapping[str, str] | None = None) -> None:
        self.connection = connection
        self._own_ids: Mapping[str, str] = own_ids or {}
        """The library's own string of each article id, held by the pairs instead of a copy."""
        self._lock = threading.Lock()
        self.store = RelationsStore(connection)
        self.without_pair = self._without_pair()
        self._counts: list[PairCounts] | None = None
        self.generation: str | None = None
        """The index's generation when it was read (see `builds.LibraryIndex.indexed_relations`)."""

    def _without_pair(self) -> tuple[tuple[PairKind, int], ...]:
        counts = self.store.without_pair()
        return tuple(sorted(((kind, count) for kind, count in counts), key=lambda item: (-item[1], item[0])))  # type: ignore[misc]

    def pair_counts(self) -> Iterator[PairCounts]:
        """(pair, its article ids, contacts, first and last contact) of every pair (read once: the
        file's next update is read through another `IndexedRelations`)."""
        with self._lock:
            if self._counts is None:
                self._counts = list(self._read_counts())
                self._own_ids = {}  # read once: not held on (100,000 ids at 100,000 articles)
            return iter(self._counts)

    def counts_from(self, earlier: IndexedRelations, pairs: AbstractSet[str]) -> None:
        """Take the pairs' counts an `earlier` read of the file holds, but for these pairs' (read
        again): the updates in between changed no other pair. Nothing when it read none."""
        with earlier._lock:
            counted = earlier._counts
        if counted is None:
            return
        kept = [counts for counts in counted if pair_key(counts[0]) not in pairs]
        with self._lock:
            self._counts = [*kept, *self._read_counts(sorted(pairs))] if pairs else kept
            self._own_ids = {}

    def _read_counts(self, pairs: Sequence[str] | None = None) -> Iterator[PairCounts]:
        """The counts of every pair, or of these."""
        if pairs is not None and not pairs:
            return
        articles: dict[str, set[str]] = {}
        own = self._own_ids.get
        for key, article_id in self.store.pair_articles(pairs):
            articles.setdefault(key, set()).add(own(article_id, article_id))
        spans = {key: (count, first, last) for key, count, first, last in self.store.contact_spans(pairs)}
        for key, ids in articles.items():
            count, first, last = spans.get(key, (0, None, None))
            yield (
                pair_of(key),
                frozenset(ids),
                count,
                date_from_number(first) if first is not None else None,
                date_from_number(last) if last is not None else None,
            )

    def get(self, pair: Pair) -> PairData | None:
        """Everything the index says about one pair (None: no article is about it)."""
        key = pair_key(pair)
        with self._lock:
            rows = self.store.articles_of(key)
            if not rows:
                return None
            articles = tuple(_pair_article(article_id, record) for article_id, record in rows)
            contacts: list[Contact] = []
            milestones: list[Milestone] = []
            for contact, milestone in self.store.contacts_of(key):
                date, level, status = decode(contact)
                contacts.append(Contact(PartialDate(*date), level, status))
                if milestone is not None:
                    milestones.append(_milestone(milestone))
            people = self._people(pair, [article.id for article in articles])
        dates = [contact.date for contact in contacts]
        return PairData(
            pair,
            articles,
            tuple(contacts),
            tuple(milestones),
            people,
            min(dates, key=PartialDate.sort_key) if dates else None,
            max(dates, key=PartialDate.sort_key) if dates else None,
        )

    def _people(self, pair: Pair, article_ids: Sequence[str]) -> tuple[SidePerson, ...]:
        """The people named in the pair's articles, each as a side of it (as `RelationsCollector`)."""
        people = PeopleStore(self.connection)
        mentions: dict[str, Counter[str]] = {}
        for person, article_id, count in people.mentions_in(article_ids):
            mentions.setdefault(person, Counter())[article_id] = count
        # Each person with only the roles `side_of` reads: a much-quoted minister has thousands.
        decoded = [
            decode_person(blob, total, roles_in=mentions[name].keys())[0]
            for name, blob, total in people.named_people(list(mentions))
        ]
        decoded.sort(key=lambda person: (person.name.casefold(), person.name))
        members = []
        for someone in decoded:
            named = mentions[someone.name]
            side = side_of(someone, pair, named.keys(), named)
            if side is not None:
                members.append(side)
        return tuple(sorted(members, key=lambda p: (-p.articles, -p.mentions, fold(p.name))))

    def close(self) -> None:
        with self._lock:
            self.connection.close()


def _pair_article(article_id: str, record: bytes) -> PairArticle:
    title, date, sectors, basis = decode(record)
    return PairArticle(article_id, title, date_of(date), tuple(sectors), basis)


def open_relations(
    path: Path, *, empty: bool = True, own_ids: Mapping[str, str] | None = None
) -> IndexedRelations | None:
    """The Relations of the index file at `path`, the pairs' article ids `own_ids`'s strings where
    it has them; None when it cannot be read, or (with `empty` false) when it holds no article yet."""
    return read_index(
        path, lambda connection: IndexedRelations(connection, own_ids), empty=empty, keep_open=True
    )
