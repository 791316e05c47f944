"""A temporal expression found in a text, normalised to a partial date (the extractors' output)."""

from __future__ import annotations

from dataclasses import dataclass

from dipreader.model.article import PartialDate


@dataclass(frozen=True, slots=True)
class TemporalExpression:
    """A time reference in the text with its normalised value (None when unresolved)."""

    text: str
    start: int
    end: int
    kind: str
    value: PartialDate | None
    end_value: PartialDate | None = None
    modifier: str | None = None
    resolved: bool = True
    datable: bool = True
