"""What a library already holds, by URL and by normalised text, read one file and one line at a time."""

from __future__ import annotations

import hashlib
import io
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dipreader.extract.text.textclean import clean_text
from dipreader.model.article import Article
from dipreader.sources.files import find_article_paths, is_html_file, read_article
from dipreader.sources.safe_read import ReadRefused, read_article_bytes
from dipreader.sources.safe_yaml import FrontMatterError, load_front_matter

_WORDS = re.compile(r"\w+")
_URL_LINE = re.compile(rb"^(?:url|canonical_url)[ \t]*:")
_FRONT_MATTER_FENCE = (b"---", b"...")
_TRACKING_PARAMETERS = re.compile(r"^(?:utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.I)


def normalise_url(url: str) -> str:
    """A URL reduced for comparison: lower-case scheme and host, no fragment, no tracking parameters."""
    parts = urllib.parse.urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    default_port = {"http": 80, "https": 443}.get(parts.scheme.lower())
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, default_port) else f"{host}:{port}"
    query = urllib.parse.urlencode(
        [
            (k, v)
            for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMETERS.match(k)
        ]
    )
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urllib.parse.urlunsplit((scheme, netloc, parts.path.rstrip("/") or "/", query, ""))


class _TextHasher:
    """A hash of the words of a text, lower-cased, fed line by line so a file need not be held whole."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.words = 0

    def feed(self, line: str) -> None:
        words = _WORDS.findall(clean_text(line).casefold())
        if words:
            self._hash.update((" ".join(words) + " ").encode("utf-8"))
            self.words += len(words)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def normalised_text_hash(text: str) -> str:
    """The same hash for texts that differ only in case, spacing, punctuation or line breaks."""
    hasher = _TextHasher()
    for line in text.splitlines():
        hasher.feed(line)
    return hasher.hexdigest()


def _scan_file(path: str, root: Path) -> tuple[list[str], str | None]:
    """(front-matter url and canonical_url, normalised body hash) of an article file, read line by
    line from its bytes (read within the loader's bounds: a regular file, capped)."""
    urls: list[str] = []
    hasher = _TextHasher()
    try:
        data = read_article_bytes(path, root).data
    except ReadRefused as error:
        raise OSError(str(error)) from None
    with io.BytesIO(data) as handle:
        first = handle.readline()
        lines: Iterator[bytes] = iter(handle)
        if first.rstrip() == b"---":
            in_front: list[bytes] = []
            for line in lines:
                if line.rstrip() in _FRONT_MATTER_FENCE:
                    break
                in_front.append(line)
                if _URL_LINE.match(line) and (url := _front_matter_url(line)):
                    urls.append(url)
            else:
                # No closing fence: not front matter after all, so it is all body.
                urls = []
                for line in (first, *in_front):
                    hasher.feed(line.decode("utf-8", "replace"))
        else:
            hasher.feed(first.decode("utf-8-sig", "replace"))
        for line in lines:
            hasher.feed(line.decode("utf-8", "replace"))
    return urls, (hasher.hexdigest() if hasher.words else None)


def _scan_page(path: str, root: Path) -> tuple[list[str], str | None]:
    """A saved web page is known by the address it gives and the text extraction finds in it."""
    loaded = read_article(Path(path), root)
    if not isinstance(loaded, Article):
        return [], None
    return [loaded.meta.url] if loaded.meta.url else [], normalised_text_hash(loaded.body)


def _front_matter_url(line: bytes) -> str | None:
    try:
        loaded = load_front_matter(line.decode("utf-8", "replace"))
    except FrontMatterError:
        return None
    value = next(iter(loaded.values()), None) if isinstance(loaded, dict) else None
    return (value.strip() or None) if isinstance(value, str) else None


@dataclass
class LibraryIndex:
    """The URLs and text hashes of the articles in a library, to find what is already there."""

    root: Path
    by_url: dict[str, str] = field(default_factory=dict)
    by_text: dict[str, str] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)

    @classmethod
    def scan(cls, root: Path) -> LibraryIndex:
        """Read every article file under `root` once, keeping only its URL and text hash."""
        index = cls(root)
        if not root.is_dir():
            return index
        for path in find_article_paths(root):
            try:
                urls, digest = _scan_page(path, root) if is_html_file(path) else _scan_file(path, root)
            except OSError:
                index.unreadable.append(path)
                continue
            index.remember(article_id(Path(path), root), urls, digest)
        return index

    def remember(self, article_id: str, urls: Iterable[str | None], text_hash: str | None) -> None:
        """Record an article (the first one to claim a URL or a text keeps it)."""
        for address in urls:
            if address:
                self.by_url.setdefault(normalise_url(address), article_id)
        if text_hash:
            self.by_text.setdefault(text_hash, article_id)

    def duplicate_of(self, urls: Iterable[str | None], body: str) -> tuple[str, str] | None:
        """(existing article id, reason) when one of the URLs or the text is already in the library."""
        for address in urls:
            if address and (existing := self.by_url.get(normalise_url(address))):
                return existing, f"same URL as {existing}"
        existing = self.by_text.get(normalised_text_hash(body))
        if existing:
            return existing, f"same text as {existing}"
        return None


def article_id(path: Path, root: Path) -> str:
    """The id of an article file: its path under the library without the suffix, with forward slashes."""
    return path.relative_to(root).with_suffix("").as_posix()
