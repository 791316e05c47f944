"""Find sectors of cooperation: terms in lists of fields, after "the field of", before "ties"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dipreader.model.article import SectorMention
from dipreader.model.knowledge import Sector

# Between two fields of one list: a comma, "and", a semicolon (the committees of a commission, each
# named by its field: "political affairs; economy, finance and investment; and water"), a slash or
# hyphen ("trade-economic"), or a single space ("maritime security": two fields, one phrase).
_SEPARATOR = re.compile(
    r"\s*(?:[,;]\s*(?:and\s+|or\s+|as\s+well\s+as\s+|including\s+)?(?:in\s+)?(?:the\s+)?"
    r"|\s+(?:and|or|&|as\s+well\s+as)\s+(?:in\s+)?(?:the\s+)?|\s*[-/–]\s*)"
    r"|[ \t]"
)
_AREA = r"(?:fields?|spheres?|areas?|sectors?|domains?|directions?|industries|branches)"
# Bodies of a commission named by their field: "working groups on agriculture; tourism; and ...".
_BODIES = (
    r"(?:working[\s-]+groups?|sub-?groups?|committees?|sub-?committees?|pillars?|tracks?|panels?"
    r"|sub-?commissions?|task\s+forces?)"
)
# Up to two words between an anchor and the first field: "encompassing sustainable economic ...".
_LEAD_WORDS = (
    r"(?:(?!(?:and|or|but|with|which|that|who|about|of|for|to|from|by|is|are|was|were|be|not|its|their"
    r"|our|his|her)\s)[a-z][a-z-]*\s+){0,2}"
    # or a first item the taxonomy does not know: "investing in lithium, water treatment plants ..."
    r"(?:[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2},\s+)?"
)
_ANCHOR_BEFORE = re.compile(
    rf"(?:\b{_AREA}\s+(?:of|such\s+as|like|including|as)\s*:?\s+"
    rf"|\b(?:cooperation|co-operation|collaboration|partnerships?|relations|ties|contacts|interaction|"
    rf"projects?|investments?|investing|invest|opportunities|potential|prospects|work|links|exchanges?|"
    rf"support|assistance)\s+"
    rf"(?:in|on|within|across|between|at)\s+(?:the\s+|our\s+|their\s+|its\s+|both\s+)?"
    rf"(?:{_AREA}\s+of\s+)?"
    rf"|\b(?:cooperate|co-operate|collaborate|work\s+together|partner)\s+(?:closely\s+)?(?:in|on|at)\s+"
    rf"(?:the\s+)?(?:{_AREA}\s+of\s+)?"
    rf"|\bsuch\s+{_AREA}\s+as\s+"
    rf"|\b{_BODIES}\s*(?:on|for|covering|:)\s+"
    rf"|\b(?:go(?:es|ing)?|gone|went|move[sd]?|moving|expand(?:s|ed|ing)?|extend(?:s|ed|ing)?)\s+"
    rf"beyond\s+(?:the\s+)?"
    rf"|\b(?:encompass(?:es|ed|ing)?|cover(?:s|ed|ing)?|spann(?:ed|ing)|span|in\s+support\s+of"
    rf"|not\s+only(?:\s+(?:in|on))?|but\s+also(?:\s+(?:in|on))?)\s+(?:the\s+)?"
    rf"|\b(?:including|such\s+as|particularly|especially|notably|namely|primarily|mainly)\s*:?\s+"
    rf"(?:in\s+)?(?:the\s+)?(?:{_AREA}\s+of\s+)?){_LEAD_WORDS}(?:the\s+)?$",
    re.IGNORECASE,
)
# "signed agreements on agricultural mechanisation, ...", "memoranda of understanding covering":
# tried apart, and only when such a word is there, since the anchor above is tried for most lists.
_AGREEMENT_BEFORE = re.compile(
    rf"\b(?:agreements?|memorand(?:a|um)(?:\s+of\s+understanding)?|MoUs?|deals?|accords?|protocols?)"
    rf"\s+(?:on|in|covering|for)\s+(?:the\s+)?(?:{_AREA}\s+of\s+)?{_LEAD_WORDS}(?:the\s+)?$",
    re.IGNORECASE,
)
_AGREEMENT_WORD = re.compile(r"agreement|memorand|mou|deal|accord|protocol", re.IGNORECASE)
_ANCHOR_AFTER = re.compile(
    rf"\s*,?\s*(?:and\s+other\s+|and\s+related\s+|and\s+similar\s+)?"
    rf"(?:{_AREA}|cooperation|co-operation|collaboration|partnership|ties|relations|projects?|"
    rf"initiatives|interaction|contacts|links|agreements?|programs?|programmes?|levels?|mechanisms?)\b",
    re.IGNORECASE,
)
_INSIDE_NAME_BEFORE = re.compile(
    r"\b(?:Ministers?|Ministry|Ministries|Department|Committee|Agency|Commission|Council|Chamber|Office|"
    r"Bank|Fund|Institute|University|Cent(?:er|re)|School|Faculty|Academy|Minister)\s+(?:of|for)\s+"
    r"(?:the\s+)?$"
)
_SENTENCE_BREAK = re.compile(r"[.!?;\n]")
# What may stand between two fields of one list: a few words with a comma, a semicolon or "and"
# ("energy, infrastructure, port logistics", "mining and minerals; and people-to-people exchanges").
_LIST_GOES_ON = re.compile(r"(?=[^.!?\n]{0,40}$)[^.!?\n]*?(?:[,;]|\band\b)[^.!?\n]*", re.DOTALL)

# A list goes on after an aside between commas, dashes or brackets: "cooperation in energy, through
# the West African Gas Pipeline, as well as in education and security".
_ASIDE_THEN_MORE = re.compile(
    r"\s*(?:[,–—][^,–—.!?;\n]{1,80}[,–—]|\([^()\n]{1,80}\),?)\s*"
    r"(?:as\s+well\s+as|and(?:\s+also)?|along\s+with|together\s+with|plus)\s+(?:in\s+|on\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
# Two terms of one field this close in a clause name that field: "scholarships for Ghanaian
# students at Kenyan universities".
_SAME_FIELD_REACH = 60

# Backwards, only across a comma or semicolon: "public services and cybersecurity" is one field.
_LIST_GOES_BACK = re.compile(r"(?=[^.!?\n]{0,40}$)[^.!?\n]*?[,;][^.!?\n]*", re.DOTALL)


@dataclass(frozen=True)
class _Hit:
    key: str
    start: int
    end: int
    term: str


_WORD_START = re.compile(r"(?<![\w])\w+")


def _first_word(term: str) -> str:
    return term.split()[0].casefold().split("-")[0]


@cache
def _matcher(sectors: tuple[Sector, ...]) -> tuple[dict[str, re.Pattern[str]], dict[str, tuple[str, str]]]:
    """Per first word (folded), one regex over the terms that start with it (longest first); and
    term (folded) -> (key, term as written). A term can only start where its first word stands, so
    each word tries the few terms it may begin instead of every term of the taxonomy."""
    by_term: dict[str, tuple[str, str]] = {}
    for sector in sectors:
        for term in sector.terms:
            by_term.setdefault(" ".join(term.casefold().split()), (sector.key, term))
    groups: dict[str, list[str]] = {}
    for term in sorted(by_term, key=lambda term: (-len(term), term)):
        groups.setdefault(_first_word(term), []).append(term)
    patterns = {
        word: re.compile(
            "(?:"
            + "|".join(r"\s+".join(re.escape(part) for part in term.split()) for term in terms)
            + r")(?![\w])",
            re.IGNORECASE,
        )
        for word, terms in groups.items()
    }
    return patterns, by_term


def _sentence_start(text: str, position: int, limit: int = 120) -> int:
    window_start = max(0, position - limit)
    breaks = [match.end() for match in _SENTENCE_BREAK.finditer(text, window_start, position)]
    return breaks[-1] if breaks else window_start


def _outside_names(text: str, hits: list[_Hit]) -> list[_Hit]:
    """The hits that are not part of a name; a short title-case headline names fields, not
    institutions ("... Discuss Nuclear Energy, Semiconductors"), and is looked at only when needed."""
    kept = []
    headline_end = -1
    for hit in hits:
        if _is_name_part(text, hit):
            if headline_end < 0:
                headline_end = _title_case_headline_end(text)
            if hit.start >= headline_end:
                continue
        kept.append(hit)
    return kept


def _is_name_part(text: str, hit: _Hit) -> bool:
    """A capitalised term mid-sentence is part of a name ("Ministry of Culture", "Climate Change
    Conference"), unless the term itself is written capitalised ("Middle Corridor", "LNG")."""
    surface = text[hit.start : hit.end]
    if not surface[0].isupper() or hit.term[0].isupper():
        return False
    before = text[: hit.start].rstrip(" \t")
    return bool(before) and before[-1] not in '.!?\n"“:;(-–'


_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "for", "in", "of", "on", "or", "the", "to", "with", "vs"}
)


