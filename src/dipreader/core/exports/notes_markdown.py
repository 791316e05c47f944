"""Notes as one Markdown file: front matter, a section per article with its URL and date, `#tags`."""

from __future__ import annotations

from collections.abc import Iterable

from dipreader.core.exports.markdown_text import (
    escape_markdown,
    front_matter,
    inline_tags,
    markdown_tags,
    quote_block,
)
from dipreader.core.exports.records import ArticleRecord, clean_annotation, clean_article
from dipreader.model.anchoring import Annotation

DOCUMENT_TITLE = "dipreader notes"


def _ordered(anns: Iterable[Annotation]) -> list[Annotation]:
    return sorted(anns, key=lambda ann: (ann.article_id, ann.orphan, ann.start, ann.created, ann.id))


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


def export_notes_markdown(annotations: Iterable[Annotation], articles: Iterable[ArticleRecord]) -> str:
    """Front matter (title, counts, every tag), then the notes grouped by article, by title."""
    records: dict[str, ArticleRecord] = {}
    for article in map(clean_article, articles):
        records.setdefault(article.id, article)
    by_article: dict[str, list[Annotation]] = {}
    for ann in _ordered(map(clean_annotation, annotations)):
        by_article.setdefault(ann.article_id, []).append(ann)

    def title_of(article_id: str) -> str:
        record = records.get(article_id)
        return record.title if record else article_id

    order = sorted(by_article, key=lambda article_id: (title_of(article_id).casefold(), article_id))
    all_tags = markdown_tags(tag for key in order for ann in by_article[key] for tag in ann.tags)
    properties: dict[str, object] = {
        "title": DOCUMENT_TITLE,
        "articles": len(order),
        "notes": sum(len(anns) for anns in by_article.values()),
    }
    if all_tags:
        properties["tags"] = all_tags
    lines = ["# Notes", ""]
    for article_id in order:
        lines += _article_head(article_id, records.get(article_id))
        for ann in by_article[article_id]:
            lines += _note(ann)
    return front_matter(properties) + "\n" + "\n".join(lines).rstrip() + "\n"
