"""The surface forms of temporal expressions in agency English, found as raw candidates."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from dipreader.extract.dates.datewords import (
    DAY_RE,
    MONTH_RE,
    NUMBER_WORD_RE,
    NUMBER_WORDS,
    WEEKDAY_RE,
    WEEKDAYS,
    YEAR_RE,
    count_number,
    day_number,
    is_named_number,
    lowered_for_matching,
    month_number,
)
from dipreader.extract.dates.openings import Opening, longest_first, opened, opening_of


@dataclass(frozen=True)
class Candidate:
    """One expression before resolution: what the words say, not yet what date they mean.

    `year`/`month`/`day` hold explicit parts; `relative` names a rule applied to the article
    date ("year+1", "month-1", "weekday", "day-1", "ago", "anaphor" ...) with `amount`.
    """

    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    relative: str | None = None
    amount: int = 0
    modifier: str | None = None
    datable: bool = True
    prep: str | None = None
    end_parts: tuple[int | None, int | None, int | None] | None = None
    range_end: Candidate | None = None


_PREP_WORDS = (
    r"[Oo]n|[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Dd]uring|[Tt]hroughout|[Bb]efore|[Aa]fter"
    r"|[Aa]s\s+of|[Ss]tarting|[Ss]tarting\s+from|[Bb]eginning"
)
PREP = rf"(?:(?P<prep>{_PREP_WORDS})\s+(?:the\s+)?)?"
PART = (
    r"(?:(?P<part>[Ee]arly|[Mm]id|[Ll]ate|[Ee]arlier|[Ll]ater"
    r"|(?:[Tt]he\s+|[Aa]n?\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half"
    r"|(?:first|second|third|fourth|last)\s+quarter)\s+of(?:\s+the)?)[\s\-]+)"
)
_FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?![A-Za-z])"
)
_WEEKDAY_PREFIX = rf"(?:{WEEKDAY_RE},?\s+(?:the\s+)?)?"
_YEAR_TAIL = r"(?![0-9]|[.,][0-9]|\s*(?:%|per\s*cent|percent))"
_QUANTITY_AFTER = re.compile(
    r"\s*(?:[-–]?\s*)?(?:tons?|tonnes?|km|kilomet|met(?:er|re)s?|people|persons|units|MW|GW|kWh|"
    r"barrels|bcm|cubic|dollars|euros|manats?|USD|EUR|AZN|million|billion|thousand|cars|"
    r"vehicles|students|hectares|ha\b|troops|soldiers|households|families|projects|companies)",
)
_DATE_GOES_ON = re.compile(r"[-/.][0-9]{1,2}[-/.][0-9]{1,2}")
_QUANTITY_BEFORE = opened(
    re.compile(
        r"(?:more\s+than|less\s+than|fewer\s+than|over|nearly|almost|approximately|about|some|"
        r"up\s+to|at\s+least|around|total\s+of|No\.|no\.|number|[$€£₼#№])\s*$",
    )
)
PART_MODIFIERS = {
    "early": "early",
    "beginning": "early",
    "start": "early",
    "mid": "mid",
    "middle": "mid",
    "late": "late",
    "end": "late",
    "earlier": "earlier",
    "later": "later",
    "first half": "first-half",
    "second half": "second-half",
    "first quarter": "Q1",
    "second quarter": "Q2",
    "third quarter": "Q3",
    "fourth quarter": "Q4",
    "last quarter": "Q4",
}
_PREP_MODIFIERS = {
    "since": "since",
    "until": "until",
    "till": "until",
    "by": "by",
    "before": "before",
    "after": "after",
    "starting": "since",
    "starting from": "since",
    "beginning": "since",
}


def part_modifier(text: str | None) -> str | None:
    if not text:
        return None
    words = re.sub(r"^(?:the|an?)\s+|\s+of(?:\s+the)?$", "", text.lower().strip())
    return PART_MODIFIERS.get(re.sub(r"\s+", " ", words))


def _prep_modifier(match: re.Match[str]) -> str | None:
    prep = _g(match, "prep")
    return _PREP_MODIFIERS.get(re.sub(r"\s+", " ", prep.lower())) if prep else None


def _modifier(match: re.Match[str]) -> str | None:
    return part_modifier(_g(match, "part")) or _prep_modifier(match)


def _g(match: re.Match[str], name: str) -> str | None:
    """The named group's text; None when it took no part or the rule has no such group (one
    group read, not `groupdict`'s dict of them all)."""
    return match.group(name) if name in match.re.groupindex else None


Builder = Callable[[re.Match[str], str], list[Candidate]]


def _full_date(match: re.Match[str], text: str) -> list[Candidate]:
    year, month, day = int(match["y"]), month_number_or_int(match["m"]), day_number(match["d"])
    return [
        Candidate(
            match.start(),
            match.end(),
            "full_date",
            year,
            month,
            day,
            modifier=_modifier(match),
            prep=_g(match, "prep"),
        )
    ]


def month_number_or_int(word: str) -> int:
    return int(word) if word.isdigit() else month_number(word)