def _title_case_headline_end(text: str) -> int:
    """Where the first line ends when it is a short headline in title case (every word but the
    small ones capitalised), else 0."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    if end < 0 or end - start > _HEADLINE_LENGTH:
        return 0
    capitalised = 0
    for word in text[start:end].split():
        if word[:1].isupper():
            capitalised += 1
        elif word[:1].isalpha() and word not in _SMALL_WORDS:
            return 0
    return end if capitalised >= 3 else 0


_HEADLINE_LENGTH = 160


def find_sectors(text: str, sectors: tuple[Sector, ...]) -> list[SectorMention]:
    """Sector mentions where the text names an area of cooperation (see data/sectors.yaml)."""
    patterns, by_term = _matcher(sectors)
    hits = []
    position = 0
    for word in _WORD_START.finditer(text):
        if word.start() < position:
            continue
        pattern = patterns.get(word.group().casefold())
        if pattern is None:
            continue
        match = pattern.match(text, word.start())
        if match is None:
            continue
        key, term = by_term[" ".join(match.group().casefold().split())]
        hits.append(_Hit(key, match.start(), match.end(), term))
        position = match.end()
    hits = [hit for hit in _outside_names(text, hits) if not _act_of(text, hit)]
    runs = _runs(text, hits)
    counted = [_run_counts(text, run) for run in runs]
    chosen: set[int] = set()  # ids of the hits that count
    listed_until = -1
    for run, counts in zip(runs, counted, strict=True):
        # A list that holds a term of several words is a list of fields: "climate change, education".
        if counts or (len(run) > 1 and any(" " in hit.term for hit in run)):
            chosen.update(id(hit) for hit in run)
            listed_until = run[-1].end
            continue
        for hit in run:
            if listed_until >= 0 and (
                _LIST_GOES_ON.fullmatch(text, listed_until, hit.start)
                or _ASIDE_THEN_MORE.fullmatch(text, listed_until, hit.start)
            ):
                chosen.add(id(hit))  # "security, energy, water and transportation": a list goes on
                listed_until = hit.end
            elif " " in hit.term or ("-" in hit.term and len(run) == 1):
                chosen.add(id(hit))
    # Backwards too: "the railway, the 400 kV transmission line and the supply of drinking water".
    listed_from = -1
    for hit in reversed(hits):
        if id(hit) in chosen:
            listed_from = hit.start
        elif listed_from >= 0 and _LIST_GOES_BACK.fullmatch(text, hit.end, listed_from):
            chosen.add(id(hit))
            listed_from = hit.start
    _same_field_twice(text, hits, chosen)
    return [
        SectorMention(hit.key, text[hit.start : hit.end], hit.start, hit.end)
        for hit in hits
        if id(hit) in chosen
    ]


# "the development of transport corridors", "the construction of a road": a one-word term between
# "the" and "of" names an act whose field is what follows.
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\s")


def _act_of(text: str, hit: _Hit) -> bool:
    return (
        " " not in hit.term
        and _OF_AFTER.match(text, hit.end) is not None
        and _THE_BEFORE.search(text, max(0, hit.start - 8), hit.start) is not None
    )


def _same_field_twice(text: str, hits: list[_Hit], chosen: set[int]) -> None:
    """Two different terms of one field close together in one clause both count: the clause is
    about that field ("scholarships for Ghanaian students at Kenyan universities")."""
    for index, hit in enumerate(hits):
        for other in hits[index + 1 :]:
            if other.start - hit.end > _SAME_FIELD_REACH:
                break
            if (
                other.key == hit.key
                and other.term.casefold() != hit.term.casefold()
                and (id(hit) not in chosen or id(other) not in chosen)
                and not _SENTENCE_BREAK.search(text, hit.end, other.start)
                and "," not in text[hit.end : other.start]
            ):
                chosen.update((id(hit), id(other)))


def _runs(text: str, hits: list[_Hit]) -> list[list[_Hit]]:
    """Hits joined by list separators (", ", " and ", "-"): one list of fields each."""
    runs: list[list[_Hit]] = []
    for hit in hits:
        if runs and _SEPARATOR.fullmatch(text, runs[-1][-1].end, hit.start):
            runs[-1].append(hit)
        else:
            runs.append([hit])
    return runs


def _run_counts(text: str, run: list[_Hit]) -> bool:
    """A list of three or more fields, or one anchored by "the field of", "cooperation" and such."""
    start = _sentence_start(text, run[0].start)
    before = text[start : run[0].start]
    if _INSIDE_NAME_BEFORE.search(before):
        return False
    if len({hit.key for hit in run}) >= 3 or len(run) >= 3:
        return True
    if _ANCHOR_BEFORE.search(before):
        return True
    if _AGREEMENT_WORD.search(before) and _AGREEMENT_BEFORE.search(before):
        return True
    return _ANCHOR_AFTER.match(text, run[-1].end) is not None
