"""Find article files under a folder and load them: front matter or HTML, clean body, paragraphs, problems."""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

from dipreader.extract.text.textclean import clean_text
from dipreader.model.article import Article, ArticleMeta, Paragraph, PartialDate, Problem
from dipreader.sources.safe_read import (
    MAX_ARTICLE_BYTES as MAX_ARTICLE_BYTES,
)
from dipreader.sources.safe_read import (
    ReadRefused,
    article_id_of,
    assign_ids,
    read_article_bytes,
    walk_article_paths,
)
from dipreader.sources.safe_yaml import FIRST_YEAR, LAST_YEAR, FrontMatterError, load_front_matter
from dipreader.sources.text_meta import date_from_body, source_of, title_of

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_DATE_BASES = {"front-matter", "text", "dateline", "inferred"}


class ArticleFileError(Exception):
    """A file that cannot be read as an article; the message is the one-line reason."""


def find_article_files(root: Path) -> Iterator[Path]:
    """Every article file under root, recursively, in a stable order; hidden entries skipped."""
    return map(Path, find_article_paths(root))


def find_article_paths(root: Path) -> Iterator[str]:
    """`find_article_files` as strings: a rescan of 100,000 files spends less on path objects.
    Refused entries (see `scan_folder`) are left out."""
    paths, _refused = scan_folder(root)
    return iter(paths)


def scan_folder(root: Path) -> tuple[list[str], list[Problem]]:
    """The article files under `root` that may be read, in a stable order, and a Problem for each
    entry refused by the walk (FIFOs, devices, symlinks out, folders too deep) or whose id is
    taken by another file (`same.md` and `same.txt`)."""
    top = os.fspath(root)
    return accepted_and_refused(top, walk_article_paths(top, ARTICLE_SUFFIXES))


def accepted_and_refused(
    top: str, walked: Iterable[tuple[str, str | None]]
) -> tuple[list[str], list[Problem]]:
    """`scan_folder` of what a walk of the folder `top` (or of some of its folders) met."""
    refused: list[Problem] = []
    collisions: list[Problem] = []
    paths: list[str] = []
    # Files that share an id share a folder, and a walk meets each folder's files together: ids are
    # assigned a folder at a time (the whole library's ids and relative paths at once were 45 MiB
    # held for a moment at 100,000 files).
    for _folder, met in groupby(walked, key=lambda item: os.path.dirname(item[0])):
        accepted: list[str] = []
        for path, reason in met:
            if reason is None:
                accepted.append(path)
            else:
                refused.append(Problem(path, _id_or_empty(path, top), reason))
        relative = [os.path.relpath(path, top) for path in accepted]
        for path, assignment in zip(accepted, assign_ids(relative, ARTICLE_SUFFIXES), strict=True):
            if assignment.collision is None:
                paths.append(path)
            else:
                collisions.append(Problem(path, assignment.article_id, assignment.collision))
    return paths, refused + collisions


def _id_or_empty(path: str, root: str) -> str:
    relative = os.path.relpath(path, root)
    return "" if relative == "." else article_id_of(relative)


def article_id(path: Path, root: Path) -> str:
    """The path relative to the articles folder, without its suffix, with forward slashes."""
    return article_id_of(os.path.relpath(path, root))


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def decode_article_bytes(raw: bytes) -> str:
    """UTF-8 text (a BOM is dropped); raises ArticleFileError for empty, binary or undecodable data."""
    if not raw.strip():
        raise ArticleFileError("empty file")
    if b"\x00" in raw[:8192]:
        raise ArticleFileError("binary file (contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleFileError(
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start})"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Separate YAML front matter from the body; raises ArticleFileError when it is malformed."""
    yaml_text, body_start = _front_matter_span(text)
    if yaml_text is None:
        return {}, text
    try:
        loaded = load_front_matter(yaml_text)
    except FrontMatterError as error:
        raise ArticleFileError(str(error)) from None
    return dict(loaded), text[body_start:]


def _front_matter_span(text: str) -> tuple[str | None, int]:
    """The YAML text of the front matter (None when there is none) and where the body starts;
    raises ArticleFileError when the front matter is not closed. The YAML is not parsed."""
    if not text.startswith("---") or text[3:4] not in ("\n", " ", "\t"):
        return None, 0
    first_newline = text.find("\n")
    if first_newline < 0 or text[3:first_newline].strip():
        return None, 0
    closing = _FRONT_MATTER_END.search(text, first_newline + 1)
    if closing is None:
        raise ArticleFileError("front matter: no closing '---' line")
    body_start = closing.end()
    if text[body_start : body_start + 1] == "\n":
        body_start += 1
    return text[first_newline + 1 : closing.start()], body_start


