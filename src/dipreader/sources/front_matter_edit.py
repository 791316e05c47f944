"""Change an article file's front matter in place, atomically, with the body kept byte for byte."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

import yaml

from dipreader.model.article import ArticleMeta, PartialDate
from dipreader.sources.article_file import yaml_date
from dipreader.sources.files import MAX_ARTICLE_BYTES, ArticleFileError, is_html_file
from dipreader.sources.safe_yaml import FrontMatterError, load_front_matter

_BOM = "\ufeff"
_OPENING = re.compile(r"---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", re.MULTILINE)


def _split(text: str) -> tuple[dict[str, object], str]:
    """(front matter, the body exactly as written); no front matter gives ({}, the whole text)."""
    opening = _OPENING.match(text)
    if opening is None:
        return {}, text
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        raise ArticleFileError("front matter: no closing '---' line")
    try:
        loaded = load_front_matter(text[opening.end() : closing.start()])
    except FrontMatterError as error:
        raise ArticleFileError(str(error)) from None
    return dict(loaded), text[closing.end() :]


def metadata_changes(meta: ArticleMeta, title: str, date: str, source: str, tags: str) -> dict[str, object]:
    """The front-matter keys for what an edit form holds; an unchanged date keeps its basis.

    Raises ArticleFileError for an empty title or a date that is not YYYY[-MM[-DD]].
    """
    title = " ".join(title.split())
    if not title:
        raise ArticleFileError("an article needs a title")
    parsed: PartialDate | None = None
    if date.strip():
        try:
            parsed = PartialDate.parse(date)
        except ValueError:
            raise ArticleFileError(f"date {date.strip()!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None
    basis = meta.date_basis if parsed == meta.date else ("front-matter" if parsed else None)
    return {
        "title": title,
        "date": yaml_date(parsed),
        "date_basis": basis if parsed else None,
        "source": " ".join(source.split()) or None,
        "tags": list(dict.fromkeys(tag.strip() for tag in tags.split(",") if tag.strip())),
    }


def update_front_matter(path: Path, changes: Mapping[str, object]) -> None:
    """Set these front-matter keys (None writes null), keep every other key, and the body as it is.

    The new file replaces the old one in one rename, so a reader sees the old file or the new one.
    Raises ArticleFileError for a saved web page or a file that cannot be read as an article, and
    OSError when the folder cannot be written.
    """
    if is_html_file(path):
        raise ArticleFileError(
            "a saved web page keeps its metadata in the page; add it as Markdown to edit it"
        )
    raw = path.read_bytes()
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ArticleFileError("too large to edit")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ArticleFileError("not UTF-8 text") from None
    bom = _BOM if text.startswith(_BOM) else ""
    front, body = _split(text.removeprefix(_BOM))
    front.update(changes)
    header = yaml.safe_dump(
        front, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000
    )
    _replace(path, f"{bom}---\n{header}---\n".encode() + body.encode("utf-8"))


def _replace(path: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".editing-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
