"""Story groups of a library of any size: `group_stories`'s groups, found with the features in a
temporary database and the pairs worth comparing found by query.

`group_stories` links the candidate pairs that `compare` finds the same, and keys each group by its
earliest article: the groups are the connected parts of those links, whatever order the pairs are
compared in. So the pairs can come from SQLite (sorted in its temporary file), each compared with
the rarity of only its own words; what is held is a few thousand articles' features and one number
per article (its place in the union-find).
"""

from __future__ import annotations

import marshal
import math
import sqlite3
from array import array
from collections import OrderedDict
from collections.abc import Iterable
from contextlib import closing
from dataclasses import astuple
from pathlib import Path

from dipreader.core.stories import (
    COMMON_PASSAGE,
    SAME_EVENT_DAYS,
    WIRE_COPY_DAYS,
    StoryFeatures,
    compare,
)

BATCH = 200
FEATURES_KEPT = 1_024
"""Articles whose features and word rarities are kept while pairs are compared."""
CACHE_KIB = 16_384
"""SQLite's page cache for the work; beyond it the rows wait in the temporary file."""
NO_DAY = 10**7
"""Where an undated article sorts among a group's (as `group_stories` picks the earliest)."""

_SCHEMA = (
    "CREATE TABLE art (idx INTEGER PRIMARY KEY, article TEXT NOT NULL, day INTEGER, data BLOB NOT NULL)",
    "CREATE TABLE term (term INTEGER NOT NULL, idx INTEGER NOT NULL)",
    "CREATE TABLE passage (passage INTEGER NOT NULL, idx INTEGER NOT NULL)",
    "CREATE TABLE lead (person TEXT NOT NULL, day INTEGER NOT NULL, idx INTEGER NOT NULL)",
)
_INDEXES = (
    "CREATE TABLE rarity AS SELECT term, count(*) AS articles FROM term GROUP BY term",
    "CREATE UNIQUE INDEX rarity_by_term ON rarity (term)",
    "CREATE INDEX term_by_article ON term (idx)",
    "CREATE INDEX passage_by_value ON passage (passage, idx)",
    "CREATE INDEX lead_by_person ON lead (person, day, idx)",
)
# `candidate_pairs`: an uncommon passage in common (within WIRE_COPY_DAYS, or either undated), or a
# lead person in common within SAME_EVENT_DAYS.
_PAIRS = f"""
WITH uncommon AS (SELECT passage FROM passage GROUP BY passage HAVING count(*) <= {COMMON_PASSAGE})
SELECT a.idx, b.idx FROM uncommon u
    JOIN passage a ON a.passage = u.passage
    JOIN passage b ON b.passage = u.passage AND b.idx > a.idx
    JOIN art x ON x.idx = a.idx
    JOIN art y ON y.idx = b.idx
    WHERE x.day IS NULL OR y.day IS NULL OR abs(x.day - y.day) <= {WIRE_COPY_DAYS}
UNION
SELECT a.idx, b.idx FROM lead a
    JOIN lead b ON b.person = a.person AND b.idx > a.idx
        AND b.day BETWEEN a.day - {SAME_EVENT_DAYS} AND a.day + {SAME_EVENT_DAYS}
ORDER BY 1, 2
"""


def _features(blob: bytes) -> StoryFeatures:
    return StoryFeatures(*marshal.loads(blob))


class _Compared:
    """Articles' features and the rarity of their words, read as pairs ask (the last few thousand kept)."""

    def __init__(self, database: sqlite3.Connection, total: int) -> None:
        self.database = database
        self.total = total
        self._kept: OrderedDict[int, tuple[StoryFeatures, dict[int, float]]] = OrderedDict()

    def get(self, index: int) -> tuple[StoryFeatures, dict[int, float]]:
        found = self._kept.get(index)
        if found is not None:
            self._kept.move_to_end(index)
            return found
        (blob,) = self.database.execute("SELECT data FROM art WHERE idx = ?", (index,)).fetchone()
        # As `rarity` computes it: log(articles + 1 over the articles with the word).
        idf = {
            term: math.log(self.total / count)
            for term, count in self.database.execute(
                "SELECT r.term, r.articles FROM term t JOIN rarity r USING (term) WHERE t.idx = ?", (index,)
            )
        }
        found = (_features(blob), idf)
        self._kept[index] = found
        if len(self._kept) > FEATURES_KEPT:
            self._kept.popitem(last=False)
        return found

    def same(self, first: int, second: int) -> bool:
        a, idf_a = self.get(first)
        b, idf_b = self.get(second)
        return compare(a, b, {**idf_a, **idf_b}).same


