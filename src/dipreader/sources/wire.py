"""Metadata a wire story carries in its text: the agency credit, the dateline, the date in the body."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from dipreader.extract.dates.datewords import DAY_RE, MONTH_RE, YEAR_RE, day_number, month_number
from dipreader.extract.dates.tense import clause_status
from dipreader.extract.text.sentences import sentence_at, sentence_spans
from dipreader.model.article import PartialDate

# Credits sit in the first lines or on the last one; further in, a name is a citation.
_LEAD_CHARS = 600
_TAIL_LINES = 3
_CAPS_WORD = r"[A-Z][A-Z'’.\-]+"
_WORD = r"[A-Z][A-Za-z'’.\-]*"
# The first part of a dateline is in capitals (BERLIN, WASHINGTON, BAKU); a region may follow.
_PLACE = rf"{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,3}}(?:,[ \t]*{_WORD}(?:[ \t]+{_WORD}){{0,3}}){{0,2}}"
_AGENCY = r"[A-Za-z][A-Za-z0-9&.\-]{0,24}(?:[ /][A-Z][A-Za-z0-9&.\-]{0,24}){0,3}"
_DATE = (
    rf"(?:(?P<m1>{MONTH_RE})\.?[ \t]+(?P<d1>{DAY_RE})(?:,?[ \t]+(?P<y1>{YEAR_RE}))?"
    rf"|(?P<d2>{DAY_RE})[ \t]+(?P<m2>{MONTH_RE})\.?(?:,?[ \t]+(?P<y2>{YEAR_RE}))?)"
)
_SEPARATOR = r"[ \t]*(?:—|–|--|-|:)?[ \t]*"
_WIRE_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>{_PLACE})(?:[,.]?[ \t]*{_DATE})?[.,]?[ \t]*"
    rf"(?:\((?P<agency>{_AGENCY})\)|/(?P<slashed>{_AGENCY})/\.?)"
    rf"{_SEPARATOR}"
)
# Without a credit a dateline needs a date or a dash to be one ("UN: talks fail" is a headline).
_PLAIN_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>{_PLACE})(?:(?:,[ \t]*{_DATE}[.,]?{_SEPARATOR})|(?:[ \t]*(?:—|–|--)[ \t]*))"
)
_BARE_CREDIT = re.compile(rf"^[ \t]*\((?P<agency>{_AGENCY})\){_SEPARATOR}")
# "MENAFN - Trend News Agency)": an aggregator and the outlet it republishes.
_AGGREGATOR = re.compile(r"\b(?P<aggregator>[A-Z][A-Za-z]{2,})[ \t]*-[ \t]*(?P<outlet>[A-Z][^()\n]{1,60}?)\)")
_PAGE_DATE_PREFIX = re.compile(
    rf"^[ \t]*date[ \t]+(?:[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}|{YEAR_RE})[ \t]*", re.I
)
# A credit clause stands apart: ", Trend reports, referring to ..."; "Italy reports a rise" is news.
_REPORTS = re.compile(
    r"(?:^|[,;][ \t]+|[.][ \t]+)(?P<name>[A-Z][A-Za-z0-9&'’\-]*(?:\.[a-z]{2,})?"
    r"(?:[ \t]+[A-Z][A-Za-z0-9&'’\-]*){0,3})[ \t]+(?:reports|informs)\b"
    r"(?=[ \t]*(?:[,.;]|$|with[ \t]+reference|referring|citing|quoting))",
    re.M,
)
_TAIL_CREDIT = re.compile(
    rf"^[ \t]*(?:(?:—|–|--|-)[ \t]*(?P<dashed>{_AGENCY})|\((?P<bracketed>{_AGENCY})\)"
    rf"|Source:[ \t]*(?P<sourced>{_AGENCY}))[ \t]*\.?[ \t]*$"
)
# Words that begin a "... reports" clause without naming an outlet.
_NOT_OUTLETS = frozenset(
    {
        "he", "she", "it", "they", "this", "that", "there", "who", "which", "what", "media", "ministry",
        "agency", "service", "office", "government", "embassy", "department", "police", "army",
        "correspondent", "reporter", "source", "sources",
    }
)  # fmt: skip
# Credits that are abbreviations of agencies known by their full names.
_AGENCY_NAMES = {
    "AP": "Associated Press",
    "AFP": "Agence France-Presse",
    "AA": "Anadolu Agency",
    "UPI": "United Press International",
    "PTI": "Press Trust of India",
    "ANI": "Asian News International",
}
_FULL_DATE = re.compile(
    rf"(?P<md>(?P<m1>{MONTH_RE})\.?\s+(?P<d1>{DAY_RE}),?\s+(?P<y1>{YEAR_RE}))"
    rf"|(?P<dm>(?P<d2>{DAY_RE})\s+(?:of\s+)?(?P<m2>{MONTH_RE})\.?,?\s+(?P<y2>{YEAR_RE}))"
    rf"|(?P<iso>(?<![0-9\-])(?P<y3>{YEAR_RE})-(?P<m3>0[1-9]|1[0-2])-(?P<d3>0[1-9]|[12][0-9]|3[01]))"
)
_HISTORICAL = re.compile(r"\b(?:anniversary|established|founded|ago|history|since)\b", re.I)
# A dateline's day and month lie at most this far after a dated event the body reports.
_DATELINE_WINDOW_DAYS = 183


@dataclass(frozen=True)
class Outlet:
    """An outlet named by a credit in the text; `basis` says which credit."""

    name: str
    basis: str


@dataclass(frozen=True)
class StrippedTitle:
    """A title without its dateline; `removed` is the dateline taken off, None when there was none."""

    title: str
    removed: str | None


@dataclass(frozen=True)
class WireDateline:
    """The dateline at the top of a wire story: place, day and month if given, and the agency."""

    place: str
    month: int | None
    day: int | None
    year: int | None
    agency: str
    end: int


@dataclass(frozen=True)
class WireDate:
    """A date the text gives; `basis` is a date_basis value (text, dateline, inferred)."""

    date: PartialDate
    basis: str
    evidence: str


def _agency_name(credit: str) -> str:
    credit = credit.strip()
    return _AGENCY_NAMES.get(credit, credit)


def _date_parts(match: re.Match[str]) -> tuple[int | None, int | None, int | None]:
    groups = match.groupdict()
    if groups.get("m1"):
        year = int(groups["y1"]) if groups.get("y1") else None
        return year, month_number(groups["m1"]), day_number(groups["d1"])
    if groups.get("m2"):
        year = int(groups["y2"]) if groups.get("y2") else None
        return year, month_number(groups["m2"]), day_number(groups["d2"])
    return None, None, None


def _top(body: str) -> tuple[str, int]:
    """The first non-blank line, after any "date YYYY-MM-DD" page furniture, and its offset."""
    offset = len(body) - len(body.lstrip())
    prefix = _PAGE_DATE_PREFIX.match(body, offset)
    if prefix:
        offset = prefix.end()
    line_end = body.find("\n", offset)
    return body[offset : line_end if line_end >= 0 else len(body)], offset


def find_wire_dateline(body: str) -> WireDateline | None:
    """ "BERLIN (AP) —", "MOSCOW, Sept 13 (Reuters) -", "MOSCOW, June 5. /TASS/." at the top of `body`."""
    line, offset = _top(body)
    match = _WIRE_DATELINE.match(line)
    if not match:
        return None
    year, month, day = _date_parts(match)
    agency = match.group("agency") or match.group("slashed")
    return WireDateline(match.group("place"), month, day, year, agency, offset + match.end())


def outlet_from_text(body: str) -> Outlet | None:
    """The outlet a credit names: in the dateline, an aggregator line, a "... reports" lead, the last line."""
    line, _ = _top(body)
    dateline = _WIRE_DATELINE.match(line)
    if dateline:
        credit = dateline.group("agency") or dateline.group("slashed")
        shown = f"({credit})" if dateline.group("agency") else f"/{credit}/"
        return Outlet(_agency_name(credit), f"dateline credit {shown}")
    bare = _BARE_CREDIT.match(line)
    if bare:
        return Outlet(_agency_name(bare.group("agency")), f"credit ({bare.group('agency')})")
    lead = body[:_LEAD_CHARS]
    aggregated = _AGGREGATOR.search(lead[:200])
    if aggregated:
        outlet = " ".join(aggregated.group("outlet").split())
        aggregator = aggregated.group("aggregator")
        return Outlet(f"{outlet} (via {aggregator})", f"aggregator credit '{aggregated.group(0)}'")
    first_paragraph = lead.split("\n\n", 1)[0] if lead.strip() else lead
    for reported in _REPORTS.finditer(first_paragraph):
        name = reported.group("name")
        if name.split()[0].lower() in _NOT_OUTLETS:
            continue
        return Outlet(name, f"credit '{name} {reported.group(0).split()[-1]}'")
    tail = [line for line in body.rstrip().splitlines()[-_TAIL_LINES:] if line.strip()]
    if tail:
        credit = _TAIL_CREDIT.match(tail[-1])
        if credit:
            name = credit.group("dashed") or credit.group("bracketed") or credit.group("sourced")
            return Outlet(_agency_name(name), f"closing credit '{tail[-1].strip()}'")
    return None


def strip_title_dateline(title: str) -> StrippedTitle:
    """The title without a leading dateline ("BERLIN (AP) — ", "BAKU, Azerbaijan, April 9. ")."""
    text = title.strip()
    removed: list[str] = []
    prefix = _PAGE_DATE_PREFIX.match(text)
    if prefix:
        removed.append(prefix.group(0))
        text = text[prefix.end() :]
    aggregated = _AGGREGATOR.match(text)
    if aggregated:
        removed.append(aggregated.group(0))
        text = text[aggregated.end() :]
    for pattern in (_WIRE_DATELINE, _PLAIN_DATELINE, _BARE_CREDIT):
        match = pattern.match(text)
        if match and text[match.end() :].strip():
            removed.append(match.group(0))
            text = text[match.end() :]
            break
    text = text.strip()
    if not removed or not text:
        return StrippedTitle(title.strip(), None)
    return StrippedTitle(text[0].upper() + text[1:], "".join(removed).strip())


@dataclass(frozen=True)
class _BodyDate:
    date: PartialDate
    text: str


def _reported_dates(body: str, start: int) -> list[_BodyDate]:
    """Full dates in the body that it reports as having happened (not plans, not history)."""
    spans = sentence_spans(body)
    found: list[_BodyDate] = []
    for match in _FULL_DATE.finditer(body, start):
        groups = match.groupdict()
        try:
            if groups["md"]:
                date = PartialDate(int(groups["y1"]), month_number(groups["m1"]), day_number(groups["d1"]))
            elif groups["dm"]:
                date = PartialDate(int(groups["y2"]), month_number(groups["m2"]), day_number(groups["d2"]))
            else:
                date = PartialDate(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
        except ValueError:
            continue
        sentence_start, sentence_end = sentence_at(body, match.start(), spans)
        sentence = body[sentence_start:sentence_end]
        if _HISTORICAL.search(sentence):
            continue
        if clause_status(sentence, match.start() - sentence_start) == "planned":
            continue
        found.append(_BodyDate(date, match.group(0)))
    return found


def _as_date(date: PartialDate) -> _dt.date:
    return _dt.date(date.year, date.month or 1, date.day or 1)


def _dateline_year(month: int, day: int, reported: list[_BodyDate]) -> tuple[int, _BodyDate] | None:
    """The one year that puts the dateline's day on or shortly after the events the body dates."""
    choices: dict[int, _BodyDate] = {}
    for item in reported:
        for year in (item.date.year, item.date.year + 1):
            try:
                candidate = _dt.date(year, month, day)
            except ValueError:
                continue
            if 0 <= (candidate - _as_date(item.date)).days <= _DATELINE_WINDOW_DAYS:
                choices.setdefault(year, item)
    if len(choices) != 1:
        return None
    ((year, item),) = choices.items()
    return year, item