# "March 8, International Women's Day", "marking 9 May": the name of a holiday, not an event.
_HOLIDAY_AFTER = re.compile(r",?\s+(?:the\s+)?(?:[A-Z][\w'’\-]*\s+){0,4}Day\b")
_HOLIDAY_BEFORE = opened(
    re.compile(
        r"\b(?:mark(?:s|ed|ing)?|celebrat(?:e|es|ed|ing)"
        r"|commemorat(?:e|es|ed|ing))\s+$"
    )
)


def _month_day(match: re.Match[str], text: str) -> list[Candidate]:
    if not _g(match, "prep") and (
        _HOLIDAY_AFTER.match(text, match.end())
        or _HOLIDAY_BEFORE.search(text[max(0, match.start() - 20) : match.start()])
    ):
        return [Candidate(match.start(), match.end(), "holiday", datable=False)]
    return [
        Candidate(
            match.start(),
            match.end(),
            "month_day",
            None,
            month_number(match["m"]),
            day_number(match["d"]),
            modifier=_modifier(match),
            prep=_g(match, "prep"),
        )
    ]


def _month_year(match: re.Match[str], text: str) -> list[Candidate]:
    return [
        Candidate(
            match.start(),
            match.end(),
            "month_year",
            int(match["y"]),
            month_number(match["m"]),
            modifier=_modifier(match),
            prep=_g(match, "prep"),
        )
    ]


def _relative_month(match: re.Match[str], text: str) -> list[Candidate]:
    rel = re.sub(r"\s+", " ", match["rel"].lower())
    offset = {
        "this": 0,
        "the current": 0,
        "the same": 0,
        "last": -1,
        "the previous": -1,
        "next": 1,
        "the following": 1,
    }.get(rel, 0)
    kind_rel = "anaphor-year" if rel in ("the same", "the following", "the previous") else "year"
    return [
        Candidate(
            match.start(),
            match.end(),
            "relative",
            month=month_number(match["m"]),
            relative=kind_rel,
            amount=offset,
            modifier=_modifier(match),
            prep=_g(match, "prep"),
        )
    ]


def _last_next_month(match: re.Match[str], text: str) -> list[Candidate]:
    rel = match["rel"].lower()
    return [
        Candidate(
            match.start(),
            match.end(),
            "relative",
            month=month_number(match["m"]),
            relative=f"named-month-{rel}",
            modifier=_modifier(match),
            prep=_g(match, "prep"),
        )
    ]


def _bare_month(match: re.Match[str], text: str) -> list[Candidate]:
    prep = (_g(match, "bprep") or "").lower()
    # "from", "to", "and" belong to a range or a list, which later passes put together.
    start = match.start("m") if prep in ("from", "to", "and", "or", "through", "between") else (match.start())
    modifier = part_modifier(_g(match, "part")) or _PREP_MODIFIERS.get(prep)
    return [
        Candidate(
            start, match.end(), "month", None, month_number(match["m"]), modifier=modifier, prep=prep or None
        )
    ]


def _month_range(match: re.Match[str], text: str) -> list[Candidate]:
    year = int(match["y"]) if match["y"] else None
    return [
        Candidate(
            match.start(),
            match.end(),
            "range",
            year,
            month_number(match["m1"]),
            end_parts=(year, month_number(match["m2"]), None),
            prep=_g(match, "prep"),
        )
    ]


def _year(match: re.Match[str], text: str) -> list[Candidate]:
    start = match.start("y")
    if is_named_number(text, start) or _QUANTITY_BEFORE.search(text[max(0, start - 25) : start]):
        return []
    if _QUANTITY_AFTER.match(text, match.end()):
        return []
    if _DATE_GOES_ON.match(text, match.end()):
        return []  # "2024-11-19.png": the rest of a date that its own rule did not take
    return [
        Candidate(
            match.start(),
            match.end(),
            "year",
            int(match["y"]),
            modifier=_modifier(match),
            prep=_g(match, "prep"),
        )
    ]


# "the 50th anniversary of diplomatic relations (1975-2025)": the years counted, not an event.
_ANNIVERSARY_BEFORE = opened(re.compile(r"anniversary\b[^.;()]{0,140}$", re.IGNORECASE))


def _year_range(match: re.Match[str], text: str) -> list[Candidate]:
    opening = match.start("y")
    if is_named_number(text, opening):
        return []
    in_brackets = text[opening - 1 : opening] == "("
    if in_brackets and _ANNIVERSARY_BEFORE.search(text, max(0, opening - 160), opening - 1):
        return [Candidate(match.start(), match.end(), ANNIVERSARY_YEAR, datable=False)]
    first = int(match["y"])
    second_text = match["y2"]
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    if second <= first:
        return []
    return [
        Candidate(
            match.start(), match.end(), "range", first, end_parts=(second, None, None), prep=_g(match, "prep")
        )
    ]


def _decade(match: re.Match[str], text: str) -> list[Candidate]:
    return [
        Candidate(
            match.start(), match.end(), "decade", int(match["y"]), datable=False, modifier=_modifier(match)
        )
    ]


