"""Saving, editing, deleting and importing annotations: the one path the reader, the Notes tab and
`notes import` all take to the store."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from dipreader.core.library import Library
from dipreader.model.anchoring import Annotation, make_annotation
from dipreader.model.article import Article
from dipreader.store import Store, StoreError

GONE = "That note is no longer in the store (deleted, perhaps by another dipreader); reload the notes."


def save_annotation(store: Store, annotation: Annotation) -> Annotation:
    """Store a new annotation (tags normalised, times filled in); returns what was saved."""
    return store.add_annotation(annotation)


def edit_annotation(
    store: Store, annotation_id: str, note: str, color: str, tags: Sequence[str]
) -> Annotation:
    """Change an annotation's note, colour and tags; returns the stored copy (StoreError when it is gone)."""
    try:
        return store.update_annotation(annotation_id, note=note, color=color, tags=tags)
    except KeyError:
        raise StoreError(GONE) from None


def retag_annotation(store: Store, annotation_id: str, tags: Sequence[str]) -> Annotation:
    """Replace an annotation's tags; returns the stored copy (StoreError when it is gone)."""
    try:
        return store.update_annotation(annotation_id, tags=tags)
    except KeyError:
        raise StoreError(GONE) from None


def delete_annotation(store: Store, annotation_id: str) -> Annotation | None:
    """Delete an annotation; returns it whole (for `restore_annotation`), or None if it was not there."""
    deleted = store.annotation(annotation_id)
    store.delete_annotation(annotation_id)
    return deleted


def restore_annotation(store: Store, annotation: Annotation) -> Annotation:
    """Put a deleted annotation back exactly as it was: same id, passage, note, tags and times."""
    return store.add_annotation(annotation)


def reattach_annotation(
    store: Store, annotation_id: str, article: Article, start: int, end: int
) -> Annotation:
    """Anchor an annotation (an orphan, usually) on `article.body[start:end]`, in its own article or
    another: new passage and context, the note, tags and colour kept. ValueError for a passage
    outside the text, StoreError when the annotation is gone."""
    fresh = make_annotation(article.id, article.body, article.meta.content_hash, start, end)
    try:
        return store.set_anchor(replace(fresh, id=annotation_id))
    except KeyError:
        raise StoreError(GONE) from None


def import_annotations(store: Store, annotations: Iterable[Annotation], library: Library) -> tuple[int, int]:
    """Merge imported annotations (newer copies win), then place each article's notes on its current
    text, a page at a time. Returns (added or updated, left as orphans)."""
    merged = store.merge_annotations(annotations)
    orphans = 0
    annotated = sorted({group.article_id for group in store.annotation_groups()})
    for article_id in annotated:
        article = library.load(article_id)
        if not isinstance(article, Article):
            continue
        # Every note, whatever its hash: imported offsets were not placed by this program.
        orphans += store.reanchor_every(article.id, article.body, article.meta.content_hash)
    return merged, orphans
