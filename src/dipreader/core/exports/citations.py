"""Articles as citations Zotero imports: CSL-JSON, BibTeX and RIS, each written a citation at a time."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from dipreader.core.exports.authors import Name, split_authors
from dipreader.core.exports.records import ArticleRecord, clean_article, date_parts

CSL_TYPE = "article-newspaper"
_MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_KEY_STOP_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "with"})


Write = Callable[[str], None]


def _cleaned(articles: Iterable[ArticleRecord]) -> Iterator[ArticleRecord]:
    """Each article cleaned, the first of each id only, as it comes."""
    seen: set[str] = set()
    for article in map(clean_article, articles):
        if article.id not in seen:
            seen.add(article.id)
            yield article


def _collected(
    writer: Callable[[Write, Iterable[ArticleRecord]], None], articles: Iterable[ArticleRecord]
) -> str:
    parts: list[str] = []
    writer(parts.append, articles)
    return "".join(parts)


def _joined(write: Write, pieces: Iterable[str], separator: str) -> None:
    """What `write(separator.join(pieces))` writes, a piece at a time."""
    for number, piece in enumerate(pieces):
        write(piece if number == 0 else separator + piece)


# CSL-JSON


def _csl_name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    return {"family": name.family, "given": name.given}


def csl_item(article: ArticleRecord) -> dict[str, Any]:
    """One CSL-JSON item: id, type, title, container-title (the outlet), author, issued, URL."""
    article = clean_article(article)
    item: dict[str, Any] = {"id": article.id, "type": CSL_TYPE, "title": article.title}
    if article.source:
        item["container-title"] = article.source
    authors = split_authors(article.author)
    if authors:
        item["author"] = [_csl_name(name) for name in authors]
    parts = date_parts(article.date)
    if parts:
        item["issued"] = {"date-parts": [list(parts)]}
    if article.url:
        item["URL"] = article.url
    if article.tags:
        item["keyword"] = ", ".join(article.tags)
    return item


def write_csl_json(write: Write, articles: Iterable[ArticleRecord]) -> None:
    """A CSL-JSON array, one item per article (first of each id), written item by item."""
    from dipreader.core.json_stream import write_json_array

    write_json_array(write, map(csl_item, _cleaned(articles)))
    write("\n")


def export_csl_json(articles: Iterable[ArticleRecord]) -> str:
    return _collected(write_csl_json, articles)


# BibTeX

_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",  # not \{ : BibTeX counts a brace as a brace, escaped or not
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in _BIBTEX_SPECIALS))


def bibtex_escape(text: str) -> str:
    """Text for a braced BibTeX value: LaTeX specials escaped, braces always balanced."""
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX_SPECIALS[match.group()], text)


def _protect_case(escaped: str) -> str:
    """Words with capitals (after the first word's initial) braced, so styles keep their case."""
    words = escaped.split(" ")
    protected: list[str] = []
    for index, word in enumerate(words):
        capitals = word[1:] if index == 0 else word
        has_capital = any(char.isupper() for char in capitals)
        protected.append(f"{{{word}}}" if has_capital and "\\" not in word else word)
    return " ".join(protected)


def _bibtex_url(url: str) -> str:
    return re.sub(r"[{}\\\s]", lambda match: f"%{ord(match.group()):02X}", url)


def _bibtex_name(name: Name) -> str:
    if name.literal:
        return "{" + bibtex_escape(name.literal) + "}"
    return f"{bibtex_escape(name.family)}, {bibtex_escape(name.given)}"


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.casefold())


def _key_base(article: ArticleRecord) -> str:
    authors = split_authors(article.author)
    who = authors[0].family or authors[0].literal if authors else article.source or ""
    who_word = next((word for word in map(_ascii_word, who.split()) if word), "")
    parts = date_parts(article.date)
    year = str(parts[0]) if parts else ""
    words = [_ascii_word(word) for word in article.title.split()]
    title_word = next((word for word in words if word and word not in _KEY_STOP_WORDS), "")
    base = f"{who_word}{year}{title_word}"
    return base if base[:1].isalpha() else f"article{base}"


def bibtex_entry(article: ArticleRecord, key: str) -> str:
    """@article (with journal) when the outlet is known, else @misc (with howpublished)."""
    article = clean_article(article)
    fields: list[tuple[str, str]] = []
    authors = split_authors(article.author)
    if authors:
        fields.append(("author", " and ".join(map(_bibtex_name, authors))))
    fields.append(("title", _protect_case(bibtex_escape(article.title))))
    if article.source:
        fields.append(("journal", bibtex_escape(article.source)))
    elif article.url:
        fields.append(("howpublished", "\\url{" + _bibtex_url(article.url) + "}"))
    parts = date_parts(article.date)
    if parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", _MONTH_MACROS[parts[1] - 1]))
        fields.append(("date", article.date or ""))
    if article.url:
        fields.append(("url", _bibtex_url(article.url)))
    if article.tags:
        fields.append(("keywords", ", ".join(map(bibtex_escape, article.tags))))
    kind = "article" if article.source else "misc"
    body = ",\n".join(f"  {name} = {_braced(name, value)}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _braced(name: str, value: str) -> str:
    if name == "month" or (name == "year" and value.isdigit()):
        return value  # a month macro (apr), a bare year
    return f"{{{value}}}"


def _bibtex_entries(articles: Iterable[ArticleRecord]) -> Iterator[str]:
    used: set[str] = set()
    next_suffix: dict[str, int] = {}
    for article in _cleaned(articles):
        base = key = _key_base(article)
        while key in used:
            suffix = next_suffix.get(base, 0)
            next_suffix[base] = suffix + 1
            key = base + _letters(suffix)
        used.add(key)
        yield bibtex_entry(article, key)


def write_bibtex(write: Write, articles: Iterable[ArticleRecord]) -> None:
    """One entry per article, keys unique (`smith2024talks`, then `smith2024talksa`, ...), written
    entry by entry (the keys used so far are what is held)."""
    _joined(write, _bibtex_entries(articles), "\n")


def export_bibtex(articles: Iterable[ArticleRecord]) -> str:
    return _collected(write_bibtex, articles)


def _letters(number: int) -> str:
    """a, b, ..., z, aa, ab, ..."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


# RIS


def _ris_name(name: Name) -> str:
    return name.literal or f"{name.family}, {name.given}"


def ris_record(article: ArticleRecord) -> str:
    """A RIS record: TY NEWS, title, authors, outlet (T2), year and date, URL, keywords, ER."""
    article = clean_article(article)
    lines = [("TY", "NEWS"), ("ID", article.id), ("TI", article.title)]
    lines += [("AU", _ris_name(name)) for name in split_authors(article.author)]
    if article.source:
        lines.append(("T2", article.source))
    parts = date_parts(article.date)
    if parts:
        lines.append(("PY", f"{parts[0]:04d}"))
        month = f"{parts[1]:02d}" if len(parts) > 1 else ""
        day = f"{parts[2]:02d}" if len(parts) > 2 else ""
        lines.append(("DA", f"{parts[0]:04d}/{month}/{day}/"))
    if article.url:
        lines.append(("UR", article.url))
    lines += [("KW", tag) for tag in article.tags]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)


def write_ris(write: Write, articles: Iterable[ArticleRecord]) -> None:
    """One RIS record per article (first of each id), written record by record."""
    _joined(write, map(ris_record, _cleaned(articles)), "\n")


def export_ris(articles: Iterable[ArticleRecord]) -> str:
    return _collected(write_ris, articles)
