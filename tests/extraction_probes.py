"""What the extractors say about a test sentence, in the plain shapes the cause tests compare."""

from __future__ import annotations

from dipreader.extract.dates.dateline import find_furniture
from dipreader.extract.entities import extract_entities
from dipreader.extract.events import find_events
from dipreader.model.article import PartialDate
from dipreader.model.knowledge import Knowledge, bundled_knowledge

EMPTY = Knowledge(people=(), sectors=bundled_knowledge().sectors)
"""The bundled sectors and no known person: what the text alone gives."""


def page_dates(body: str, *, datelines: bool = True) -> list[tuple[str, int | None, int, int]]:
    """(kind, year, month, day) of each date of the page's furniture, in order."""
    return [
        (f.kind, f.year, f.month, f.day) for f in find_furniture(body) if datelines or f.kind != "dateline"
    ]


def events(body: str, date: PartialDate | None) -> list[tuple[str, str, str]]:
    """(expression, ISO date, status) of each event of `body` published on `date`."""
    return [(e.expression, e.date.iso(), e.status) for e in find_events("a", body, date)]


def sector_keys(text: str) -> set[str]:
    return {mention.sector for mention in extract_entities(text, EMPTY).sectors}
