"""The text of the Obsidian notes: an article with its highlights, a person with their roles."""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from dipreader.core.exports.markdown_text import (
    block_id,
    escape_markdown,
    front_matter,
    inline_tags,
    markdown_tags,
    quote_block,
)
from dipreader.core.exports.records import ArticleRecord, PersonRecord, RoleEntry, date_parts
from dipreader.model.anchoring import Annotation

MARK_PROPERTY = "dipreader"
MARK_VALUE = "generated"
KIND_PROPERTY = "dipreader_kind"
ID_PROPERTY = "dipreader_id"
HASH_PROPERTY = "dipreader_hash"
ARTICLE_KIND = "article"
PERSON_KIND = "person"
PERSON_TAG = "person"

Link = Callable[[str], str | None]
"""Article id or person name -> `[[target|label]]`, None when it has no note in the vault."""


@dataclass(frozen=True)
class Links:
    article: Link
    person: Link


def content_hash(text: str) -> str:
    """What the hash property records: the note's text without its hash line, line ends as LF."""
    lines = text.replace("\r\n", "\n").split("\n")
    at = next((index for index, line in enumerate(lines) if line.startswith(f"{HASH_PROPERTY}:")), None)
    kept = lines if at is None else lines[:at] + lines[at + 1 :]
    return hashlib.sha256("\n".join(kept).encode()).hexdigest()[:20]


def _with_hash(properties: dict[str, object], body: str) -> str:
    draft = front_matter(properties) + body
    return front_matter({**properties, HASH_PROPERTY: content_hash(draft)}) + body


def _mark(kind: str, ident: str) -> dict[str, object]:
    return {MARK_PROPERTY: MARK_VALUE, KIND_PROPERTY: kind, ID_PROPERTY: ident}


def _date_value(iso: str | None) -> object:
    """A full date as a YAML date (Obsidian's Date property), a partial one as text."""
    parts = date_parts(iso)
    if parts is not None and len(parts) == 3:
        return _dt.date(*parts)
    return iso


def _highlight(ann: Annotation, ref: str) -> list[str]:
    title = "> [!quote] Quote (the passage is no longer in the article)" if ann.orphan else "> [!quote]"
    lines = [title, *quote_block(escape_markdown(ann.exact))]
    if ann.note.strip():
        lines += [">", *quote_block(ann.note.strip())]  # the user's own Markdown, as they wrote it
    tags = inline_tags(ann.tags)
    if tags:
        lines += [">", f"> {tags}"]
    return [*lines, "", f"^{ref}", ""]


def _block_refs(anns: Sequence[Annotation]) -> list[str]:
    refs: list[str] = []
    for ann in anns:
        ref = block_id(ann.id)
        while ref in refs:
            ref += "-1"
        refs.append(ref)
    return refs


def article_note(article: ArticleRecord, anns: Sequence[Annotation], links: Links) -> str:
    """Properties (title, date, source, url, people, sectors, tags) and the highlights as callouts."""
    people = [links.person(name) or name for name in article.people]
    tags = markdown_tags([*article.tags, *(tag for ann in anns for tag in ann.tags)])
    properties: dict[str, object] = {
        "title": article.title,
        "date": _date_value(article.date),
        "source": article.source,
        "author": article.author,
        "url": article.url,
        "people": people,
        "sectors": list(article.sectors),
        "tags": tags,
    }
    properties = {key: value for key, value in properties.items() if value not in (None, [])}
    byline = [escape_markdown(part) for part in (article.source, article.author, article.date) if part]
    if article.url:
        byline.append(f"<{article.url}>" if ">" not in article.url else escape_markdown(article.url))
    lines = [f"# {escape_markdown(article.title)}", ""]
    if byline:
        lines += [" · ".join(byline), ""]
    ordered = sorted(anns, key=lambda ann: (ann.orphan, ann.start, ann.created, ann.id))
    if ordered:
        lines += ["## Highlights", ""]
        for ann, ref in zip(ordered, _block_refs(ordered), strict=True):
            lines += _highlight(ann, ref)
    body = "\n".join(lines).rstrip("\n") + "\n"
    return _with_hash({**properties, **_mark(ARTICLE_KIND, article.id)}, body)


def _role_history(roles: Sequence[RoleEntry], links: Links) -> list[str]:
    """One line per title: the dates it was stated between and the articles that state it."""
    grouped: dict[str, list[RoleEntry]] = {}
    for role in roles:
        grouped.setdefault(" ".join(role.title.casefold().split()), []).append(role)

    def first_date(entries: list[RoleEntry]) -> tuple[int, str]:
        dated = sorted(entry.date for entry in entries if entry.date)
        return (0, dated[0]) if dated else (1, "")

    lines: list[str] = []
    for entries in sorted(grouped.values(), key=lambda entries: (first_date(entries), entries[0].title)):
        dated = sorted(entry.date for entry in entries if entry.date)
        span = "undated" if not dated else dated[0] if dated[0] == dated[-1] else f"{dated[0]} – {dated[-1]}"
        countries = sorted({entry.country for entry in entries if entry.country})
        where = f" ({', '.join(escape_markdown(country) for country in countries)})" if countries else ""
        sources = [links.article(entry.article_id) for entry in entries]
        cited = ", ".join(dict.fromkeys(source for source in sources if source))
        line = f"- {escape_markdown(entries[0].title)}{where}: {span}"
        lines.append(f"{line}; {cited}" if cited else line)
    return lines


def person_note(person: PersonRecord, articles: Mapping[str, ArticleRecord], links: Links) -> str:
    """Properties (title, aliases, country, tags), the role history and links to the articles."""
    properties: dict[str, object] = {
        "title": person.name,
        "aliases": list(person.aliases),
        "country": person.country,
        "tags": [PERSON_TAG],
    }
    properties = {key: value for key, value in properties.items() if value not in (None, [])}
    lines = [f"# {escape_markdown(person.name)}", ""]
    if person.country:
        lines += [escape_markdown(person.country), ""]
    if person.roles:
        lines += ["## Roles", "", *_role_history(person.roles, links), ""]
    listed = [(ident, link) for ident in person.articles if (link := links.article(ident)) is not None]
    if listed:
        lines += ["## Articles", ""]
        for article_id, link in listed:
            article = articles[article_id]
            details = [escape_markdown(part) for part in (article.date, article.source) if part]
            lines.append(f"- {link}" + (f" · {' · '.join(details)}" if details else ""))
    body = "\n".join(lines).rstrip("\n") + "\n"
    return _with_hash({**properties, **_mark(PERSON_KIND, person.name)}, body)
