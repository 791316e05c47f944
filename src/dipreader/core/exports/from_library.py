"""The export records of analysed articles: each article with its people and sector labels, each person."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator

from dipreader.core.exports.obsidian import PeopleRecords, VaultArticles
from dipreader.core.exports.obsidian_state import CACHE_KIB
from dipreader.core.exports.records import ArticleRecord, PersonRecord
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import ArticleMeta
from dipreader.model.knowledge import Knowledge
from dipreader.model.people import Person


def vault_records(
    pairs: Iterable[tuple[ArticleMeta, ArticleAnalysis]],
    knowledge: Knowledge,
    who: Iterable[Person] | None = None,
) -> tuple[list[ArticleRecord], list[PersonRecord]]:
    """Articles (people under the who's-who names, so links resolve; sectors by label) and people.

    `who`: the who's-who of these articles when it is at hand (the persisted index): the analyses
    are then read once and none is kept; without it, it is built from them (all held at once)."""
    from dipreader.model.people import build_people

    if who is None:
        analysed = list(pairs)
        known = frozenset(person.name for person in knowledge.people)
        people = build_people(
            ((meta, analysis.entities, analysis.paragraph_starts) for meta, analysis in analysed),
            known_names=known,
        )
        pairs = analysed
    else:
        people = list(who)
    named: dict[str, list[str]] = {}
    for person in people:
        for article_id in person.articles:
            named.setdefault(article_id, []).append(person.name)
    articles: list[ArticleRecord] = []
    for meta, analysis in pairs:
        keys = dict.fromkeys(mention.sector for mention in analysis.entities.sectors)
        labels = [_sector_label(knowledge, key) for key in keys]
        articles.append(ArticleRecord.from_meta(meta, sorted(named.get(meta.id, [])), labels))
    return articles, [PersonRecord.from_person(person) for person in people]


def _sector_label(knowledge: Knowledge, key: str) -> str:
    sector = knowledge.sector(key)
    return sector.label if sector is not None and sector.label else key


class _NamesByArticle:
    """The names of each article's people, in a private temporary database (removed when closed)."""

    def __init__(self, people: Iterable[Person]) -> None:
        self._db = sqlite3.connect("", isolation_level=None)
        self._db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("CREATE TABLE named (article_id BLOB NOT NULL, name BLOB NOT NULL)")
        self._db.execute("BEGIN")
        self._db.executemany(
            "INSERT INTO named VALUES (?, ?)",
            ((_blob(article_id), _blob(person.name)) for person in people for article_id in person.articles),
        )
        self._db.execute("CREATE INDEX named_by_article ON named (article_id)")

    def __call__(self, article_id: str) -> list[str]:
        rows = self._db.execute("SELECT name FROM named WHERE article_id = ?", (_blob(article_id),))
        return sorted(_text(name) for (name,) in rows)


def _blob(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _text(blob: bytes) -> str:
    return blob.decode("utf-8", "surrogatepass")


def streamed_vault(
    outline: Callable[[], Iterable[ArticleMeta]],
    pairs: Callable[[], Iterable[tuple[ArticleMeta, ArticleAnalysis]]],
    knowledge: Knowledge,
    who: Callable[[], Iterable[Person]],
) -> tuple[VaultArticles, PeopleRecords]:
    """`vault_records` as two readers `export_obsidian` calls twice: each article's record is made
    as its note is written (from `pairs`, the analysed articles, in the order of `outline`, their
    metadata), each person's likewise; the names of each article's people wait on disk."""
    named = _NamesByArticle(who())

    def records() -> Iterator[ArticleRecord]:
        for meta, analysis in pairs():
            keys = dict.fromkeys(mention.sector for mention in analysis.entities.sectors)
            labels = [_sector_label(knowledge, key) for key in keys]
            yield ArticleRecord.from_meta(meta, named(meta.id), labels)

    articles = VaultArticles(lambda: map(ArticleRecord.from_meta, outline()), records)
    return articles, lambda: map(PersonRecord.from_person, who())
