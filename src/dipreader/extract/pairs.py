"""The country pair an article is about: from its title, its officials' countries and the countries it names.

The rules, in order (each says which it used, as the basis):

1. A title that names three countries or more is about many (a summit): no pair.
2. A title that names two gives the pair. When the officials clearly belong to two other countries
   (one of the title's has no official), the article is about that relationship too: two pairs.
3. Otherwise the officials decide. A country the title names is one side; the other is the country
   with most officials (then most mentions) that clearly leads the rest. Officials of three countries
   or more that no two of them dominate are a multilateral meeting: no pair.
4. With officials of one country at most, the countries the body names most (twice at least) fill in.
5. What is left is an article about one country, or about none: it says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from dipreader.model.article import OfficialMention
from dipreader.model.countries import (
    INTERNATIONAL_BODIES,
    country_by_capital,
    country_by_word,
    country_of,
    names_a_currency,
)

Pair = tuple[str, str]
PairKind = Literal["bilateral", "several", "one-country", "multilateral", "none"]

DOMINANT_SHARE = 2 / 3
"""The two leading countries must have this share of the officials (or mentions) to make a pair."""
MIN_NAMED = 2
"""A country named only in the body must be named this often to be a side."""

_CAPITALISED_RUN = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ][\w'’.]*(?:[ -][A-ZÀ-ÖØ-Þ][\w'’.]*){0,4}")
# Capitals that are also given names ("Santiago Peña", "Victoria Nuland"): a country only when
# no capitalised word follows.
_CAPITALS_ALSO_NAMES = frozenset({"Santiago", "Sofia", "Victoria", "Kingston", "Lima", "Colombo", "Male"})
_NAMES_ALSO_COUNTRIES = frozenset({"Chad", "Jordan", "Georgia"})
# Capitalised words of Title Case headlines that follow a place without making it a name.
_TITLE_WORDS = frozenset(
    """
    And Or To In Of On At For With From By The A As Is Are Sign Signs Hold Holds Meet Meets Discuss
    Discusses Talks Agree Agrees Relations Ties
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class ArticlePairs:
    """What an article is about: its pairs (each in alphabetical order), the countries behind them."""

    kind: PairKind
    pairs: tuple[Pair, ...]
    countries: tuple[str, ...]
    """The countries the decision rested on, leading first (for a summit: every one it saw)."""
    basis: str


NO_PAIRS = ArticlePairs("none", (), (), "no country named")