def _season(match: re.Match[str], text: str) -> list[Candidate]:
    season = match["season"].lower().replace("autumn", "fall")
    if _g(match, "y"):
        return [
            Candidate(
                match.start(), match.end(), "season", int(match["y"]), modifier=season, prep=_g(match, "prep")
            )
        ]
    if not _g(match, "rel"):
        return _bare_season(match, season)
    offset = {"this": 0, "last": -1, "next": 1}[match["rel"].lower()]
    return [
        Candidate(
            match.start(),
            match.end(),
            "relative",
            relative="year",
            amount=offset,
            modifier=season,
            prep=_g(match, "prep"),
        )
    ]


# The month that stands for a season when it is dated like a year-less month (northern seasons).
_SEASON_MONTHS = {"spring": 4, "summer": 7, "fall": 10, "winter": 1}
_SENTENCE_GOES_ON = re.compile(r"\s*(?:[.,;:!?)\"”’]|$)")


def _bare_season(match: re.Match[str], season: str) -> list[Candidate]:
    """ "in the autumn": the season of the article's year that the clause's tense points to, as a
    year-less month is; "in the fall" only before a stop ("the fall in prices")."""
    if season == "fall" and not _SENTENCE_GOES_ON.match(match.string, match.end()):
        return []
    return [
        Candidate(
            match.start(),
            match.end(),
            "season",
            relative="season",
            amount=_SEASON_MONTHS[season],
            modifier=season,
            prep=_g(match, "prep"),
        )
    ]


def _relative_unit(match: re.Match[str], text: str) -> list[Candidate]:
    if _g(match, "yearend"):
        return _year_end(match, text)
    rel = re.sub(r"\s+", " ", (_g(match, "rel") or "this").lower())
    unit = match["unit"].lower()
    start, end = match.start(), match.end()
    modifier = _modifier(match)
    if rel in ("the past", "the previous", "the coming", "the last", "the next"):
        return [Candidate(start, end, "vague", datable=False)]
    if rel in ("the same", "that", "that same", "the following"):
        if unit != "year":
            return [Candidate(start, end, "vague", datable=False)]
        amount = 1 if rel == "the following" else 0
        return [
            Candidate(
                start,
                end,
                "relative",
                relative="anaphor-year",
                amount=amount,
                modifier=modifier,
                prep=_g(match, "prep"),
            )
        ]
    amount = {"this": 0, "the current": 0, "last": -1, "next": 1}[rel]
    if _MARKS_ANNIVERSARY.match(text, end):
        return [Candidate(start, end, ANNIVERSARY_YEAR, datable=False)]
    return [
        Candidate(
            start, end, "relative", relative=unit, amount=amount, modifier=modifier, prep=_g(match, "prep")
        )
    ]


def _earlier_later(match: re.Match[str], text: str) -> list[Candidate]:
    unit = match["unit"].lower()
    return [
        Candidate(
            match.start(),
            match.end(),
            "relative",
            relative=unit,
            amount=0,
            modifier=match["el"].lower(),
            prep=_g(match, "prep"),
        )
    ]


def _ago(match: re.Match[str], text: str) -> list[Candidate]:
    amount = count_number(match["n"])
    unit = match["unit"].lower().rstrip("s")
    if unit == "decade":
        unit, amount = "year", amount * 10
    return [Candidate(match.start(), match.end(), "relative", relative=unit, amount=-amount)]


_DAY_WORDS = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "the day before": -1,
    "the previous day": -1,
    "a day earlier": -1,
    "today": 0,
    "tonight": 0,
    "tomorrow": 1,
}
# Parts of the article's day: unlike "today" ("today's world"), always the day of an event.
_PARTS_OF_TODAY = ("tonight", "this morning", "this afternoon", "this evening")


def _deictic_day(match: re.Match[str], text: str) -> list[Candidate]:
    word = re.sub(r"\s+", " ", match["word"].lower())
    if word.startswith(("earlier", "later")) or word in _PARTS_OF_TODAY:
        # "earlier today", "later in the day": a report of the article's day, always datable.
        return [
            Candidate(
                match.start(), match.end(), "relative", relative="day", amount=0, prep=_g(match, "prep")
            )
        ]
    amount = _DAY_WORDS[word]
    return [
        Candidate(
            match.start(),
            match.end(),
            "relative" if amount else "deictic",
            relative="day",
            amount=amount,
            prep=_g(match, "prep"),
        )
    ]


def _fiscal_year(match: re.Match[str], text: str) -> list[Candidate]:
    first = int(match["y"])
    if not match["y2"]:
        return [Candidate(match.start(), match.end(), "year", first, prep=_g(match, "prep"))]
    second = int(match["y2"]) if len(match["y2"]) == 4 else first // 100 * 100 + int(match["y2"])
    if second <= first:
        return []
    return [
        Candidate(
            match.start(), match.end(), "range", first, end_parts=(second, None, None), prep=_g(match, "prep")
        )
    ]


