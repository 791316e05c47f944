"""The export records of analysed articles: each article with its people and sector labels, each person."""

from __future__ import annotations

from collections.abc import Iterable

from dipreader.core.exports.records import ArticleRecord, PersonRecord
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import ArticleMeta
from dipreader.model.knowledge import Knowledge


def vault_records(
    pairs: Iterable[tuple[ArticleMeta, ArticleAnalysis]], knowledge: Knowledge
) -> tuple[list[ArticleRecord], list[PersonRecord]]:
    """Articles (people under the who's-who names, so links resolve; sectors by label) and people."""
    from dipreader.model.people import build_people

    analysed = list(pairs)
    known = frozenset(person.name for person in knowledge.people)
    people = build_people(
        ((meta, analysis.entities, analysis.paragraph_starts) for meta, analysis in analysed),
        known_names=known,
    )
    named: dict[str, list[str]] = {}
    for person in people:
        for article_id in person.articles:
            named.setdefault(article_id, []).append(person.name)
    articles: list[ArticleRecord] = []
    for meta, analysis in analysed:
        keys = dict.fromkeys(mention.sector for mention in analysis.entities.sectors)
        labels = [_sector_label(knowledge, key) for key in keys]
        articles.append(ArticleRecord.from_meta(meta, sorted(named.get(meta.id, [])), labels))
    return articles, [PersonRecord.from_person(person) for person in people]


def _sector_label(knowledge: Knowledge, key: str) -> str:
    sector = knowledge.sector(key)
    return sector.label if sector is not None and sector.label else key
