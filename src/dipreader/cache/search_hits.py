"""Search results: what a hit shows (title, date, source, snippet with matches marked), where it points."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from dipreader.cache.search_write import MARK_END, MARK_START
from dipreader.model.article import PartialDate

Kind = Literal["article", "note"]
SNIPPET_CHARS = 160
_MARKS = re.compile(f"[{MARK_START}{MARK_END}]")
_CHOSEN = "SELECT value FROM json_each(?)"


@dataclass(frozen=True, slots=True)
class Hit:
    """One result. `snippet` marks matches with MARK_START / MARK_END; `start`/`end` are body offsets
    of the first match (for a note: of its passage), None when no word matched the body."""

    kind: Kind
    article_id: str
    title: str
    date: PartialDate | None
    source: str | None
    score: float  # higher is better; 0 when the query has no words
    snippet: str
    start: int | None
    end: int | None
    note_id: str | None = None

    def snippet_spans(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is a match) pieces, for highlighting."""
        return snippet_spans(self.snippet)

    def to_json(self) -> dict[str, object]:
        """`{kind, article, [note,] title, date, source, score, snippet, matches, start, end}`: the
        snippet without marks, `matches` its [start, end) character ranges."""
        plain, ranges = "", []
        for text, marked in self.snippet_spans():
            if marked:
                ranges.append([len(plain), len(plain) + len(text)])
            plain += text
        row: dict[str, object] = {"kind": self.kind, "article": self.article_id}
        if self.note_id is not None:
            row["note"] = self.note_id
        row.update(
            title=self.title,
            date=self.date.iso() if self.date else None,
            source=self.source,
            score=round(self.score, 4),
            snippet=plain,
            matches=ranges,
            start=self.start,
            end=self.end,
        )
        return row


def snippet_spans(snippet: str) -> list[tuple[str, bool]]:
    return [(piece, index % 2 == 1) for index, piece in enumerate(_MARKS.split(snippet)) if piece]


def window(marked: str, width: int = SNIPPET_CHARS) -> str:
    """About `width` characters of `marked` around its first match, cut at spaces, on one line."""
    first = marked.find(MARK_START)
    if first < 0:
        first = 0
    start = max(0, first - width // 3)
    if start:
        space = marked.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and first - space < width // 2 else start
    end = min(len(marked), start + width)
    if marked.rfind(MARK_START, start, end) > marked.rfind(MARK_END, start, end):  # do not cut a match
        closing = marked.find(MARK_END, end)
        end = closing + 1 if closing >= 0 else len(marked)
    elif end < len(marked):
        space = marked.find(" ", end)
        end = space if 0 <= space < end + 20 else end
    text = " ".join(marked[start:end].split())
    return ("…" if start else "") + text + ("…" if end < len(marked) else "")


@dataclass(frozen=True, slots=True)
class _Row:
    kind: Kind
    key: str
    article_id: str
    title: str
    date: str | None
    source: str | None
    anchor: tuple[int | None, int | None]
    lead: str


def build_hits(
    connection: sqlite3.Connection, ranked: Sequence[tuple[int, float | None]], rank: str | None
) -> list[Hit]:
    """The hits for `ranked` (doc id, bm25 or None), in that order; `rank` marks the words to show."""
    if not ranked:
        return []
    chosen = json.dumps([doc for doc, _score in ranked])
    rows = {
        doc: _Row(kind, key, article_id, title, date, source, (start, end), lead)
        for doc, kind, key, article_id, title, date, source, start, end, lead in connection.execute(
            "SELECT d.id, d.kind, d.key, d.article_id, COALESCE(at.title, t.title), d.date, d.source,"
            " d.anchor_start, d.anchor_end,"
            " CASE d.kind WHEN 'note' THEN substr(t.notes, 1, ?) ELSE substr(t.body, 1, ?) END"
            " FROM docs d JOIN docs_text t ON t.id = d.id"
            " LEFT JOIN docs a ON d.kind = 'note' AND a.kind = 'article' AND a.key = d.article_id"
            f" LEFT JOIN docs_text at ON at.id = a.id WHERE d.id IN ({_CHOSEN})",
            (SNIPPET_CHARS * 2, SNIPPET_CHARS * 2, chosen),
        )
    }
    marked: dict[int, tuple[str, str, str, str]] = {}
    if rank is not None:
        marks = ", ".join(f"highlight(docs_fts, {column}, char(2), char(3))" for column in range(4))
        for doc, *columns in connection.execute(
            f"SELECT rowid, {marks} FROM docs_fts WHERE docs_fts MATCH ? AND rowid IN ({_CHOSEN})",
            (rank, chosen),
        ):
            marked[doc] = (columns[0], columns[1], columns[2], columns[3])
    return [_hit(rows[doc], score, marked.get(doc)) for doc, score in ranked if doc in rows]


def _hit(row: _Row, score: float | None, marked: tuple[str, str, str, str] | None) -> Hit:
    snippet = window(row.lead)
    start, end = row.anchor if row.kind == "note" else (None, None)
    if marked is not None:
        title, body, notes, tags = marked
        order = (body, title, tags) if row.kind == "article" else (notes, body, tags)
        shown = next((text for text in order if MARK_START in text), None)
        if shown is not None:
            snippet = window(shown)
        if row.kind == "article" and (first := body.find(MARK_START)) >= 0:
            start, end = first, body.index(MARK_END, first) - 1
    return Hit(
        kind=row.kind,
        article_id=row.article_id,
        title=row.title,
        date=PartialDate.parse(row.date) if row.date else None,
        source=row.source,
        score=-score if score is not None else 0.0,
        snippet=snippet,
        start=start,
        end=end,
        note_id=row.key if row.kind == "note" else None,
    )