def _quarter(match: re.Match[str], text: str) -> list[Candidate]:
    word = match["q"].lower()
    modifier = word.upper() if word.startswith("q") else part_modifier(word)
    if match["y"]:
        return [
            Candidate(
                match.start(), match.end(), "year", int(match["y"]), modifier=modifier, prep=_g(match, "prep")
            )
        ]
    return [
        Candidate(
            match.start(),
            match.end(),
            "relative",
            relative="year",
            amount=0,
            modifier=modifier,
            prep=_g(match, "prep"),
        )
    ]


def _weekday(match: re.Match[str], text: str) -> list[Candidate]:
    rel = (_g(match, "rel") or "").lower()
    return [
        Candidate(
            match.start(),
            match.end(),
            "weekday",
            relative=f"weekday-{rel or 'on'}",
            amount=WEEKDAYS[match["w"].lower()],
            prep=_g(match, "prep"),
        )
    ]


def _day_group(match: re.Match[str], text: str) -> list[Candidate]:
    """Day lists and ranges sharing one month: "26 and 27 November", "March 12-14, 2024"."""
    month = month_number(match["m"])
    year = int(match["y"]) if match["y"] else None
    connector = re.sub(r"\s+", " ", (match["conn"] or "").strip().lower())
    days = [(m.start(), m.end(), day_number(m.group())) for m in re.finditer(DAY_RE, match.group("days"))]
    offset = match.start("days")
    kind = "full_date" if year else "month_day"
    last = (match.start("d"), match.end("d"), day_number(match["d"]))
    is_range = connector not in ("and", "&", ",") or bool(_g(match, "btw"))
    if is_range and len(days) == 1:
        return [
            Candidate(
                match.start(),
                match.end(),
                "range",
                year,
                month,
                days[0][2],
                end_parts=(year, month, last[2]),
                prep=_g(match, "prep"),
            )
        ]
    found: list[Candidate] = []
    for index, (start, end, day) in enumerate(days):
        begin = match.start() if index == 0 and _g(match, "m_first") is None else offset + start
        found.append(
            Candidate(
                begin, offset + end, kind, year, month, day, prep=_g(match, "prep") if index == 0 else None
            )
        )
    found.append(Candidate(last[0], last[1], kind, year, month, last[2]))
    # Give the expressions that carry the month word their full text.
    if _g(match, "m_first") is not None:
        found[0] = replace(found[0], start=match.start())
    else:
        found[-1] = replace(found[-1], end=match.end())
    return found


_COMING_WEEKS = opened(
    re.compile(
        r"(?P<prep>in|within|over)\s+the\s+(?:coming|next(?:\s+few)?)\s+(?P<unit>days|weeks)", re.IGNORECASE
    )
)


def _vague_or_coming_weeks(match: re.Match[str], text: str) -> list[Candidate]:
    """ "in recent years", "for decades": no date; but "in the coming weeks" is the month that
    holds the day a week after the article's, and "in the coming days" the article's month."""
    coming = _COMING_WEEKS.fullmatch(match.group())
    if coming is None:
        return [Candidate(match.start(), match.end(), "vague", datable=False)]
    amount = 1 if coming["unit"].lower() == "weeks" else 0
    return [
        Candidate(match.start(), match.end(), "relative", relative="week", amount=amount, prep=coming["prep"])
    ]


def _year_end(match: re.Match[str], text: str) -> list[Candidate]:
    """ "before year-end": the article's year, towards its end."""
    return [
        Candidate(
            match.start(), match.end(), "relative", relative="year", modifier="late", prep=_g(match, "prep")
        )
    ]


# "this year marks the 53rd anniversary": the anniversary is counted, nothing happens on it; the
# expression still ends the clause before it (events.find_events).
ANNIVERSARY_YEAR = "anniversary-year"
_MARKS_ANNIVERSARY = opened(
    re.compile(r"\s+(?:marks|is|celebrates|will\s+mark)\s+the\s+[\w-]+\s+anniversary\b", re.IGNORECASE)
)


def _marked(kind: str) -> Builder:
    def build(match: re.Match[str], text: str) -> list[Candidate]:
        return [Candidate(match.start(), match.end(), kind, datable=False)]

    return build


def _anniversary(match: re.Match[str], text: str) -> list[Candidate]:
    return [Candidate(match.start(), match.end(), "anniversary", datable=False)]


_NUM = rf"(?:[0-9]+|{NUMBER_WORD_RE})"
_UNIT = r"(?:years?|months?|weeks?|days?|decades?)"
_DAY_LIST = rf"(?P<days>{DAY_RE}(?:\s*,\s*{DAY_RE})*)"
_CONN = r"(?P<conn>\s*[–—\-]\s*|\s+(?:to|until|till|through)\s+|\s*,?\s+(?:and|&)\s+)"

