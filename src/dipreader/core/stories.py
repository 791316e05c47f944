"""The same story from several outlets: articles grouped by shared passages, people, date and place.

Pure: each article is reduced to `StoryFeatures` (sampled word shingles, the officials of its lead
and of its whole text, the places its lead names, its content words and its day), and
`group_stories` links two articles when

- they share a good part of their text (the same wire copy, trimmed or retitled), within a few
  days of each other; or
- within a day of each other, two people lead both reports and the rest of the text agrees; or
- within a day, one person leads both, the lead names the same place and the texts agree closely.

Titles are not used: two headlines about one country pair are alike for different events.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import math
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from dipreader.model.article import PartialDate
from dipreader.model.countries import country_by_capital, country_by_word
from dipreader.model.names import name_tokens

STORY_VERSION = "1"
"""Bump when the features change, so cached features are recomputed."""

SHINGLE_WORDS = 5
# One shingle in SAMPLE_EVERY is kept, chosen by its hash, so shared passages are sampled alike in both.
SAMPLE_EVERY = 4
MAX_PASSAGES = 160
MAX_TERMS = 60
LEAD_PARAGRAPHS = 2
LEAD_PARAGRAPH_MIN_WORDS = 8

WIRE_COPY_SHARE = 0.5
WIRE_COPY_DAYS = 3
WIRE_COPY_UNDATED_SHARE = 0.6
SAME_EVENT_DAYS = 1
TWO_PEOPLE_AGREEMENT = 0.05
ONE_PERSON_AGREEMENT = 0.3
MIN_SAMPLED = 4
# A shingle in more articles than this within a window is boilerplate ("Trend reports, referring to").
COMMON_PASSAGE = 12

_WORDS = re.compile(r"\w+")
# Letters Unicode does not decompose to a Latin base: "Radosław" is also written "Radoslaw".
_LATIN_EXTRA = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss"}
)
_PLACE_AFTER_IN = re.compile(r"\bin (?:the )?(?P<place>[A-Z][a-zà-ÿ'’\-]+(?: [A-Z][a-zà-ÿ'’\-]+)?)")
_NOT_PLACES = frozenset(
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday", "The", "This", "That", "His", "Her", "Their", "Its", "Our", "Turn",
    }
)  # fmt: skip
_STOPWORDS = frozenset(
    {
        "about", "above", "after", "again", "against", "also", "among", "another", "because",
        "been", "before", "being", "below", "between", "both", "came", "could", "does", "doing",
        "down", "during", "each", "even", "from", "further", "have", "having", "here", "into",
        "itself", "just", "like", "made", "make", "many", "more", "most", "much", "must", "next",
        "only", "other", "over", "said", "same", "says", "should", "since", "some", "such", "than",
        "that", "their", "them", "then", "there", "these", "they", "this", "those", "through",
        "under", "until", "upon", "very", "were", "what", "when", "where", "which", "while", "will",
        "with", "within", "without", "would", "year", "years", "your", "told", "added", "noted",
        "according", "stressed", "discussed", "sides", "side", "parties", "meeting", "talks",
        "countries", "country", "two"
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """What grouping needs of one article, small enough to keep for a whole library."""

    article_id: str
    day: int | None
    """The publication day as a proleptic ordinal; None unless the date is known to the day."""
    lead_people: tuple[str, ...]
    people: tuple[str, ...]
    places: tuple[str, ...]
    passages: tuple[int, ...]
    terms: tuple[int, ...]


@dataclass(frozen=True)
class Evidence:
    """Why two articles are, or are not, one story."""

    days: int | None
    shared_text: float
    lead_people: int
    same_place: bool
    agreement: float
    same: bool


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN_EXTRA).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def person_key(name: str) -> str:
    """A person as reports of one event spell them alike: the folded surname ("Sikorski")."""
    tokens = name_tokens(name.translate(_LATIN_EXTRA))
    return _fold(tokens[-1]) if tokens else _fold(name)


def _hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def _lead_end(body: str, paragraph_starts: Sequence[int]) -> int:
    """Where the lead ends: after the first LEAD_PARAGRAPHS paragraphs of real text (a byline is skipped)."""
    starts = [*paragraph_starts, len(body)]
    counted = 0
    for start, end in itertools.pairwise(starts):
        if len(body[start:end].split()) >= LEAD_PARAGRAPH_MIN_WORDS:
            counted += 1
            if counted == LEAD_PARAGRAPHS:
                return end
    return len(body)


def _places(lead: str) -> tuple[str, ...]:
    capitals = country_by_capital()
    countries = country_by_word()
    found = {match.group("place") for match in _PLACE_AFTER_IN.finditer(lead)}
    found |= {word for word in _WORDS.findall(lead) if word in capitals}
    kept = {place for place in found if place not in _NOT_PLACES and place not in countries}
    return tuple(sorted(_fold(place) for place in kept))


def _passages(words: Sequence[str]) -> tuple[int, ...]:
    sampled: list[int] = []
    for index in range(len(words) - SHINGLE_WORDS + 1):
        value = _hash(" ".join(words[index : index + SHINGLE_WORDS]))
        if value % SAMPLE_EVERY == 0:
            sampled.append(value)
            if len(sampled) >= MAX_PASSAGES:
                break
    return tuple(sorted(set(sampled)))


def _terms(words: Sequence[str], people: Iterable[str]) -> tuple[int, ...]:
    named = {part for name in people for part in _WORDS.findall(_fold(name))}
    counts = Counter(
        word
        for word in words
        if len(word) >= 4 and not word.isdigit() and word not in _STOPWORDS and word not in named
    )
    return tuple(sorted(_hash(word) for word, _ in counts.most_common(MAX_TERMS)))


def story_features(
    article_id: str,
    body: str,
    date: PartialDate | None,
    officials: Iterable[tuple[str, int]],
    paragraph_starts: Sequence[int] = (),
) -> StoryFeatures:
    """The features of one article; `officials` are (canonical name, offset) of its mentions."""
    lead_end = _lead_end(body, paragraph_starts)
    mentions = list(officials)
    people = sorted({person_key(name) for name, _ in mentions})
    lead_people = sorted({person_key(name) for name, start in mentions if start < lead_end})
    words = _WORDS.findall(_fold(body))
    day = None
    if date is not None and date.day is not None and date.month is not None:
        day = _dt.date(date.year, date.month, date.day).toordinal()
    return StoryFeatures(
        article_id=article_id,
        day=day,
        lead_people=tuple(lead_people),
        people=tuple(people),
        places=_places(body[:lead_end]),
        passages=_passages(words),
        terms=_terms(words, (name for name, _ in mentions)),
    )


def _shared_text(a: StoryFeatures, b: StoryFeatures) -> float:
    smaller = min(len(a.passages), len(b.passages))
    if smaller < MIN_SAMPLED:
        return 0.0
    return len(set(a.passages) & set(b.passages)) / smaller


def _agreement(a: StoryFeatures, b: StoryFeatures, idf: Mapping[int, float]) -> float:
    """Cosine of the two sets of content words, each weighted by its rarity in the library."""
    weight_a = sum(idf.get(term, 0.0) ** 2 for term in a.terms)
    weight_b = sum(idf.get(term, 0.0) ** 2 for term in b.terms)
    if not weight_a or not weight_b:
        return 0.0
    shared = sum(idf.get(term, 0.0) ** 2 for term in set(a.terms) & set(b.terms))
    return shared / math.sqrt(weight_a * weight_b)


def compare(a: StoryFeatures, b: StoryFeatures, idf: Mapping[int, float]) -> Evidence:
    """The evidence that two articles report one event, and the verdict."""
    days = abs(a.day - b.day) if a.day is not None and b.day is not None else None
    shared_text = _shared_text(a, b)
    lead_people = len(set(a.lead_people) & set(b.lead_people))
    same_place = bool(set(a.places) & set(b.places))
    agreement = _agreement(a, b, idf)
    if days is None:
        same = shared_text >= WIRE_COPY_UNDATED_SHARE
    else:
        same = (
            (shared_text >= WIRE_COPY_SHARE and days <= WIRE_COPY_DAYS)
            or (days <= SAME_EVENT_DAYS and lead_people >= 2 and agreement >= TWO_PEOPLE_AGREEMENT)
            or (
                days <= SAME_EVENT_DAYS
                and lead_people >= 1
                and same_place
                and agreement >= ONE_PERSON_AGREEMENT
            )
        )
    return Evidence(days, shared_text, lead_people, same_place, agreement, same)


def rarity(features: Sequence[StoryFeatures]) -> dict[int, float]:
    """Inverse document frequency of every content word across the articles."""
    counts: Counter[int] = Counter(term for item in features for term in set(item.terms))
    total = len(features) + 1
    return {term: math.log(total / count) for term, count in counts.items()}


def candidate_pairs(features: Sequence[StoryFeatures]) -> set[tuple[int, int]]:
    """Pairs worth comparing: a lead person in common within a day, or an uncommon passage in common."""
    by_person_day: dict[tuple[str, int], list[int]] = defaultdict(list)
    by_passage: dict[int, list[int]] = defaultdict(list)
    for index, item in enumerate(features):
        if item.day is not None:
            for person in item.lead_people:
                by_person_day[(person, item.day)].append(index)
        for passage in item.passages:
            by_passage[passage].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in by_passage.values():
        if len(members) <= COMMON_PASSAGE:
            pairs.update(_pairs_within(members, features, WIRE_COPY_DAYS, undated=True))
    for (person, day), members in by_person_day.items():
        neighbours = list(members)
        for offset in range(1, SAME_EVENT_DAYS + 1):
            neighbours += by_person_day.get((person, day + offset), [])
        pairs.update(_pairs_within(neighbours, features, SAME_EVENT_DAYS, undated=False))
    return pairs


def _pairs_within(
    members: Sequence[int], features: Sequence[StoryFeatures], days: int, *, undated: bool
) -> Iterable[tuple[int, int]]:
    for position, first in enumerate(members):
        for second in members[position + 1 :]:
            if first == second:
                continue
            a, b = features[first].day, features[second].day
            if a is None or b is None:
                if undated:
                    yield (min(first, second), max(first, second))
            elif abs(a - b) <= days:
                yield (min(first, second), max(first, second))


def group_stories(features: Sequence[StoryFeatures]) -> dict[str, str]:
    """Every article's story key: the id of the earliest article of its group (its own when alone)."""
    idf = rarity(features)
    parent = list(range(len(features)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for first, second in sorted(candidate_pairs(features)):
        if compare(features[first], features[second], idf).same:
            parent[root(first)] = root(second)
    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(features)):
        members[root(index)].append(index)
    keys: dict[str, str] = {}
    for group in members.values():
        earliest = min(group, key=lambda index: (features[index].day or 10**7, features[index].article_id))
        for index in group:
            keys[features[index].article_id] = features[earliest].article_id
    return keys
