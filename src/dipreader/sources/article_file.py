"""An article's library path and its Markdown file, written whole or not at all, never over another."""

from __future__ import annotations

import datetime as _dt
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import yaml

from dipreader.model.article import PartialDate
from dipreader.sources.draft import Draft

# A title slug longer than this makes unwieldy file names; it is cut at a word.
_SLUG_CHARS = 60
_MAX_NAME_SUFFIX = 1000
_WORDS = re.compile(r"\w+")


class ArticleWriteError(Exception):
    """No free file name for an article; the message is one line."""


def slug(text: str | None, fallback: str) -> str:
    """Lower-case words joined by hyphens, accents folded, at most a file name's worth."""
    if not text:
        return fallback
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(char for char in folded if not unicodedata.combining(char)).casefold()
    words = _WORDS.findall(folded.replace("_", " "))
    joined = ""
    for word in words:
        candidate = f"{joined}-{word}" if joined else word
        if len(candidate) > _SLUG_CHARS:
            break
        joined = candidate
    return joined or (words[0][:_SLUG_CHARS] if words else fallback)


def article_path(draft: Draft) -> tuple[str, str]:
    """(folder, file stem) in the library: `<outlet-slug>`, `<date>-<title-slug>`."""
    folder = slug(draft.source, "unknown-source")
    date = draft.date.iso() if draft.date else "undated"
    return folder, f"{date}-{slug(draft.title, 'article')}"


def yaml_date(date: PartialDate | None) -> object:
    """A date as front matter writes it: a YAML date, a year number, or "YYYY-MM"."""
    if date is None:
        return None
    if date.precision == "day":
        return _dt.date(date.year, date.month or 1, date.day or 1)
    if date.precision == "year":
        return date.year
    return date.iso()


def render_article(draft: Draft, added: _dt.datetime) -> str:
    """The Markdown file: YAML front matter, then the body as it is."""
    front: dict[str, object] = {
        "title": draft.title,
        "date": yaml_date(draft.date),
        "date_basis": draft.date_basis if draft.date else None,
        "source": draft.source,
        "author": draft.author,
        "url": draft.url,
        **({"canonical_url": draft.canonical_url} if draft.canonical_url else {}),
        "tags": list(draft.tags),
        "added": added.astimezone(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    for key, value in draft.extra:
        front.setdefault(key, value)
    header = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, default_flow_style=None, width=10_000)
    return f"---\n{header}---\n{draft.body}"


def write_new_file(directory: Path, stem: str, suffix: str, content: str) -> Path:
    """Write `content` to `<stem>[-N]<suffix>` in `directory`, complete or not at all, never over a file."""
    directory.mkdir(parents=True, exist_ok=True)
    # A dot-named temporary file is skipped by the library scan while it is being written.
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".adding-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        for number in range(1, _MAX_NAME_SUFFIX):
            target = directory / (f"{stem}-{number}{suffix}" if number > 1 else f"{stem}{suffix}")
            if target.exists():
                continue
            try:
                # A hard link appears complete and fails rather than replace a file made meanwhile.
                os.link(temporary, target)
            except FileExistsError:
                continue
            except OSError:
                # A file system without hard links: the existence check above has to do.
                os.replace(temporary, target)
            return target
        raise ArticleWriteError(f"too many files named {stem}{suffix} in {directory}")
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