# Where a rule is tried (see _rule_matches): the kinds of anchor that may come first in its
# matches, or a word without which it cannot match, for a rule tried on the whole text.
Where = int | re.Pattern[str]
_DIGIT, _INNER_DIGIT, _MONTH, _WEEKDAY, _WORD = 1, 2, 4, 8, 16
# The anniversary rule may start with any word ("thirtieth"), so no anchor bounds its start.
_ANNIVERSARY = re.compile("anniversary", re.IGNORECASE)

RULES: list[tuple[re.Pattern[str], Builder, Where]] = [
    (
        re.compile(
            rf"(?<![0-9\-/.]){PREP}(?P<y>{YEAR_RE})-(?P<m>0[1-9]|1[0-2])"
            # "2024-11-19.png": a file's name, not a date of the text.
            rf"-(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9]|\.[A-Za-z]{{3,4}}\b)"
        ),
        _full_date,
        _DIGIT,
    ),
    (
        re.compile(
            rf"(?<![0-9.]){PREP}(?P<d>0?[1-9]|[12][0-9]|3[01])\.(?P<m>0?[1-9]|1[0-2])"
            rf"\.(?P<y>{YEAR_RE})"
        ),
        _full_date,
        _DIGIT,
    ),
    (
        re.compile(
            rf"{PREP}{_WEEKDAY_PREFIX}(?P<m>{MONTH_RE})\s+(?P<d>{DAY_RE})(?:\s*,\s*|\s+)"
            rf"(?P<y>{YEAR_RE}){_YEAR_TAIL}"
        ),
        _full_date,
        _WEEKDAY | _MONTH,
    ),
    (
        re.compile(
            rf"(?<![0-9.,]){PREP}{_WEEKDAY_PREFIX}(?P<d>{DAY_RE})\s+(?:of\s+)?"
            rf"(?P<m>{MONTH_RE}),?\s+(?P<y>{YEAR_RE}){_YEAR_TAIL}"
        ),
        _full_date,
        _WEEKDAY | _DIGIT,
    ),
    (
        re.compile(
            rf"(?<![0-9.,]){PREP}(?:(?P<btw>[Bb]etween)\s+)?{_DAY_LIST}{_CONN}"
            rf"(?P<d>{DAY_RE})\s+(?:of\s+)?(?P<m>{MONTH_RE})(?:,?\s+(?P<y>{YEAR_RE}))?"
        ),
        _day_group,
        _DIGIT,
    ),
    (
        re.compile(
            rf"{PREP}(?P<m_first>(?P<m>{MONTH_RE}))\s+{_DAY_LIST}{_CONN}(?P<d>{DAY_RE})"
            rf"(?:\s*,?\s+(?P<y>{YEAR_RE}))?{_YEAR_TAIL}"
        ),
        _day_group,
        _MONTH,
    ),
    (
        re.compile(rf"{PREP}{_WEEKDAY_PREFIX}(?P<m>{MONTH_RE})\s+(?P<d>{DAY_RE})(?![0-9]|[.,][0-9])"),
        _month_day,
        _WEEKDAY | _MONTH,
    ),
    (
        re.compile(
            rf"(?<![0-9.,$]){PREP}{_WEEKDAY_PREFIX}(?P<d>{DAY_RE})\s+(?:of\s+)?"
            rf"(?P<m>{MONTH_RE})"
        ),
        _month_day,
        _WEEKDAY | _DIGIT,
    ),
    (
        re.compile(
            rf"{PREP}{PART}?(?P<m>{MONTH_RE}),?\s+(?:of\s+)?(?P<rel>this|last|next"
            rf"|the\s+previous|the\s+current|the\s+same|the\s+following)\s+year\b"
        ),
        _relative_month,
        _WORD | _MONTH,
    ),
    (
        re.compile(rf"{PREP}{PART}?(?P<m>{MONTH_RE})\s+(?:of\s+)?(?P<y>{YEAR_RE}){_YEAR_TAIL}"),
        _month_year,
        _WORD | _MONTH,
    ),
    (
        re.compile(
            rf"{PREP}(?P<m1>{_FULL_MONTH})\s*[–—\-]\s*(?P<m2>{_FULL_MONTH})"
            rf"(?:,?\s+(?P<y>{YEAR_RE}))?"
        ),
        _month_range,
        _MONTH,
    ),
    (re.compile(rf"{PREP}(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<m>{_FULL_MONTH})"), _last_next_month, _MONTH),
    (
        re.compile(
            rf"(?P<bprep>[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Dd]uring|[Tt]hroughout"
            rf"|[Bb]efore|[Aa]fter|[Ff]rom|to|and|or|through)\s+(?:the\s+month\s+of\s+)?"
            rf"{PART}?(?P<m>{_FULL_MONTH})(?![0-9]|\s+[0-9])"
        ),
        _bare_month,
        _WORD | _MONTH,
    ),
    (
        re.compile(
            rf"(?P<bprep>)(?:[Ii]n\s+|[Bb]y\s+|[Ss]ince\s+|[Uu]ntil\s+)?{PART}"
            rf"(?P<m>{_FULL_MONTH})(?![0-9]|\s+[0-9])"
        ),
        _bare_month,
        _WORD | _MONTH,
    ),
    (
        re.compile(
            rf"(?<![0-9.,$€£\-/]){PREP}(?P<y>{YEAR_RE})\s*[–—\-/]\s*"
            rf"(?P<y2>{YEAR_RE}|[0-9]{{2}})(?![0-9])"
        ),
        _year_range,
        _DIGIT,
    ),
    # The decade rule alone has no look-behind for digits: "12020s" holds "2020s".
    (
        re.compile(rf"{PREP}{PART}?(?:the\s+)?(?P<y>1[89][0-9]0|20[0-9]0)['’]?s\b"),
        _decade,
        _WORD | _DIGIT | _INNER_DIGIT,
    ),
    (
        re.compile(
            rf"(?<![0-9.,$€£\-/#№]){PREP}{PART}?(?:the\s+year\s+)?(?P<y>{YEAR_RE})"
            rf"{_YEAR_TAIL}"
        ),
        _year,
        _WORD | _DIGIT,
    ),
    (
        re.compile(
            rf"{PREP}(?:the\s+)?(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
            rf"\s+(?:of\s+)?(?P<y>{YEAR_RE}){_YEAR_TAIL}"
        ),
        _season,
        _WORD | _DIGIT,
    ),
    (
        re.compile(
            rf"{PREP}(?P<rel>[Tt]his|[Ll]ast|[Nn]ext)\s+(?P<season>spring|summer|autumn|fall"
            rf"|winter)\b"
        ),
        _season,
        _WORD,
    ),
    # "in the autumn", "during the summer", but not "the autumn of his career" or "the summer school".
    (
        re.compile(
            r"(?P<prep>[Ii]n|[Dd]uring|[Bb]y|[Uu]ntil|[Tt]ill|[Bb]efore|[Aa]fter|[Ss]ince|[Tt]hroughout"
            r"|[Oo]ver)\s+the\s+(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
            r"(?=\s*(?:[.,;:!?)\"”’]|$)|\s+(?:and|or|but|when|while|as|after|before|to|at|in|on|for|if"
            r"|that|which|with|the|a|an|this|next)\b)"
        ),
        _season,
        _WORD,
    ),
    (
        re.compile(rf"{PREP}(?P<el>[Ee]arlier|[Ll]ater)\s+this\s+(?P<unit>year|month|week)\b"),
        _earlier_later,
        _WORD,
    ),
    (
        re.compile(
            rf"{PREP}{PART}?(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Tt]he\s+current|[Tt]he\s+coming"
            rf"|[Tt]he\s+past|[Tt]he\s+previous|[Tt]he\s+following|[Tt]he\s+same|[Tt]hat"
            rf"(?:\s+same)?|[Tt]he\s+last|[Tt]he\s+next)\s+(?P<unit>year|month|week)\b"
        ),
        _relative_unit,
        _WORD,
    ),
    # "by the end of the year", and "before year-end": the article's year, towards its end.
    (
        re.compile(rf"{PREP}(?:{PART}(?P<unit>year|month)\b|(?:the\s+)?(?P<yearend>year)[\s-]+end\b)"),
        _relative_unit,
        _WORD,
    ),
    (re.compile(rf"\b(?P<n>{_NUM})\s+(?P<unit>{_UNIT})\s+ago\b", re.IGNORECASE), _ago, _WORD | _DIGIT),
    (
        re.compile(
            rf"{PREP}\b(?P<word>[Tt]he\s+day\s+before\s+yesterday|[Yy]esterday|[Tt]oday"
            rf"|[Tt]onight|[Tt]his\s+(?:morning|afternoon|evening)|[Tt]omorrow|[Tt]he\s+day\s+before"
            rf"|[Tt]he\s+previous\s+day"
            rf"|[Aa]\s+day\s+earlier|(?:[Ee]arlier|[Ll]ater)\s+(?:today|in\s+the\s+day))\b"
        ),
        _deictic_day,
        _WORD,
    ),
    (
        re.compile(
            rf"{PREP}\b(?:FY|[Ff]iscal\s+(?:[Yy]ear\s+)?)\s?(?P<y>{YEAR_RE})"
            rf"(?:\s*[–—\-/]\s*(?P<y2>{YEAR_RE}|[0-9]{{2}})(?![0-9]))?"
        ),
        _fiscal_year,
        _WORD | _DIGIT,
    ),
    (
        re.compile(
            rf"{PREP}(?:the\s+)?\b(?P<q>Q[1-4]|(?:first|second|third|fourth)\s+quarter)\b"
            rf"(?:\s+(?:of\s+)?(?P<y>{YEAR_RE}))?"
        ),
        _quarter,
        _WORD | _DIGIT,
    ),
    (
        re.compile(
            rf"{PREP}(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast)\s+)?(?P<w>{WEEKDAY_RE})"
            rf"(?:\s+(?:morning|afternoon|evening|night))?"
        ),
        _weekday,
        _WEEKDAY,
    ),
    (
        re.compile(
            r"\b(?:[0-9]+(?:st|nd|rd|th)|[a-z]+(?:tieth|teenth|th|first|second|third))"
            r"\s+anniversary\b",
            re.IGNORECASE,
        ),
        _anniversary,
        _ANNIVERSARY,
    ),
    (
        re.compile(
            rf"\b(?:every|each)\s+(?:(?:other|{_NUM})\s+)?(?:{_UNIT}|spring|summer|autumn"
            rf"|fall|winter|{WEEKDAY_RE})|\b(?:annually|yearly|biannually|biennially)\b"
            rf"|\b(?:once|twice|three\s+times|{_NUM}\s+times)\s+a\s+(?:year|month|week|day)\b"
            rf"|\bper\s+(?:year|annum|month)\b|\bon\s+an?\s+(?:annual|yearly|regular|monthly)"
            rf"\s+basis\b",
            re.IGNORECASE,
        ),
        _marked("frequency"),
        _WORD | _DIGIT,
    ),
    (
        re.compile(
            rf"\b(?:for|over|in|during|within)\s+(?:the\s+)?(?:(?:recent|past|last|coming"
            rf"|next|many|several|few|previous)\s+)+(?:{_NUM}\s+)?(?:years|months|decades"
            rf"|weeks|days)\b|\bfor\s+(?:years|decades|months)\b|\bover\s+the\s+years\b"
            rf"|\bin\s+(?:the\s+)?(?:near\s+)?future\b|\bpost-war\s+period\b"
            rf"|\bin\s+recent\s+history\b|\bin\s+those\s+(?:times|days|years)\b",
            re.IGNORECASE,
        ),
        _vague_or_coming_weeks,
        _WORD | _DIGIT,
    ),
    (
        re.compile(
            rf"\b(?:for|over)\s+(?:more\s+than\s+|nearly\s+|almost\s+|about\s+)?{_NUM}\s+"
            rf"(?:years|months|weeks|days|decades)\b",
            re.IGNORECASE,
        ),
        _marked("duration"),
        _WORD | _DIGIT,
    ),
]


