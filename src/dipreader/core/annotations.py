"""Saving, editing, deleting and importing annotations: the one path the reader, the Notes tab and
`notes import` all take to the store."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dipreader.core.library import Library
from dipreader.model.anchoring import Annotation
from dipreader.model.article import Article
from dipreader.store import Store


def save_annotation(store: Store, annotation: Annotation) -> Annotation:
    """Store a new annotation (tags normalised, times filled in); returns what was saved."""
    return store.add_annotation(annotation)


def edit_annotation(
    store: Store, annotation_id: str, note: str, color: str, tags: Sequence[str]
) -> Annotation:
    """Change an annotation's note, colour and tags; returns the stored copy."""
    return store.update_annotation(annotation_id, note=note, color=color, tags=tags)


def delete_annotation(store: Store, annotation_id: str) -> None:
    store.delete_annotation(annotation_id)


def import_annotations(store: Store, annotations: Iterable[Annotation], library: Library) -> tuple[int, int]:
    """Merge imported annotations (newer copies win), then place each article's notes on its current
    text. Returns (added or updated, left as orphans)."""
    merged = store.merge_annotations(annotations)
    orphans = 0
    annotated = sorted({annotation.article_id for annotation in store.annotations()})
    for article_id in annotated:
        article = library.load(article_id)
        if not isinstance(article, Article):
            continue
        for annotation in store.reanchor(article.id, article.body, article.meta.content_hash):
            orphans += annotation.orphan
    return merged, orphans
