"""Notes as one Markdown file: front matter, a section per article with its URL and date, `#tags`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from dipreader.core.exports.markdown_text import (
    escape_markdown,
    front_matter,
    inline_tags,
    markdown_tags,
    quote_block,
)
from dipreader.core.exports.records import ArticleRecord, clean_annotation, clean_article, clean_tags
from dipreader.core.json_stream import Write
from dipreader.core.notes_reader import ListedNotes, NotesSource
from dipreader.model.anchoring import Annotation
from dipreader.model.terminal_text import safe_words

DOCUMENT_TITLE = "dipreader notes"


def _article_head(article_id: str, article: ArticleRecord | None) -> list[str]:
    if article is None:
        return [f"## {escape_markdown(article_id)}", "", f"Article `{article_id}`", ""]
    lines = [f"## {escape_markdown(article.title)}", ""]
    details = [escape_markdown(part) for part in (article.source, article.author, article.date) if part]
    if article.url:
        details.append(f"<{article.url}>" if ">" not in article.url else escape_markdown(article.url))
    if details:
        lines += [" · ".join(details), ""]
    lines += [f"Article `{article.id}`", ""]
    tags = inline_tags(article.tags)
    return [*lines, tags, ""] if tags else lines


@lru_cache(maxsize=4096)  # notes share few sets of tags
def _inline_tags(tags: tuple[str, ...]) -> str:
    return inline_tags(tags)


def _distinct(tag_sets: Iterable[tuple[str, ...]]) -> Iterator[tuple[str, ...]]:
    """The sets of tags, without the repeats of a recent one (which add no tag to the list)."""
    recent: set[tuple[str, ...]] = set()
    for tags in tag_sets:
        if tags not in recent:
            if len(recent) >= 4096:
                recent.clear()
            recent.add(tags)
            yield tags


def _note(ann: Annotation) -> list[str]:
    lines: list[str] = []
    if ann.orphan:
        lines += ["*Orphan: this passage is no longer in the article.*", ""]
    lines += [*quote_block(escape_markdown(ann.exact)), ""]
    if ann.note.strip():
        lines += [ann.note.strip(), ""]  # the user's own Markdown, as they wrote it
    tags = _inline_tags(ann.tags)
    if tags:
        lines += [tags, ""]
    stamp = ann.updated or ann.created
    details = " · ".join(escape_markdown(part) for part in (ann.color, stamp, ann.id) if part)
    return [*lines, f"<sub>{details}</sub>", ""]


class _TrimmedEnd:
    """Writes through, holding back trailing whitespace, so that the whole text ends like
    `text.rstrip() + "\\n"` without keeping the text."""

    def __init__(self, write: Write) -> None:
        self._write = write
        self._pending = ""

    def __call__(self, chunk: str) -> None:
        kept = chunk.rstrip()
        if not kept:
            self._pending += chunk
            return
        self._write(self._pending + kept)
        self._pending = chunk[len(kept) :]

    def finish(self) -> None:
        self._write("\n")


def write_notes_markdown(write: Write, notes: NotesSource, articles: Iterable[ArticleRecord]) -> int:
    """Front matter (title, counts, every tag), then the notes grouped by article, by title, written
    one note at a time: the notes are read twice in that order (their tags, then the notes), and
    what is held is the articles' records. Returns how many notes were written."""
    records: dict[str, ArticleRecord] = {}
    for article in map(clean_article, articles):
        records.setdefault(article.id, article)
    stored_ids: dict[str, list[str]] = {}  # the id as shown -> the ids as stored that show as it
    for article_id in notes.article_ids():
        stored_ids.setdefault(safe_words(article_id), []).append(article_id)

    def title_of(article_id: str) -> str:
        record = records.get(article_id)
        return record.title if record else article_id

    order = sorted(stored_ids, key=lambda article_id: (title_of(article_id).casefold(), article_id))
    ranks = {stored: rank for rank, shown in enumerate(order) for stored in stored_ids[shown]}
    all_tags = markdown_tags(tag for tags in _distinct(notes.tags_by_rank(ranks)) for tag in clean_tags(tags))
    properties: dict[str, object] = {"title": DOCUMENT_TITLE, "articles": len(order), "notes": notes.count()}
    if all_tags:
        properties["tags"] = all_tags
    write(front_matter(properties) + "\n")
    body = _TrimmedEnd(write)
    body("# Notes\n\n")
    written = 0
    current = -1
    for ann in notes.by_rank(ranks):
        rank = ranks[ann.article_id]
        if rank != current:
            current = rank
            shown = order[rank]
            body("".join(line + "\n" for line in _article_head(shown, records.get(shown))))
        body("".join(line + "\n" for line in _note(clean_annotation(ann))))
        written += 1
    body.finish()
    return written


def export_notes_markdown(annotations: Iterable[Annotation], articles: Iterable[ArticleRecord]) -> str:
    """Front matter (title, counts, every tag), then the notes grouped by article, by title."""
    parts: list[str] = []
    with ListedNotes(annotations) as notes:
        write_notes_markdown(parts.append, notes, articles)
    return "".join(parts)