# Trying each rule at every position of a long text is what costs (mostly the leading optional
# preposition), so each rule is tried only where one of its matches can start. Every match (but
# the anniversary rule's) holds an anchor: digits, a month or weekday name, or one of
# _WORD_ANCHORS at a word start. Before its first anchor a match has only words of
# _PREFIX_WORDS between spaces, commas or hyphens (or glued to the anchor: "FY2024", "Q1"), the
# first of which may end a longer word ("Bat|on May 5"). So a match starts at its first anchor
# or at a prefix word in the run of them just before it. A new rule needs its anchor kinds in
# RULES and its leading words here; tests/test_timeexpr_equivalence.py compares with a full scan.
_DIGITS = re.compile(r"[0-9]+")
_MONTH_NAME = re.compile(MONTH_RE)
_WEEKDAY_NAME = re.compile(WEEKDAY_RE)
_WORD_ANCHORS = (
    "day",
    "today",
    "yesterday",
    "year",
    "month",
    "week",
    "decade",
    "quarter",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "tonight",
    "tomorrow",
    "morning",
    "afternoon",
    "evening",
    "every",
    "each",
    "annual",
    "biannual",
    "biennial",
    "annum",
    "basis",
    "future",
    "period",
    "history",
    "times",
)
_WORD_ANCHOR = opened(re.compile(r"\b(?i:" + "|".join(_WORD_ANCHORS) + ")"))
_PREFIX_WORDS = (
    "on in since until till by during throughout before after as of starting from beginning the "
    "a an early mid late earlier later end start middle first second third fourth half last "
    "quarter month year week day between to and or through this next past current coming "
    "previous following same that q fy fiscal every each other once twice three times per annual "
    "yearly regular monthly near future post war recent history those for over within more "
    "than nearly almost about many several few spring summer autumn fall winter within couple "
    + " ".join(NUMBER_WORDS)
).split()
# Each the alternation of the words sorted longest first, as a tree of shared beginnings (faster).
_PREFIX_WORD_ALTERNATIVES = longest_first(_PREFIX_WORDS)
_REVERSED_PREFIX_WORDS = longest_first(word[::-1] for word in _PREFIX_WORDS)
# Matched on the reversed text from an anchor: whole prefix words, then one that ends a word.
_REACH_BACK = (
    rf"(?:[\s,\-]*(?:{_REVERSED_PREFIX_WORDS})(?![^\W\d_]))*"
    rf"(?:[\s,\-]*(?:{_REVERSED_PREFIX_WORDS}))?"
)