def _fill(database: sqlite3.Connection, features: Iterable[StoryFeatures]) -> int:
    """Write every article's features; returns how many."""
    count = 0
    arts: list[tuple[int, str, int | None, bytes]] = []
    terms: list[tuple[int, int]] = []
    passages: list[tuple[int, int]] = []
    leads: list[tuple[str, int, int]] = []

    def flush() -> None:
        database.executemany("INSERT INTO art VALUES (?, ?, ?, ?)", arts)
        database.executemany("INSERT INTO term VALUES (?, ?)", terms)
        database.executemany("INSERT INTO passage VALUES (?, ?)", passages)
        database.executemany("INSERT INTO lead VALUES (?, ?, ?)", leads)
        for rows in (arts, terms, passages, leads):
            rows.clear()

    for index, item in enumerate(features):
        count += 1
        arts.append((index, item.article_id, item.day, marshal.dumps(astuple(item))))
        terms.extend((term, index) for term in set(item.terms))
        passages.extend((passage, index) for passage in item.passages)
        if item.day is not None:
            leads.extend((person, item.day, index) for person in item.lead_people)
        if len(arts) >= BATCH:
            flush()
    flush()
    return count


def _root(parent: array[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


def group_stories_on_disk(features: Iterable[StoryFeatures], result: Path) -> int:
    """Write what `group_stories(list(features))` gives of every article in a group of two or more
    (an article alone is its own story) into a new SQLite file `result`, table `story (article
    PRIMARY KEY, story)`, reading `features` once; returns how many articles were written."""
    with closing(sqlite3.connect("")) as database:
        database.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        database.execute("PRAGMA journal_mode = OFF")
        for statement in _SCHEMA:
            database.execute(statement)
        with database:
            count = _fill(database, features)
        with database:
            for statement in _INDEXES:
                database.execute(statement)
        compared = _Compared(database, count + 1)
        parent = array("q", range(count))
        for first, second in database.execute(_PAIRS):
            if compared.same(first, second):
                parent[_root(parent, first)] = _root(parent, second)
        return _write_keys(database, parent, result)


# Each group's story is its earliest article: by day (undated last), then by id.
_KEYS = f"""
INSERT INTO result.story
WITH grouped AS (
    SELECT g.root, a.article, coalesce(nullif(a.day, 0), {NO_DAY}) AS day
    FROM groups g JOIN art a USING (idx)
), firsts AS (
    SELECT root, article FROM (
        SELECT root, article, row_number() OVER (PARTITION BY root ORDER BY day, article) AS place
        FROM grouped
    ) WHERE place = 1
)
SELECT grouped.article, firsts.article FROM grouped JOIN firsts USING (root)
"""


def _write_keys(database: sqlite3.Connection, parent: array[int], result: Path) -> int:
    sizes = array("q", bytes(8 * len(parent)))
    for index in range(len(parent)):
        sizes[_root(parent, index)] += 1
    database.execute("CREATE TABLE groups (idx INTEGER PRIMARY KEY, root INTEGER NOT NULL)")
    with database:
        batch: list[tuple[int, int]] = []
        for index in range(len(parent)):
            root = _root(parent, index)
            if sizes[root] > 1:
                batch.append((index, root))
                if len(batch) >= BATCH:
                    database.executemany("INSERT INTO groups VALUES (?, ?)", batch)
                    batch.clear()
        database.executemany("INSERT INTO groups VALUES (?, ?)", batch)
    database.execute("ATTACH DATABASE ? AS result", (str(result),))
    try:
        with database:
            database.execute("DROP TABLE IF EXISTS result.story")  # a build that stopped half-way
            database.execute("CREATE TABLE result.story (article TEXT PRIMARY KEY, story TEXT NOT NULL)")
            return database.execute(_KEYS).rowcount
    finally:
        database.execute("DETACH DATABASE result")
