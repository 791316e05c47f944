"""Metadata an article's own text gives when nothing better exists: title, date and outlet."""

from __future__ import annotations

from dataclasses import dataclass

from dipreader.extract.text.textclean import title_from_body
from dipreader.model.article import PartialDate
from dipreader.sources.wire import outlet_from_text, strip_title_dateline, wire_date


@dataclass(frozen=True)
class FoundDate:
    """A date read from the text; `basis` is a date_basis value, `how` says where it was found."""

    date: PartialDate
    basis: str
    how: str


@dataclass(frozen=True)
class FoundTitle:
    """A title without its dateline; `how` says where it came from and what was taken off."""

    title: str
    how: str


def date_from_body(body: str) -> FoundDate | None:
    """The chronology's rules for a publication date first, then the wire dateline's."""
    from dipreader.extract.dates.pubdate import infer_publication_date

    date, basis = infer_publication_date(body)
    if date is not None and basis is not None:
        return FoundDate(date, basis, "the text")
    wired = wire_date(body)
    if wired is not None:
        return FoundDate(wired.date, wired.basis, wired.evidence)
    return None


def title_of(body: str, given: str | None = None, given_how: str = "given") -> FoundTitle:
    """The given title, else the first line or sentence, in both cases without a leading dateline."""
    how = given_how
    if not given:
        # The dateline comes off before the first sentence is cut to a title's length.
        lead = strip_title_dateline(body)
        given, how = title_from_body(lead.title), "the first line"
        if lead.removed:
            how += f", dateline '{lead.removed}' removed"
    stripped = strip_title_dateline(given)
    if stripped.removed:
        how += f", dateline '{stripped.removed}' removed"
    return FoundTitle(stripped.title, how)


def source_of(body: str) -> tuple[str, str] | None:
    """(outlet, how) from an agency credit in the text: "(Reuters)", "— Xinhua", "Trend reports"."""
    outlet = outlet_from_text(body)
    return None if outlet is None else (outlet.name, outlet.basis)
