"""Notes as one Markdown file: front matter, a section per article with its URL and date, `#tags`."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator

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


def _note(ann: Annotation) -> list[str]:
    lines: list[str] = []
    if ann.orphan:
        lines += ["*Orphan: this passage is no longer in the article.*", ""]
    lines += [*quote_block(escape_markdown(ann.exact)), ""]
    if ann.note.strip():
        lines += [ann.note.strip(), ""]  # the user's own Markdown, as they wrote it
    tags = inline_tags(ann.tags)
    if tags:
        lines += [tags, ""]
    stamp = ann.updated or ann.created
    details = " · ".join(escape_markdown(part) for part in (ann.color, stamp, ann.id) if part)
    return [*lines, f"<sub>{details}</sub>", ""]


def _note_key(ann: Annotation) -> tuple[bool, int, str, str]:
    return (ann.orphan, ann.start, ann.created, ann.id)


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
    one note at a time: the notes are read twice (for the tags, then to write them), one article's
    at a time (the first time only their tags); what is held is the articles' records. Returns how
    many notes were written."""
    records: dict[str, ArticleRecord] = {}
    for article in map(clean_article, articles):
        records.setdefault(article.id, article)
    stored_ids: dict[str, list[str]] = {}  # the id as shown -> the ids as stored that show as it
    for article_id in notes.article_ids():
        stored_ids.setdefault(safe_words(article_id), []).append(article_id)

    def title_of(article_id: str) -> str:
        record = records.get(article_id)
        return record.title if record else article_id

    def notes_of(article_id: str) -> Iterator[Annotation]:
        streams = [map(clean_annotation, notes.of_article(stored)) for stored in stored_ids[article_id]]
        return streams[0] if len(streams) == 1 else heapq.merge(*streams, key=_note_key)

    def tags_of(article_id: str) -> Iterator[tuple[str, ...]]:
        stored = stored_ids[article_id]
        if len(stored) > 1:  # ids that show alike: their notes interleave
            return (ann.tags for ann in notes_of(article_id))
        return map(clean_tags, notes.tags_of(stored[0]))

    order = sorted(stored_ids, key=lambda article_id: (title_of(article_id).casefold(), article_id))
    all_tags = markdown_tags(tag for key in order for tags in tags_of(key) for tag in tags)
    properties: dict[str, object] = {"title": DOCUMENT_TITLE, "articles": len(order), "notes": notes.count()}
    if all_tags:
        properties["tags"] = all_tags
    write(front_matter(properties) + "\n")
    body = _TrimmedEnd(write)
    body("# Notes\n\n")
    written = 0
    for article_id in order:
        body("".join(line + "\n" for line in _article_head(article_id, records.get(article_id))))
        for ann in notes_of(article_id):
            body("".join(line + "\n" for line in _note(ann)))
            written += 1
    body.finish()
    return written


def export_notes_markdown(annotations: Iterable[Annotation], articles: Iterable[ArticleRecord]) -> str:
    """Front matter (title, counts, every tag), then the notes grouped by article, by title."""
    parts: list[str] = []
    with ListedNotes(annotations) as notes:
        write_notes_markdown(parts.append, notes, articles)
    return "".join(parts)
