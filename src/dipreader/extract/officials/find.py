"""Find officials: title + name, name + apposition, counterparts, later surname-only mentions."""

from __future__ import annotations

from dipreader.extract.officials.article_countries import CountryGuess
from dipreader.extract.officials.country_frames import COUNTERPART, STATED, Official, settle_countries
from dipreader.extract.officials.name_candidates import Candidate
from dipreader.extract.officials.person_linking import (
    MentionedPerson,
    describe_person,
    group_people,
    pair_partner_country,
    parts_of,
)
from dipreader.extract.officials.plural_titles import shared_titles, with_shared_qualifier
from dipreader.extract.officials.title_reading import TitleReader
from dipreader.model.article import OfficialMention
from dipreader.model.knowledge import Knowledge


def find_officials(text: str, knowledge: Knowledge) -> list[OfficialMention]:
    """Every mention of every official in `text`, with canonical name, role and country."""
    reader = TitleReader(text)
    candidates = reader.candidates()
    shared = shared_titles(reader, candidates) if " and " in text else {}
    evidence: dict[int, list[str]] = {}
    titles_before: dict[int, tuple[int, int]] = {}
    for position, candidate in enumerate(candidates):
        titles: list[str] = []
        if reader.names_an_organisation(candidate.first):
            continue
        before = reader.trimmed_title_before(candidate) or reader.title_before(candidate.first)
        if position in shared:
            titles.append(shared[position])
        elif before:
            titles_before[position] = before
            first_title = titles_before.get(position - 1)
            qualified = (
                with_shared_qualifier(text, first_title, before)
                if first_title and text[candidates[position - 1].end : before[0]] == " and "
                else None
            )
            titles.append(qualified or text[before[0] : before[1]])
        # Headlines join people with commas ("PM Shehbaz, Chinese vice premier vow ..."): no apposition.
        after = None if candidate.start < reader.headline_end else reader.title_after(candidate.last)
        if after:
            titles.append(text[after[0] : after[1]])
        taken_up = None if titles else reader.title_taken_up(candidate)
        if taken_up:
            titles.append(text[taken_up[0] : taken_up[1]])
        multiword = candidate.last > candidate.first
        known = knowledge.person_named(candidate.text) if multiword else None
        if titles or known or (multiword and reader.speaks(candidate)):
            candidate.accepted = True
            evidence[position] = titles
    _drop_names_inside_titles(candidates, evidence, titles_before)
    people = group_people(candidates, evidence)
    officials: list[tuple[MentionedPerson, str, Official]] = []
    for person in people:
        described = describe_person(person, knowledge)
        official = Official(
            person.mentions, described.role, described.country, described.basis, described.weak_role
        )
        officials.append((person, described.name, official))
    guess = settle_countries(text, [official for _, _, official in officials], lambda: CountryGuess(text))
    countries_by_end = {m.end: official.country for _, _, official in officials for m in official.mentions}
    mentions: list[OfficialMention] = []
    for person, name, official in officials:
        country, basis = official.country, official.basis
        if guess is not None and country is not None and basis not in STATED:
            partner = pair_partner_country(text, person.mentions[0].start, countries_by_end, country, guess)
            if partner != country:
                country, basis = partner, COUNTERPART
        parts = parts_of(person, name)
        mentions.extend(
            OfficialMention(
                name, mention.text, mention.start, mention.end, official.role, country, basis, parts
            )
            for mention in person.mentions
        )
    return sorted(mentions, key=lambda mention: mention.start)


def _drop_names_inside_titles(
    candidates: list[Candidate], evidence: dict[int, list[str]], titles: dict[int, tuple[int, int]]
) -> None:
    """A name inside another name's title is what the title governs, not a person: "Aquatic" of
    "Deputy Minister of Fisheries, Aquatic and Ocean Resources R.M. Chandana Bandara"."""
    for position in list(evidence):
        candidate = candidates[position]
        # A title ends right before its own name: only the next few names' titles can hold this one.
        for later in range(position + 1, position + 4):
            span = titles.get(later)
            if span is not None and span[0] <= candidate.start and candidate.end <= span[1]:
                del evidence[position]
                candidate.accepted = False
                break
