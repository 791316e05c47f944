"""What extraction found in one article: the value the caches store and the views read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dipreader.model.article import Entities

if TYPE_CHECKING:
    from dipreader.model.chronology import Event
    from dipreader.model.temporal import TemporalExpression


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """What extraction found in one article's body."""

    article_id: str
    content_hash: str
    entities: Entities
    events: tuple[Event, ...]
    unresolved: tuple[TemporalExpression, ...]
    paragraph_starts: tuple[int, ...] = ()
    """Where each paragraph begins, so people can be grouped by paragraph without the body."""
    countries: tuple[tuple[str, int], ...] = ()
    """Each country the body names and how often, most named first (what its pair is read from)."""