def wire_date(body: str) -> WireDate | None:
    """The date of a wire story from its dateline and the full dates its body states.

    A dateline with its year is the date (`text`). A day and month without a year take the one
    year that the body's reported dates allow (`dateline`). A dateline with no date takes the
    latest date the body reports as past (`inferred`): "BERLIN (AP) — ... September 13, 2024".
    """
    dateline = find_wire_dateline(body)
    if dateline is None:
        return None
    if dateline.month is not None and dateline.day is not None and dateline.year is not None:
        try:
            date = PartialDate(dateline.year, dateline.month, dateline.day)
        except ValueError:
            return None
        return WireDate(date, "text", f"dateline {dateline.place}, {date.label()}")
    reported = _reported_dates(body, dateline.end)
    if not reported:
        return None
    if dateline.month is not None and dateline.day is not None:
        found = _dateline_year(dateline.month, dateline.day, reported)
        if found is None:
            return None
        year, item = found
        date = PartialDate(year, dateline.month, dateline.day)
        return WireDate(date, "dateline", f"dateline day {date.label()}, year from '{item.text}' in the body")
    latest = max(reported, key=lambda item: item.date.sort_key())
    return WireDate(
        latest.date, "inferred", f"undated {dateline.agency} dateline; '{latest.text}' in the body"
    )