def front_matter_date(value: object) -> PartialDate | None:
    """A front-matter date: a YAML date, a year number, or `YYYY[-MM[-DD]]`; None for null."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        date = PartialDate.from_date(value.date())
    elif isinstance(value, _dt.date):
        date = PartialDate.from_date(value)
    elif isinstance(value, int) and not isinstance(value, bool) and FIRST_YEAR <= value <= LAST_YEAR:
        date = PartialDate(value)
    else:
        try:
            date = PartialDate.parse(str(value))
        except ValueError:
            raise ArticleFileError(f"front matter: date {value!r} is not YYYY[-MM[-DD]]") from None
    if not within_years(date):
        raise ArticleFileError(f"front matter: date {date.iso()} is outside years {FIRST_YEAR}–{LAST_YEAR}")
    return date


def within_years(date: PartialDate) -> bool:
    """Whether an article date lies in the years dates are worked out for (1000–2999)."""
    return FIRST_YEAR <= date.year <= LAST_YEAR


def _optional_text(front: dict[str, Any], key: str) -> str | None:
    value = front.get(key)
    if value is None:
        return None
    cleaned = clean_text(str(value)).strip()
    return cleaned or None


def _tags(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list):
        raise ArticleFileError("front matter: tags must be a list")
    return tuple(clean_text(str(tag)).strip() for tag in value if str(tag).strip())


def split_paragraphs(body: str) -> tuple[Paragraph, ...]:
    """Paragraphs separated by blank lines, with offsets into the body, surrounding space trimmed."""
    paragraphs: list[Paragraph] = []
    position = 0
    for separator in [*_PARAGRAPH_BREAK.finditer(body), None]:
        end = separator.start() if separator else len(body)
        chunk = body[position:end]
        stripped_start = position + (len(chunk) - len(chunk.lstrip()))
        stripped_end = position + len(chunk.rstrip())
        if stripped_end > stripped_start:
            paragraphs.append(Paragraph(stripped_start, stripped_end, body[stripped_start:stripped_end]))
        if separator:
            position = separator.end()
    return tuple(paragraphs)


def parse_article(text: str, article_id_: str, path: str, size: int = 0, mtime: float = 0.0) -> Article:
    """Build an Article from decoded file text; raises ArticleFileError for malformed front matter."""
    front, raw_body = split_front_matter(text)
    body = clean_text(raw_body)
    if not body.strip():
        raise ArticleFileError("no article text after the front matter")
    date = front_matter_date(front.get("date"))
    basis = _optional_text(front, "date_basis")
    if basis is not None and basis not in _DATE_BASES:
        raise ArticleFileError(
            f"front matter: date_basis {basis!r} is not one of {', '.join(sorted(_DATE_BASES))}"
        )
    if date is not None:
        basis = basis or "front-matter"
    elif "date" in front:
        basis = None
    else:
        found = date_from_body(body)
        date, basis = (found.date, found.basis) if found else (None, None)
        if date is not None and not within_years(date):
            date, basis = None, None
    # What the front matter leaves out, the text may say: a dateline, an agency credit.
    given_title = _optional_text(front, "title")
    title = given_title or title_of(body).title
    source = _optional_text(front, "source")
    if "source" not in front:
        credited = source_of(body)
        source = credited[0] if credited else None
    meta = ArticleMeta(
        id=article_id_,
        path=path,
        title=title,
        date=date,
        date_basis=basis,
        source=source,
        author=_optional_text(front, "author"),
        place=_optional_text(front, "place"),
        url=_optional_text(front, "url"),
        tags=_tags(front.get("tags")),
        content_hash=content_hash(body),
        size=size,
        mtime=mtime,
    )
    return Article(meta=meta, body=body, paragraphs=split_paragraphs(body))


def is_html_file(path: str | Path) -> bool:
    return str(path).lower().endswith(HTML_SUFFIXES)


def parse_html_article(raw: bytes, article_id_: str, path: str, size: int = 0, mtime: float = 0.0) -> Article:
    """An Article from a saved web page: its main text and metadata (trafilatura), the rest from the text.

    Raises ArticleFileError when the page holds no article text.
    """
    from dipreader.sources.html import ExtractionError, extract_article
    from dipreader.sources.web import decode_body

    if not raw.strip():
        raise ArticleFileError("empty file")
    try:
        page = extract_article(decode_body(raw), None)
    except ExtractionError as error:
        raise ArticleFileError(str(error)) from None
    body = clean_text(page.text)
    date, basis = page.date, "text" if page.date else None
    if date is not None and not within_years(date):
        date, basis = None, None
    if date is None:
        found = date_from_body(body)
        date, basis = (found.date, found.basis) if found else (None, None)
    source = page.sitename
    if source is None:
        credited = source_of(body)
        source = credited[0] if credited else page.hostname
    meta = ArticleMeta(
        id=article_id_,
        path=path,
        title=title_of(body, page.title).title,
        date=date,
        date_basis=basis,
        source=source,
        author=page.author,
        url=page.url,
        content_hash=content_hash(body),
        size=size,
        mtime=mtime,
    )
    return Article(meta=meta, body=body, paragraphs=split_paragraphs(body))


def read_article(path: Path, root: Path) -> Article | Problem:
    """Load one file (text with front matter, or a saved web page); anything wrong is a Problem,
    never an exception. Only a regular file inside `root` is read, and no more than
    MAX_ARTICLE_BYTES of it."""
    identifier = article_id(path, root)
    try:
        read = read_article_bytes(path, root, MAX_ARTICLE_BYTES)
        if is_html_file(path):
            return parse_html_article(read.data, identifier, str(path), read.size, read.mtime)
        text = decode_article_bytes(read.data)
        return parse_article(text, identifier, str(path), read.size, read.mtime)
    except (ArticleFileError, ReadRefused) as error:
        return Problem(str(path), identifier, str(error))


def read_scanned_article(meta: ArticleMeta, root: Path) -> Article | Problem:
    """`read_article` of a file the folder scan has parsed into `meta`: when the body read now
    hashes to the scan's content hash, the scan's metadata is kept and the front matter is not
    parsed again; a file changed since the scan is parsed afresh from the bytes read now."""
    path = Path(meta.path)
    identifier = article_id(path, root)
    if is_html_file(path) or identifier != meta.id or not meta.content_hash:
        return read_article(path, root)
    try:
        read = read_article_bytes(path, root, MAX_ARTICLE_BYTES)
        text = decode_article_bytes(read.data)
        _yaml_text, body_start = _front_matter_span(text)
        body = clean_text(text[body_start:])
        if body.strip() and content_hash(body) == meta.content_hash:
            return Article(meta=meta, body=body, paragraphs=split_paragraphs(body))
        return parse_article(text, identifier, str(path), read.size, read.mtime)
    except (ArticleFileError, ReadRefused) as error:
        return Problem(str(path), identifier, str(error))


def read_body(path: Path, root: Path) -> str | None:
    """Only the cleaned body of an article file (no title or date work); None if it cannot be read."""
    if is_html_file(path):
        loaded = read_article(path, root)
        return loaded.body if isinstance(loaded, Article) else None
    try:
        _front, raw_body = split_front_matter(decode_article_bytes(read_article_bytes(path, root).data))
    except (ArticleFileError, ReadRefused):
        return None
    return clean_text(raw_body)


def newest_first_key(meta: ArticleMeta) -> tuple[int, tuple[int, int, int], str]:
    """Sort key: dated articles newest first, undated last, then by title."""
    if meta.date is None:
        return (1, (0, 0, 0), meta.title.lower())
    year, month, day = meta.date.sort_key()
    return (0, (-year, -month, -day), meta.title.lower())


class FolderSource:
    """Articles as files under a folder: `.md`, `.markdown`, `.txt` with their front matter, and saved
    web pages (`.html`, `.htm`) through the same extraction as `dipreader add`."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._refused: tuple[Problem, ...] = ()

    @property
    def root(self) -> Path:
        return self._root

    def entries(self) -> Iterator[str]:
        paths, refused = scan_folder(self._root)
        self._refused = tuple(refused)
        return iter(paths)

    def refused(self) -> tuple[Problem, ...]:
        """The entries the last `entries()` left out, each with its reason."""
        return self._refused

    def read(self, entry: str) -> Article | Problem:
        return read_article(Path(entry), self._root)
