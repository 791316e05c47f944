"""Grouping name mentions into people, and describing each: canonical name, role, country."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache

from dipreader.extract.officials.article_countries import CountryGuess
from dipreader.extract.officials.name_candidates import Candidate
from dipreader.extract.officials.titles import COURTESY_HEADS, country_in_title, is_head, role_from_title
from dipreader.model.knowledge import Knowledge, KnownPerson
from dipreader.model.names import (
    PATRONYMIC_LINKS,
    NameParts,
    canonical_choice,
    name_parts,
    name_tokens,
    same_person,
)


@dataclass
class MentionedPerson:
    full_forms: list[str] = field(default_factory=list)
    short_forms: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    mentions: list[Candidate] = field(default_factory=list)
    known: KnownPerson | None = None

    def reference_name(self) -> str:
        return (self.full_forms or self.short_forms)[0]


# Each name of an article is compared with each person, and the same names recur across articles.
_same_person = lru_cache(maxsize=16384)(same_person)


def _link(candidate_text: str, person: MentionedPerson) -> bool:
    """A surname-only or repeated mention belongs to this person."""
    return _links(candidate_text, person.reference_name())


@lru_cache(maxsize=16384)
def _links(candidate_text: str, reference: str) -> bool:
    if same_person(candidate_text, reference):
        return True
    short = name_tokens(candidate_text)
    long = name_tokens(reference)
    if not short or len(short) >= len(long):
        return False
    tail = long[1:]
    # Never the father's name after "bin": "Abdullah" is not "Al Hussein bin Abdullah II".
    if any(
        tail[i : i + len(short)] == short and long[i] not in PATRONYMIC_LINKS
        for i in range(len(tail) - len(short) + 1)
    ):
        return True
    # "Mr Ding" for Ding Xuexiang, "FM Cho" for Cho Tae-yul, "PM Shehbaz" for Shehbaz Sharif: family
    # names written first, or a leader called by the first name.
    return len(short) == 1 and len(long) >= 2 and short[0] == long[0] and len(short[0]) > 1


_PARTNER = re.compile(r"\s+and\s+(?:[A-Z][\w'’.-]*\s+){1,4}$")


def pair_partner_country(
    text: str, start: int, countries_by_end: dict[int, str | None], country: str, guess: CountryGuess
) -> str:
    """ "President Ilham Aliyev and President Kassym-Jomart Tokayev": two leaders named as a pair
    come from the two sides, so a guess equal to the partner's country is the other one."""
    match = _PARTNER.search(text, max(0, start - 80), start)
    if match is None or countries_by_end.get(match.start()) != country:
        return country
    # Only the same bare title on both sides ("President ... and President ..."): "President Xi
    # Jinping and Premier Li Qiang" are colleagues.
    title = match.group().split(None, 1)[1].rstrip()
    partner = text[max(0, match.start() - 120) : match.start()]
    if not re.search(rf"(?<![\w-]){re.escape(title)}\s+(?:[A-Z][\w'’.-]*\s+){{0,3}}[A-Z][\w'’.-]*$", partner):
        return country
    return guess.other(country) or country


def group_people(candidates: list[Candidate], evidence: dict[int, list[str]]) -> list[MentionedPerson]:
    """Accepted names grouped into people, then the other names linked to them as later mentions."""
    people: list[MentionedPerson] = []
    # Full names first, so that "President Mattarella" joins "Sergio Mattarella" whatever the order.
    for position, candidate in enumerate(candidates):
        if candidate.accepted and candidate.last > candidate.first:
            full: MentionedPerson | None = _find_person(people, candidate.text, full=True)
            shortened = None if full else _shortened_from(people, candidate.text)
            found = full or shortened or _new_person(people)
            (found.short_forms if shortened else found.full_forms).append(candidate.text)
            found.titles.extend(evidence[position])
            found.mentions.append(candidate)
    for position, candidate in enumerate(candidates):
        if candidate.accepted and candidate.last == candidate.first:
            linked = _find_person(people, candidate.text, full=False, near=candidate.start)
            found = linked or _new_person(people)
            if linked is None:
                found.short_forms.append(candidate.text)
            found.titles.extend(evidence[position])
            found.mentions.append(candidate)
    for candidate in candidates:
        if not candidate.accepted:
            later = _find_person(people, candidate.text, full=False, near=candidate.start)
            if later is not None and (" " in candidate.text.strip() or _spelled_alike(candidate.text, later)):
                later.mentions.append(candidate)
    for person in people:
        person.mentions.sort(key=lambda mention: mention.start)
    return people


def _shortened_from(people: list[MentionedPerson], name: str) -> MentionedPerson | None:
    """The one person named before whose full name `name` shortens: its last words ("Ben Hadj
    Amor" for Slim Ben Hadj Amor; never after "bin", the father's name), or initials of its given
    names before the same family name ("M.Kh. Abbasi" for Muhammad Khurram Abbasi)."""
    found = [
        person
        for person in people
        if any(_tail_of(name, form) or _initials_of(name, form) for form in person.full_forms)
    ]
    return found[0] if len(found) == 1 else None


def _tail_of(name: str, full_name: str) -> bool:
    short, long = name_tokens(name), name_tokens(full_name)
    start = len(long) - len(short)
    return (
        len(short) >= 2 and start >= 1 and long[start:] == short and long[start - 1] not in PATRONYMIC_LINKS
    )


