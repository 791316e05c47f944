"""Run every extractor on one article: entities, dated events and unresolved expressions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import Article

if TYPE_CHECKING:
    from dipreader.model.knowledge import Knowledge


def analyse(article: Article, knowledge: Knowledge | None) -> ArticleAnalysis:
    """Run every extractor on an article (pure; no cache)."""
    # Imported here, not at the top: their pattern tables take a noticeable share of the
    # app's start-up, and the app only extracts in a worker after the first screen.
    from dipreader.extract.dates.timeexpr import find_temporal_expressions
    from dipreader.extract.entities import extract_entities
    from dipreader.extract.events import find_events, find_unresolved
    from dipreader.extract.pairs import countries_named

    body, date = article.body, article.date
    expressions = find_temporal_expressions(body, date)  # once: the costliest step
    return ArticleAnalysis(
        article_id=article.id,
        content_hash=article.meta.content_hash,
        entities=extract_entities(body, knowledge),
        events=tuple(find_events(article.id, body, date, expressions)),
        unresolved=tuple(find_unresolved(article.id, body, date, expressions)),
        paragraph_starts=tuple(paragraph.start for paragraph in article.paragraphs),
        countries=countries_named(body),
    )
