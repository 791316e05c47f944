"""Find officials: title + name, name + apposition, counterparts, later surname-only mentions."""

from __future__ import annotations

from dipreader.extract.officials.article_countries import CountryGuess
from dipreader.extract.officials.person_linking import (
    MentionedPerson,
    country_stated,
    describe_person,
    group_people,
    pair_partner_country,
)
from dipreader.extract.officials.title_reading import TitleReader
from dipreader.model.article import OfficialMention
from dipreader.model.knowledge import Knowledge


def find_officials(text: str, knowledge: Knowledge) -> list[OfficialMention]:
    """Every mention of every official in `text`, with canonical name, role and country."""
    reader = TitleReader(text)
    candidates = reader.candidates()
    evidence: dict[int, list[str]] = {}
    for position, candidate in enumerate(candidates):
        titles: list[str] = []
        if reader.names_an_organisation(candidate.first):
            continue
        before = reader.trimmed_title_before(candidate) or reader.title_before(candidate.first)
        if before:
            titles.append(text[before[0] : before[1]])
        # Headlines join people with commas ("PM Shehbaz, Chinese vice premier vow ..."): no apposition.
        after = None if candidate.start < reader.headline_end else reader.title_after(candidate.last)
        if after:
            titles.append(text[after[0] : after[1]])
        multiword = candidate.last > candidate.first
        known = knowledge.person_named(candidate.text) if multiword else None
        if titles or known or (multiword and reader.speaks(candidate)):
            candidate.accepted = True
            evidence[position] = titles
    people = group_people(candidates, evidence)
    guess: CountryGuess | None = None
    mentions: list[OfficialMention] = []
    guessed: dict[int, bool] = {}
    described: list[tuple[MentionedPerson, str, str | None, str | None]] = []
    for person in people:
        name, role, country = describe_person(person, knowledge)
        if country is None and person.mentions:
            guess = guess or CountryGuess(text)
            country = guess.guess(person.mentions[0].start, person.mentions[0].end)
        guessed[id(person)] = (
            country is not None and guess is not None and not country_stated(person, knowledge)
        )
        described.append((person, name, role, country))
    countries_by_end = {m.end: country for person, _, _, country in described for m in person.mentions}
    for person, name, role, country in described:
        if guessed[id(person)] and guess is not None and country is not None:
            country = pair_partner_country(text, person.mentions[0].start, countries_by_end, country, guess)
        mentions.extend(
            OfficialMention(name, mention.text, mention.start, mention.end, role, country)
            for mention in person.mentions
        )
    return sorted(mentions, key=lambda mention: mention.start)
