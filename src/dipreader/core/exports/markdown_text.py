"""Markdown pieces shared by the exports: escaped text, quotes, `#tags`, block ids, front matter."""

from __future__ import annotations

import datetime as _dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping

import yaml

from dipreader.model.terminal_text import safe_words

# Characters that Markdown or Obsidian would read as markup (emphasis, links, tags, math,
# highlights, comments, block references, HTML) when they come from an article's text.
_MARKUP = re.compile(r"([\\`*_\[\]<>#$~^=%])")
_TAG_JUNK = re.compile(r"[^\w/-]+")
_BLOCK_ID_JUNK = re.compile(r"[^A-Za-z0-9-]+")
# Text that may stand unquoted: starts with a letter or digit, no `: `, ` #`, quotes or brackets.
_PLAIN = re.compile(r"[^\W_][\w .,;!?()/&+%'@-]*(?<! )")
_RESOLVE: Callable[[type[yaml.Node], str, tuple[bool, bool]], str] = yaml.resolver.Resolver().resolve
_STR_TAG = "tag:yaml.org,2002:str"


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
    words = unicodedata.normalize("NFC", safe_words(text)).split()
    tag = "-".join(kept for kept in (_TAG_JUNK.sub("", word) for word in words) if kept)
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


def yaml_scalar(value: object) -> str:
    """One YAML scalar: plain when YAML reads it back as the same text, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | _dt.date):
        return str(value) if not isinstance(value, _dt.datetime) else value.isoformat()
    if value is None:
        return "null"
    text = str(value)
    if _PLAIN.fullmatch(text) and _RESOLVE(yaml.ScalarNode, text, (True, False)) == _STR_TAG:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def front_matter(properties: Mapping[str, object]) -> str:
    """`---`, the properties as YAML (text, numbers, dates, lists of text), `---`.

    Written here rather than by yaml.safe_dump: the same text whether or not libyaml is
    installed, and fast enough for a vault of 100,000 notes.
    """
    lines = ["---"]
    for key, value in properties.items():
        if isinstance(value, list | tuple):
            lines.append(f"{key}:" if value else f"{key}: []")
            lines += [f"  - {yaml_scalar(item)}" for item in value]
        else:
            lines.append(f"{key}: {yaml_scalar(value)}")
    return "\n".join([*lines, "---"]) + "\n"
