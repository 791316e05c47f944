"""Story groups of a library: features from each body and its cached analysis, kept in a cache;
grouped in memory (the app) or on disk (the command line)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import astuple, dataclass
from pathlib import Path

from dipreader import paths
from dipreader.cache.stories import StoryCache, StoryRow
from dipreader.core.builds import AnalysisLookup
from dipreader.core.context import Context
from dipreader.core.library import Library
from dipreader.core.stories import STORY_VERSION, StoryFeatures, group_stories, story_features
from dipreader.model.article import ArticleMeta

STORY_CACHE_FILENAME = "stories.sqlite3"


def _key(meta: ArticleMeta, salt: str) -> str:
    parts = (STORY_VERSION, salt, meta.content_hash, meta.date.iso() if meta.date else "")
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _from_row(article_id: str, row: StoryRow) -> StoryFeatures | None:
    try:
        _id, day, lead, people, places, passages, terms = row
        return StoryFeatures(article_id, day, lead, people, places, passages, terms)
    except (TypeError, ValueError):
        return None


FRESH_BATCH = 500
"""Features computed (not in the cache) are written this many at a time."""


@dataclass(frozen=True)
class StoriesBuilder:
    """Builds every article's story key; picklable, so it can run in another process."""

    cache_path: Path | None
    salt: str

    def __call__(self, library: Library, analysis_of: AnalysisLookup) -> dict[str, str]:
        cache = StoryCache(self.cache_path)
        try:
            return group_stories(list(library_features(library, analysis_of, cache, self.salt)))
        finally:
            cache.close()


@dataclass(frozen=True)
class StoryKeysBuilder:
    """Writes the story key of every article in a group of two or more into the SQLite file
    `result` (see `group_stories_on_disk`), in bounded memory; picklable, so it can run in another
    process. Returns how many articles it wrote."""

    cache_path: Path | None
    salt: str
    result: Path

    def __call__(self, library: Library, analysis_of: AnalysisLookup) -> int:
        from dipreader.core.stories_on_disk import group_stories_on_disk

        cache = StoryCache(self.cache_path)
        try:
            return group_stories_on_disk(
                library_features(library, analysis_of, cache, self.salt), self.result
            )
        finally:
            cache.close()


def library_features(
    library: Library, analysis_of: AnalysisLookup, cache: StoryCache, salt: str
) -> Iterator[StoryFeatures]:
    """Each article's story features in library order, from the cache or computed (and cached)."""
    fresh: list[tuple[str, StoryRow]] = []
    for meta in library.articles:
        key = _key(meta, salt)
        row = cache.get(key)
        found = _from_row(meta.id, row) if row is not None else None
        if found is None:
            found = _compute(library, meta, analysis_of)
            if found is None:
                continue
            fresh.append((key, astuple(found)))
            if len(fresh) >= FRESH_BATCH:
                cache.put_many(fresh)
                fresh.clear()
        yield found
    cache.put_many(fresh)


def _compute(library: Library, meta: ArticleMeta, analysis_of: AnalysisLookup) -> StoryFeatures | None:
    analysis = analysis_of(meta.id)
    body = library.load_body(meta.id)
    if analysis is None or body is None or analysis.content_hash != meta.content_hash:
        return None
    officials = [(mention.name, mention.start) for mention in analysis.entities.officials]
    return story_features(meta.id, body, meta.date, officials, analysis.paragraph_starts)


def story_cache_path(context: Context) -> Path:
    return paths.cache_dir(context.data_dir) / STORY_CACHE_FILENAME


def library_stories(context: Context, library: Library) -> dict[str, str]:
    """Every article's story key (its own id when no other report joins it), indexing what is missing."""
    from dipreader.core.builds import CachedAnalyses
    from dipreader.core.indexer import Indexer

    for _batch in Indexer(context).run(library):
        pass
    builder = StoriesBuilder(story_cache_path(context), context.extraction_salt)
    found = CachedAnalyses(context.analysis_cache).build(builder, library)
    return {meta.id: found.get(meta.id, meta.id) for meta in library.articles}