# "M.Kh.", "A.B.", "Sh.M.": each group a capital and at most one small letter, each with its dot.
_INITIALS = re.compile(r"(?:[A-Z][a-z]?\.){1,4}")
_INITIAL = re.compile(r"[A-Z][a-z]?")


def _initials_of(name: str, full_name: str) -> bool:
    words = name.split()
    if len(words) != 2 or not _INITIALS.fullmatch(words[0]):
        return False
    initials = [initial.casefold() for initial in _INITIAL.findall(words[0])]
    long = name_tokens(full_name)
    given, family = long[:-1], name_tokens(words[1])
    return (
        family == long[-1:]
        and len(initials) == len(given)
        and all(token.startswith(initial) for initial, token in zip(initials, given, strict=True))
    )


def _spelled_alike(name: str, person: MentionedPerson) -> bool:
    """A single word no title vouches for is this person's only when written as one of their
    words: a misspelling is forgiven a titled name or two words ("Abdel Aty" for Abdelatty), not a
    look-alike place ("the Vaitele area" is not Vaifale)."""
    words = set(name_tokens(name))
    return words <= {token for form in person.full_forms + person.short_forms for token in name_tokens(form)}


def _new_person(people: list[MentionedPerson]) -> MentionedPerson:
    people.append(MentionedPerson())
    return people[-1]


def _find_person(
    people: list[MentionedPerson], name: str, *, full: bool, near: int = 0
) -> MentionedPerson | None:
    if full:
        return next((p for p in people if p.full_forms and _same_person(name, p.reference_name())), None)
    matches = [person for person in people if _link(name, person)]
    if len(matches) <= 1:
        return matches[0] if matches else None
    # "Ha" is Nguyen Thi Thu Ha's name, only a syllable of Shin Dong-ha's given name.
    matches = [person for person in matches if _whole_word_of(name, person)] or matches
    if len(matches) == 1:
        return matches[0]

    # Several people share the surname ("Aliyev"): the one named most recently before it.
    def last_seen_before(person: MentionedPerson) -> int:
        starts = [mention.start for mention in person.mentions if mention.start < near]
        return max(starts) if starts else -1

    return max(matches, key=last_seen_before)


def _whole_word_of(name: str, person: MentionedPerson) -> bool:
    """`name` is written as a whole word of the person's name, not a part of a hyphenated one."""
    short = "".join(name_tokens(name))
    return any(
        "".join(name_tokens(word)) == short
        for form in person.full_forms or person.short_forms
        for word in form.split()
    )


def _courtesy_only(role: str) -> bool:
    """ "Sheikh", "His Highness Sheikh": a form of address, not an office."""
    heads = [word for word in role.split() if is_head(word)]
    return bool(heads) and all(word.casefold() in COURTESY_HEADS for word in heads)


@dataclass(frozen=True)
class Description:
    """What one article states about a person: canonical name, role, country and where it came from."""

    name: str
    role: str | None
    country: str | None
    basis: str | None
    weak_role: bool


def describe_person(person: MentionedPerson, knowledge: Knowledge) -> Description:
    """Canonical name, role as stated (else the known one) and country for one person."""
    known = next((k for k in (knowledge.person_named(form) for form in person.full_forms) if k), None)
    if known is None and not person.full_forms:
        known = knowledge.person_with_surname(person.short_forms[0])
    if known is not None:
        name = known.name
    else:
        name = canonical_choice([name_form(form) for form in person.full_forms or person.short_forms])
    stated_titles = [title for title in person.titles if role_from_title(title).casefold() != "counterpart"]
    stated_titles = stated_titles or person.titles
    offices = [title for title in stated_titles if not _courtesy_only(title)]
    stated = [role_from_title(title) for title in offices or stated_titles]
    role = stated[0] if stated else (known.latest_role() if known else None)
    weak = role is None or role.casefold() == "counterpart" or _courtesy_only(role)
    countries = [country for country in (country_in_title(title) for title in person.titles) if country]
    if countries:
        return Description(name, role, countries[0], "title", weak)
    if known is not None and known.country:
        return Description(name, role, known.country, "knowledge", weak)
    return Description(name, role, None, None, weak)


def name_form(written: str) -> str:
    """A name as the who's-who shows it: no nickname, a family name in capitals in title case
    ('Jose Antonio "Tony" Villarama Jr.' -> "Jose Antonio Villarama Jr.", "NAKAMURA Kazuhiro" ->
    "Nakamura Kazuhiro")."""
    if not _NEEDS_FORM.search(written):
        return written
    text = _NICKNAME.sub(" ", written)
    words = text.split()
    if not all(word.isupper() for word in words):
        words = [
            word.capitalize() if word.isupper() and len(word) > 2 and "." not in word else word
            for word in words
        ]
    return " ".join(words)


_NEEDS_FORM = re.compile(r"[\"“”‘']|[A-Z]{3}")
_NICKNAME = re.compile(r"\s*[\"“”‘'][^\"“”’']{1,20}[\"“”’']\s*")


def parts_of(person: MentionedPerson, name: str) -> NameParts:
    """The parts of the canonical name, read from the spelling the article wrote it in: capitals
    mark the family name ("NAKAMURA Kazuhiro"), which the shown name no longer has."""
    if name in person.full_forms:
        return name_parts(name)
    written = next((form for form in person.full_forms if name_form(form) == name), name)
    parts = name_parts(written)
    if written == name:
        return parts
    return dataclasses.replace(
        parts,
        given=tuple(name_form(word) for word in parts.given),
        family=tuple(name_form(word) for word in parts.family),
    )