def fold(name: str) -> str:
    """A country name for sorting and matching: no accents, case folded ("Türkiye" -> "turkiye")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def make_pair(first: str, second: str) -> Pair:
    """The two countries in alphabetical order."""
    a, b = sorted((first, second), key=fold)
    return (a, b)


def pair_label(pair: Pair) -> str:
    """`Azerbaijan–Italy`."""
    return f"{pair[0]}–{pair[1]}"


@cache
def _country_by_folded_name() -> dict[str, str]:
    table = {fold(word): country for word, country in country_by_word().items()}
    table.update({fold(capital): country for capital, country in country_by_capital().items()})
    return table


def country_named(text: str) -> str | None:
    """The country a typed name stands for, in any case ("italy", "Türkiye", "turkey", "UAE")."""
    return _country_by_folded_name().get(fold(" ".join(text.split())))


_PAIR_SEPARATOR = re.compile(r"\s*(?:[-–—/,:]|\band\b|\bvs?\.?(?=\s))\s*", re.IGNORECASE)


def parse_pair(text: str) -> Pair | None:
    """A pair as typed: "Azerbaijan-Italy", "italy–azerbaijan", "Guinea-Bissau/Italy"; None if not one."""
    cuts = [match for match in _PAIR_SEPARATOR.finditer(text) if 0 < match.start() < len(text.rstrip())]
    for cut in cuts:
        first, second = country_named(text[: cut.start()]), country_named(text[cut.end() :])
        if first and second and first != second:
            return make_pair(first, second)
    return None


def _country_of(phrase: str, followed_by_name: bool) -> str | None:
    if followed_by_name and phrase in (_CAPITALS_ALSO_NAMES | _NAMES_ALSO_COUNTRIES):
        return None
    for words in dict.fromkeys((phrase, phrase.rstrip("."))):  # "U.S." as written; "Rome." at an end
        country = country_by_word().get(words)
        if country is None:
            country = country_by_capital().get(words)
        if country is None and len(words) > 3 and words.isupper():  # "AZERBAIJAN, ITALY SIGN ..."
            country = _country_by_folded_name().get(fold(words))
        if country is None and not words.isascii():  # "Việt Nam", "Hà Nội"
            country = country_of(words)
        if country is not None:
            return country
    return None


def _countries_in(text: str) -> list[str]:
    """Every country the text names by name, other name, demonym or capital, in order; not the
    country word of a currency ("US$2 billion")."""
    found: list[str] = []
    for match in _CAPITALISED_RUN.finditer(text):
        for country, at_end in _run_countries(match.group()):
            if not (at_end and names_a_currency(text, match.end())):
                found.append(country)
    return found


# The same runs of capitalised words ("The", "President Ilham Aliyev") recur in every article.
@lru_cache(maxsize=32768)
def _run_countries(run: str) -> tuple[tuple[str, bool], ...]:
    """The countries one run of capitalised words names (international bodies left out), each with
    whether it ends the run (then the text after the run says whether it names a currency)."""
    found: list[tuple[str, bool]] = []
    parts = re.split(r"([ -])", run)
    tokens, separators = parts[::2], parts[1::2]
    index = 0
    while index < len(tokens):
        for length in range(len(tokens) - index, 0, -1):
            end = index + length
            phrase = "".join(parts[2 * index : 2 * end - 1])
            phrase = phrase.removesuffix("'s").removesuffix("’s")
            followed = end < len(tokens) and separators[end - 1] == " " and tokens[end] not in _TITLE_WORDS
            country = _country_of(phrase, followed)
            if country is not None:
                if country not in INTERNATIONAL_BODIES:
                    found.append((country, end == len(tokens)))
                index = end
                break
        else:
            index += 1
    return tuple(found)


def countries_named(text: str) -> tuple[tuple[str, int], ...]:
    """Each country the text names (international bodies left out) with how often, most named first."""
    counts = Counter(_countries_in(text))
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], fold(item[0]))))


def title_countries(title: str) -> tuple[str, ...]:
    """The countries a title names, each once, in the order it names them."""
    return tuple(dict.fromkeys(_countries_in(title)))


def official_countries(officials: Iterable[OfficialMention]) -> Counter[str]:
    """How many different officials each country has (each official counted under their usual country)."""
    per_name: dict[str, Counter[str]] = {}
    for mention in officials:
        if mention.country and mention.country not in INTERNATIONAL_BODIES:
            per_name.setdefault(mention.name, Counter())[mention.country] += 1
    return Counter(min(counts, key=lambda c: (-counts[c], fold(c))) for counts in per_name.values())


def _ranked(counts: Mapping[str, int], named: Mapping[str, int]) -> list[str]:
    return sorted(counts, key=lambda country: (-counts[country], -named.get(country, 0), fold(country)))


def _leading_two(ranked: list[str], counts: Mapping[str, int], named: Mapping[str, int]) -> Pair | None:
    """The first two of `ranked` when they clearly lead: nobody ties the second, and they hold the share."""
    if len(ranked) < 2:
        return None
    if len(ranked) > 2:
        second, third = ranked[1], ranked[2]
        if (counts[second], named.get(second, 0)) <= (counts[third], named.get(third, 0)):
            return None
        if counts[ranked[0]] + counts[second] < DOMINANT_SHARE * sum(counts.values()):
            return None
    return make_pair(ranked[0], ranked[1])


def _most_named_besides(country: str, named: Mapping[str, int]) -> str | None:
    others = [c for c in _ranked(named, {}) if c != country and named[c] >= MIN_NAMED]
    return others[0] if others else None


def detect_pairs(
    title: str,
    officials: Iterable[OfficialMention],
    named: Iterable[tuple[str, int]] | Mapping[str, int],
) -> ArticlePairs:
    """The pair(s) of one article (see the module's rules); `named` from `countries_named(body)`."""
    in_title = title_countries(title)
    named_counts = dict(named.items() if isinstance(named, Mapping) else named)
    people = official_countries(officials)
    if len(in_title) >= 3:
        return ArticlePairs("multilateral", (), in_title, f"the title names {len(in_title)} countries")
    if len(in_title) == 2:
        return _title_pair(in_title, people, named_counts)
    if in_title:
        return _around(in_title[0], people, named_counts)
    ranked = _ranked(people, named_counts)
    if len(ranked) >= 2:
        pair = _leading_two(ranked, people, named_counts)
        if pair is None:
            return ArticlePairs("multilateral", (), tuple(ranked), f"officials of {len(ranked)} countries")
        return ArticlePairs("bilateral", (pair,), tuple(ranked[:2]), "officials")
    if ranked:
        return _around(ranked[0], people, named_counts, "officials")
    by_mentions = _ranked(named_counts, {})
    if not by_mentions:
        return NO_PAIRS
    pair = _leading_two(by_mentions, named_counts, {})
    if pair is not None and named_counts[by_mentions[1]] >= MIN_NAMED:
        return ArticlePairs("bilateral", (pair,), tuple(by_mentions[:2]), "named countries")
    if len(by_mentions) >= 3 and named_counts[by_mentions[2]] >= MIN_NAMED:
        return ArticlePairs("multilateral", (), tuple(by_mentions), "named countries, none leading")
    return ArticlePairs("one-country", (), (by_mentions[0],), "named countries")


def _title_pair(in_title: tuple[str, ...], people: Counter[str], named: Mapping[str, int]) -> ArticlePairs:
    pair = make_pair(*in_title)
    officials_pair = _leading_two(_ranked(people, named), people, named)
    unrepresented = [country for country in in_title if not people.get(country)]
    if officials_pair is not None and officials_pair != pair and unrepresented:
        countries = tuple(dict.fromkeys((*in_title, *officials_pair)))
        basis = f"title; the officials are of {pair_label(officials_pair)}"
        return ArticlePairs("several", (pair, officials_pair), countries, basis)
    basis = "title and officials" if not unrepresented else "title"
    return ArticlePairs("bilateral", (pair,), in_title, basis)


def _around(
    country: str, people: Counter[str], named: Mapping[str, int], basis: str = "title"
) -> ArticlePairs:
    """The pair with `country` as one side: the other from the officials, else from the body."""
    others = [c for c in _ranked(people, named) if c != country]
    if others:
        forced = {**people, country: max(people.get(country, 0), 1)}
        pair = _leading_two([country, *others], forced, named)
        if pair is None:
            countries = (country, *others)
            return ArticlePairs("multilateral", (), countries, f"officials of {len(countries)} countries")
        return ArticlePairs("bilateral", (pair,), (country, others[0]), f"{basis} and officials")
    partner = _most_named_besides(country, named)
    if partner is not None:
        return ArticlePairs(
            "bilateral", (make_pair(country, partner),), (country, partner), f"{basis} and named countries"
        )
    return ArticlePairs("one-country", (), (country,), f"{basis}; no second country")


def pairs_fields(found: ArticlePairs) -> dict[str, object]:
    """The keys `list --json` and `entities --json` give each article: its pairs and why."""
    return {
        "pairs": [list(pair) for pair in found.pairs],
        "pair_kind": found.kind,
        "pair_countries": list(found.countries),
        "pair_basis": found.basis,
    }
