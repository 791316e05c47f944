"""Markdown pieces shared by the exports: escaped text, quotes, `#tags`, block ids, front matter."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

import yaml

from dipreader.model.sanitise import clean_line

# Characters that Markdown or Obsidian would read as markup (emphasis, links, tags, math,
# highlights, comments, block references, HTML) when they come from an article's text.
_MARKUP = re.compile(r"([\\`*_\[\]<>#$~^=%])")
_TAG_JUNK = re.compile(r"[^\w/-]+")
_BLOCK_ID_JUNK = re.compile(r"[^A-Za-z0-9-]+")


def escape_markdown(text: str) -> str:
    """Text that renders as itself: markup characters backslash-escaped."""
    return _MARKUP.sub(r"\\\1", text)


def quote_block(text: str, prefix: str = "> ") -> list[str]:
    """Every line of the text behind the quote prefix; blank lines keep a bare `>`."""
    return [f"{prefix}{line}".rstrip() for line in text.splitlines() or [""]]


def markdown_tag(text: str) -> str | None:
    """The tag as Obsidian accepts it (without `#`): letters, digits, `_`, `-`, `/`; not all digits.

    Spaces become `-`; other characters go; `/` nests. None when nothing is left.
    """
    words = unicodedata.normalize("NFC", clean_line(text)).split()
    tag = _TAG_JUNK.sub("", "-".join(words))
    tag = re.sub(r"/{2,}", "/", tag).strip("/-")
    if not tag:
        return None
    return f"_{tag}" if tag.replace("/", "").isdigit() else tag


def markdown_tags(values: Iterable[str]) -> list[str]:
    """Tags for `values`, in order, each once (ignoring case, as Obsidian does)."""
    seen: set[str] = set()
    tags: list[str] = []
    for value in values:
        tag = markdown_tag(value)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


def inline_tags(values: Iterable[str]) -> str:
    """`#a #b` for the values' tags."""
    return " ".join(f"#{tag}" for tag in markdown_tags(values))


def block_id(text: str, fallback: str = "note") -> str:
    """A block reference id (Latin letters, digits, dashes) made from the text."""
    cleaned = _BLOCK_ID_JUNK.sub("-", text).strip("-")
    return cleaned or fallback


def front_matter(properties: Mapping[str, object]) -> str:
    """`---`, the properties as YAML, `---`; one value per line however long."""
    dumped = yaml.safe_dump(
        dict(properties), sort_keys=False, allow_unicode=True, default_flow_style=False, width=1_000_000
    )
    return f"---\n{dumped}---\n"