@dataclass(frozen=True)
class _Casing:
    """The regexes that find prefix words: on the lowered text (fast) or ignoring case."""

    reach_back: re.Pattern[str]
    prefix_word: re.Pattern[str]


_LOWERED = _Casing(re.compile(_REACH_BACK), re.compile(f"(?=(?:{_PREFIX_WORD_ALTERNATIVES}))"))
_ANY_CASE = _Casing(
    re.compile(_REACH_BACK, re.IGNORECASE), re.compile(f"(?=(?:{_PREFIX_WORD_ALTERNATIVES}))", re.IGNORECASE)
)


def _word_anchor_starts(text: str, lowered: str | None) -> list[int]:
    """Where a word of _WORD_ANCHORS begins a word, any case (str.find on the lowered text)."""
    if lowered is None:
        return [match.start() for match in _WORD_ANCHOR.finditer(text)]
    starts = []
    for word in _WORD_ANCHORS:
        position = lowered.find(word)
        while position != -1:
            if position == 0 or not (text[position - 1].isalnum() or text[position - 1] == "_"):
                starts.append(position)
            position = lowered.find(word, position + 1)
    return starts


def _anchors(text: str, lowered: str | None) -> list[tuple[int, int]]:
    """(position, kind) of every anchor, in no particular order."""
    found: list[tuple[int, int]] = []
    for match in _DIGITS.finditer(text):
        found.append((match.start(), _DIGIT))
        found.extend((inner, _INNER_DIGIT) for inner in range(match.start() + 1, match.end()))
    found.extend((match.start(), _MONTH) for match in _MONTH_NAME.finditer(text))
    found.extend((match.start(), _WEEKDAY) for match in _WEEKDAY_NAME.finditer(text))
    found.extend((start, _WORD) for start in _word_anchor_starts(text, lowered))
    return found


def _match_starts(text: str) -> dict[int, int]:
    """Every position where some rule's match may start, with the kinds of anchor it leads to."""
    lowered = lowered_for_matching(text)
    casing, subject = (_LOWERED, lowered) if lowered is not None else (_ANY_CASE, text)
    reversed_subject = subject[::-1]
    length = len(text)
    starts: dict[int, int] = {}
    reaching: dict[int, int] = {}  # anchors with the kinds that reach back from each
    for anchor, kind in _anchors(text, lowered):
        starts[anchor] = starts.get(anchor, 0) | kind
        if kind != _INNER_DIGIT:
            reaching[anchor] = reaching.get(anchor, 0) | kind
    for anchor, kind in reaching.items():
        reach = casing.reach_back.match(reversed_subject, length - anchor)
        if reach is None or reach.end() == reach.start():
            continue
        begin = anchor - (reach.end() - reach.start())
        for word in casing.prefix_word.finditer(subject, begin, anchor):
            starts[word.start()] = starts.get(word.start(), 0) | kind
    return starts


def _matches_at(pattern: re.Pattern[str], text: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` yields when it can match only at `positions` (sorted)."""
    cursor = 0
    for position in positions:
        if position < cursor:
            continue
        match = pattern.match(text, position)
        if match is not None:
            yield match
            cursor = match.end()


_OPENINGS: list[Opening | None] = [opening_of(pattern) for pattern, _build, _where in RULES]
"""The characters each rule's match can begin with (None: any): a rule is tried only there."""


def _rule_matches(text: str) -> Iterator[tuple[int, re.Match[str]]]:
    """(rule order, match) for every rule, each rule tried only where it can match: at a start of
    one of its anchor kinds, on a character its match can begin with."""
    starts = _match_starts(text)
    # The starts grouped by their kinds and character, each group in order.
    groups: dict[tuple[int, str], list[int]] = {}
    for position in sorted(starts):
        groups.setdefault((starts[position], text[position]), []).append(position)
    chosen: dict[tuple[int, Opening | None], list[int]] = {}
    for order, (pattern, _build, where) in enumerate(RULES):
        if isinstance(where, re.Pattern):
            found = pattern.finditer(text) if where.search(text) else iter(())
        else:
            opening = _OPENINGS[order]
            positions = chosen.get((where, opening))
            if positions is None:
                picked = [
                    group
                    for (kinds, character), group in groups.items()
                    if kinds & where and (opening is None or opening.allows(character))
                ]
                positions = chosen[(where, opening)] = (
                    picked[0] if len(picked) == 1 else sorted(itertools.chain.from_iterable(picked))
                )
            found = _matches_at(pattern, text, positions)
        for match in found:
            yield order, match


def _rule_matches_everywhere(text: str) -> Iterator[tuple[int, re.Match[str]]]:
    """What _rule_matches yields, found the slow way (kept to test the fast one against)."""
    for order, (pattern, _build, _where) in enumerate(RULES):
        for match in pattern.finditer(text):
            yield order, match


def find_candidates(text: str) -> Iterator[Candidate]:
    """Every rule's matches, leftmost-longest first, overlapping ones dropped, then expanded."""
    matches: list[tuple[int, int, int, re.Match[str]]] = [
        (match.start(), -match.end(), order, match)
        for order, match in _rule_matches(text)
        if match.end() > match.start()
    ]
    matches.sort()  # one rule's matches never share a start: no two tuples reach the match
    taken_until = -1
    for start, neg_end, order, match in matches:
        if start < taken_until:
            continue
        built = RULES[order][1](match, text)
        if not built:
            continue
        taken_until = -neg_end
        yield from built
