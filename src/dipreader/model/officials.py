"""Find officials: title + name, name + apposition, counterparts, later surname-only mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dipreader.model.article import OfficialMention
from dipreader.model.article_countries import CountryGuess
from dipreader.model.countries import (
    country_of,
    demonyms,
    multiword_places_by_first,
    place_words,
    takes_article,
)
from dipreader.model.knowledge import Knowledge, Person
from dipreader.model.names import PARTICLES, PATRONYMIC_LINKS, canonical_choice, name_tokens, same_person
from dipreader.model.titles import (
    CONNECTOR_WORDS,
    COURTESY_HEADS,
    FUNCTION_WORDS,
    HONORIFIC_WORDS,
    INSTITUTION_WORDS,
    TITLE_VOCABULARY,
    country_in_title,
    is_acronym,
    is_head,
    is_title_word,
    not_name_words,
    role_from_title,
)

# Dotted acronyms ("U.S.", "U.K.", "J.D.") are one word: a title reads on across them.
_WORD = re.compile(r"(?:[A-Z]\.){2,}|(?:(?:al|el|ad|Al|El)-)?[^\W\d_]+(?:['’][^\W\d_]{2,}|-[^\W\d_]+)*")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_VERBS = (
    r"(?:said|says|noted|notes|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|underscored|"
    r"added|adds|told|stated|states|remarked|highlighted|pointed|expressed|welcomed|thanked|"
    r"congratulated|met|meets|visited|visits|announced|declared|praised|called|urged|recalled|"
    r"briefed|informed|invited|received|receives|hosted|signed|attended|discussed|mentioned|assured|"
    r"reaffirmed|confirmed|spoke|commended|conveyed|delivered|wrote|explained|voiced|shared|"
    r"reiterated|proposed|suggested|handed|presented|welcomes|thanks|arrived|departed|chaired|"
    r"co-chaired|addressed)\b"
)
_SPEECH_VERB = re.compile(r"\s*(?:,\s*)?(?:also|further|then|has|had|later|in\s+turn|,)?\s*" + _VERBS)
# A headline's capitalised verb ("Georgian PM Meets Azerbaijani Counterpart") is no one's name.
_VERB_WORD = re.compile(_VERBS, re.IGNORECASE)
_REGNAL = re.compile(r"^(?:[IVX]{1,4})$")
_SAINTS = frozenset({"St", "Saint", "Saints", "Sts", "San", "Santa", "Sao", "São", "Ste"})
_LEADING_FILLER_WORDS = frozenset(
    {
        "the",
        "his",
        "her",
        "their",
        "its",
        "our",
        "a",
        "an",
        "of",
        "and",
        "for",
        "on",
        "in",
        "to",
        "with",
        "at",
        "&",
    }
)
_CONNECTORS = frozenset({"of", "the", "for", "and", "&", "on"})
_COMMON_NOUN_ENDINGS = ("tion", "tions", "sion", "sions", "ments", "ities", "ives", "ness", "ship", "ology")
_NAME_LINKS = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "abdel", "abdul", "ould"})
# Titles that are also given names, inside a name: "Omar Sultan Al Olama".
_TITLES_ALSO_NAMES = frozenset({"Sultan", "Amir", "Emir", "Malik"})
_ARTICLE_PREFIXES = frozenset({"al", "el", "ad", "as", "ash", "at", "az"})
_NOT_IN_TITLES = frozenset({"with", "at", "by", "from", "between", "among"})
_BYLINE = re.compile(r"^[ \t]*(?:By[ \t]+)?[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){1,3}[ \t]*$", re.MULTILINE)
_BY_NAME = re.compile(r"(?:^|\n)[ \t]*By[ \t]+[^\n]{0,60}", re.IGNORECASE)


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        first = self.text[3] if self.text[:3].casefold() in {"al-", "el-", "ad-"} else self.text[0]
        return first.isupper()


@dataclass
class _Candidate:
    first: int
    last: int
    start: int
    end: int
    text: str
    title: tuple[int, int] | None = None
    accepted: bool = False


@dataclass
class _Person:
    full_forms: list[str] = field(default_factory=list)
    short_forms: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    mentions: list[_Candidate] = field(default_factory=list)
    known: Person | None = None

    def reference_name(self) -> str:
        return (self.full_forms or self.short_forms)[0]


def is_regnal(word: str) -> bool:
    """ "II", "VI": the numeral of a monarch's name ("King Felipe VI")."""
    return _REGNAL.match(word) is not None


def _tokens(text: str) -> list[_Token]:
    """Words of the text; the "s" of a possessive ("Spain's") is not a word of its own."""
    return [
        _Token(match.group(), match.start(), match.end())
        for match in _WORD.finditer(text)
        if not (match.group() in ("s", "S") and text[match.start() - 1 : match.start()] in ("'", "’"))
    ]


class _Reader:
    """One pass over one article's tokens."""

    def __init__(self, text: str, knowledge: Knowledge) -> None:
        self.text = text
        self.knowledge = knowledge
        self.tokens = _tokens(text)
        self.lowercase_words = {token.text for token in self.tokens if token.text.islower()}
        self.excluded = _byline_ranges(text)
        self.in_place_name = self._multiword_places()
        lines = text.lstrip().split("\n", 1)
        self.headline_end = len(text) - len(text.lstrip()) + len(lines[0]) if len(lines) > 1 else 0

    # --- tokens -------------------------------------------------------------------------------
    def gap(self, left: int, right: int) -> str:
        return self.text[self.tokens[left].end : self.tokens[right].start]

    def joined(self, left: int, right: int) -> bool:
        """Two tokens belong to one name: a single space, or an initial's full stop."""
        gap = self.gap(left, right)
        if gap in (" ", "\u00a0"):
            return True
        return gap == ". " and len(self.tokens[left].text) == 1

    def _multiword_places(self) -> set[int]:
        """Indices of tokens inside a place name of several words ("Viet Nam", "Sri Lanka")."""
        covered: set[int] = set()
        words = [token.text for token in self.tokens]
        by_first = multiword_places_by_first()
        for start, word in enumerate(words):
            for phrase in by_first.get(word, ()):
                if tuple(words[start : start + len(phrase)]) == phrase:
                    covered.update(range(start, start + len(phrase)))
        return covered

    def name_word(self, index: int) -> bool:
        token = self.tokens[index]
        word = token.text
        if index in self.in_place_name:
            return False
        if _DOTTED.fullmatch(word):
            # Initials of a name ("J.D. Vance"), never a country ("U.S. President").
            following = index + 1
            return (
                country_of(word) is None
                and following < len(self.tokens)
                and self.joined(index, following)
                and not _DOTTED.fullmatch(self.tokens[following].text)
                and self.name_word(following)
            )
        if not token.capitalised or word in not_name_words() or is_acronym(word):
            return False
        if len(word) > 6 and word.casefold().endswith(_COMMON_NOUN_ENDINGS):
            return False  # "Special Initiatives", "Remote Work Applications": words, not names
        if "-" in word:
            parts = [part for part in word.split("-") if part]
            if parts[0].casefold() in _ARTICLE_PREFIXES:
                parts = parts[1:]  # "El-Sisi", "Al-Sudani": the article is not "El Salvador"
            blocked = place_words() | demonyms() | INSTITUTION_WORDS
            if any(part in blocked for part in parts):
                return False
        return len(word) > 1 or (index + 1 < len(self.tokens) and self.gap(index, index + 1) == ". ")

    def sentence_initial(self, index: int) -> bool:
        before = self.text[: self.tokens[index].start].rstrip(" \t")
        return not before or before[-1] in '.!?\n"“”:;('

    # --- candidates ---------------------------------------------------------------------------
    def candidates(self) -> list[_Candidate]:
        found: list[_Candidate] = []
        count = len(self.tokens)
        index = 0
        while index < count:
            if not self.name_word(index):
                index += 1
                continue
            last = index
            while last + 1 < count and self.joined(last, last + 1):
                following = self.tokens[last + 1].text
                if self.name_word(last + 1) or is_regnal(following):
                    last += 1
                    continue
                if (
                    following in _TITLES_ALSO_NAMES
                    and last + 2 < count
                    and self.joined(last + 1, last + 2)
                    and self.name_word(last + 2)
                ):
                    last += 2
                    continue
                # Particles inside a surname: "Juan Ramón de la Fuente", "Ursula von der Leyen".
                after = last + 1
                while after < count and self.tokens[after].text.casefold() in PARTICLES:
                    if after + 1 >= count or not self.joined(after, after + 1):
                        break
                    after += 1
                if after > last + 1 and after < count and self.name_word(after):
                    last = after
                else:
                    break
            first = index
            while first > 0 and self.joined(first - 1, first) and self._particle(first - 1):
                first -= 1  # "de la Fuente", "da Silva"
            if (
                last > first
                and self.sentence_initial(first)
                and self._looks_like_common_word(self.tokens[first].text)
            ):
                first += 1
            index = last + 1
            while first < last and _VERB_WORD.fullmatch(self.tokens[first].text):
                first += 1  # "Georgian PM Meets Shehbaz": a headline's verb before a name
            if first == last and (
                len(self.tokens[first].text) == 1 or _VERB_WORD.fullmatch(self.tokens[first].text)
            ):
                continue  # a lone initial ("S. Korea") or a headline's verb names nobody
            if self._inside_excluded(first) or self._saint(first) or self._institution_follows(last):
                continue
            start, end = self.tokens[first].start, self.tokens[last].end
            found.append(_Candidate(first, last, start, end, self.text[start:end]))
        return found

    def _particle(self, index: int) -> bool:
        word = self.tokens[index].text
        return word.islower() and word in PARTICLES

    def _looks_like_common_word(self, word: str) -> bool:
        lowered = word.lower()
        if lowered in PARTICLES:
            return False
        return lowered in self.lowercase_words or lowered.endswith(("ing", "ly", "ed"))

    def _inside_excluded(self, index: int) -> bool:
        position = self.tokens[index].start
        return any(start <= position < end for start, end in self.excluded)

    def _saint(self, first: int) -> bool:
        if first == 0:
            return False
        gap = self.gap(first - 1, first)
        return self.tokens[first - 1].text in _SAINTS and gap.strip() in ("", ".")

    def _institution_follows(self, last: int) -> bool:
        """ "Heydar Aliyev Foundation", "Heydar Aliyev International Airport": a name of a place."""
        index = last + 1
        while index < len(self.tokens) and index <= last + 4 and self.joined(index - 1, index):
            token = self.tokens[index]
            if token.text in INSTITUTION_WORDS:
                return True
            if not token.capitalised:
                return False
            index += 1
        return False

    # --- evidence -----------------------------------------------------------------------------
    def title_before(self, first: int) -> tuple[int, int] | None:
        """The character span of a title phrase that ends right before the name, if any."""
        index = first - 1
        anchor = first
        while (
            index >= 0
            and self.tokens[index].text in HONORIFIC_WORDS
            and self.gap(index, anchor).strip() in ("", ".")
        ):
            anchor = index
            index -= 1
        segments: list[list[int]] = [[]]
        in_institution = False
        in_brackets = False
        while index >= 0:
            gap = self.gap(index, anchor).strip()
            word = self.tokens[index].text
            if "\n" in self.gap(index, anchor):
                break
            if gap in (",", "–", "—", "-"):
                if segments[-1]:
                    segments.append([])
                # else: "President of Italy, Sergio Mattarella": the comma before the name
            elif gap in ("’s", "'s"):
                if f"{word.casefold()}'s" in TITLE_VOCABULARY:  # "the People's Republic of China"
                    segments[-1].append(index)
                    anchor = index
                    index -= 1
                    continue
                if word not in place_words():
                    break
            elif gap == ")":  # "National Intelligence Organization (MIT) chief"
                if index == 0 or self.gap(index - 1, index).strip() != "(":
                    break
                in_brackets = True
            elif gap == "(" and in_brackets:
                in_brackets = False
            elif gap:
                break
            if in_brackets:
                segments[-1].append(index)
                anchor = index
                index -= 1
                continue
            if word.islower() and word in _NOT_IN_TITLES and not self._office_at(index):
                break  # "cooperation with Mongolian Deputy Prime Minister X": the title starts after
            if word == "and" and not (
                index > 0
                and is_title_word(self.tokens[index - 1].text)
                and not is_regnal(self.tokens[index - 1].text)  # "King Abdullah II and ..."
            ):
                break  # "President Ilham Aliyev and President X": another person before "and"
            if word in INSTITUTION_WORDS:
                in_institution = True
            elif self._title_like(index):
                in_institution = False
            elif not (in_institution and self.tokens[index].capitalised):
                run = self._institution_run(index, anchor) or self._qualifier_run(index, anchor)
                if run is None:
                    break
                segments[-1].extend(range(index, run - 1, -1))
                anchor = run
                index = run - 1
                continue
            segments[-1].append(index)
            anchor = index
            index -= 1
        # Keep the segments up to the farthest one with a title noun: "Minister of Foreign Affairs,
        # Emigration and Egyptian Expatriates" is one title although its nearest part has none.
        with_head = [i for i, segment in enumerate(segments) if self._has_head(segment)]
        if not with_head:
            return None
        ordered = sorted(i for segment in segments[: with_head[-1] + 1] for i in segment)
        while ordered and self.tokens[ordered[0]].text.casefold() in _LEADING_FILLER_WORDS:
            ordered.pop(0)
        if not ordered or self._object_of_title(ordered[-1]):
            return None
        return self.tokens[ordered[0]].start, self.tokens[ordered[-1]].end

    def _office_at(self, index: int) -> bool:
        """ "Minister of State at the Ministry of Foreign Affairs", "Counsellor at the Embassy": a
        post held at an institution, inside one title."""
        if self.tokens[index].text != "at" or index == 0:
            return False
        before = [self.tokens[i].text for i in range(max(0, index - 3), index)]
        return is_head(before[-1]) or (len(before) == 3 and is_head(before[0]) and before[1] == "of")

    def _object_of_title(self, nearest: int) -> bool:
        """The name is what the title governs, not who holds it: "Chairman of the Mazhilis",
        "chairperson of the Pakistan Stock Exchange"."""
        word = self.tokens[nearest].text
        if word.islower() and word in CONNECTOR_WORDS:
            return True
        if not (word in place_words() or word in demonyms()) or nearest == 0 or takes_article(word):
            return False
        before = self.tokens[nearest - 1].text
        possessive = self.text[self.tokens[nearest].end :].startswith(("'s", "’s"))
        return before == "the" or (before == "of" and possessive)  # "Chairman of Kazakhstan's Mazhilis"

    def names_an_organisation(self, first: int) -> bool:
        """ "the Pakistan Stock Exchange", "University of Algiers Benyoucef Benkhedda": capitalised
        words that continue an organisation's name rather than name a person."""
        if first == 0 or not self.joined(first - 1, first):
            return False
        before = self.tokens[first - 1].text
        is_place = (before in place_words() or before in demonyms()) and not takes_article(before)
        if (
            is_place
            and first > 1
            and self.tokens[first - 2].text == "the"
            and self.joined(first - 2, first - 1)
        ):
            return True
        index = first - 1
        while index >= 0 and index >= first - 4:
            word = self.tokens[index].text
            if word in INSTITUTION_WORDS:
                return self.title_before(first) is None
            if is_head(word) or not (word in ("of", "the") or word in place_words()):
                return False
            if index == 0 or not self.joined(index - 1, index):
                return False
            index -= 1
        return False

    def trimmed_title_before(self, candidate: _Candidate) -> tuple[int, int] | None:
        """ "Speaker of the Lok Sabha Om Birla", "Grand Imam of Al-Azhar Ahmed El-Tayeb": after a
        title's connector, the first capitalised words end the title and the last two name the
        person. Trims `candidate` when so."""
        if candidate.last - candidate.first < 2 or candidate.first == 0:
            return None
        connector = self.tokens[candidate.first - 1].text
        if not (connector in CONNECTOR_WORDS and self.gap(candidate.first - 1, candidate.first) == " "):
            return None
        if (
            connector == "and"
            and candidate.first > 1
            and self.gap(candidate.first - 2, candidate.first - 1) == ", "
        ):
            return None  # "X, Assistant Minister of ..., and Shihab Al Faheem": a list of people
        first = candidate.last - 1
        while first > candidate.first + 1 and self.tokens[first - 1].text.casefold() in _NAME_LINKS:
            first -= 1  # "Sultan Al Olama", "Zayed bin Sultan": the particle binds to the next word
        title = self.title_before(first)
        if title is None:
            return None
        words = self.text[title[0] : title[1]].split()
        if not any(is_head(word) and word[0].isupper() for word in words):
            return None  # "the founder of Eni Enrico Mattei": a description, not an office
        candidate.first = first
        candidate.start = self.tokens[first].start
        candidate.text = self.text[candidate.start : candidate.end]
        return title

    def _institution_run(self, index: int, following: int) -> int | None:
        """Where a run of unknown capitalised words ending at `index` starts, when it names what a
        title governs ("of the Lok Sabha", "and National Community Abroad"), else None. Never before
        an article: "at the Farnesina the Minister" is a place, then a title."""
        if not self.name_word(index) or self.tokens[following].text in ("the", "a", "an"):
            return None
        if self.gap(index, following) != " ":
            return None  # "Finance Muhammad Aurangzeb, Minister for Information X": a person, then a title
        start = index
        while start > 0 and index - start < 2 and self.joined(start - 1, start) and self.name_word(start - 1):
            start -= 1
        if start == 0 or self.gap(start - 1, start) != " ":
            return None
        before = self.tokens[start - 1].text
        if before.islower():
            return start if before in CONNECTOR_WORDS else None
        vocabulary = is_title_word(before) and not is_head(before) and before not in HONORIFIC_WORDS
        place = before in place_words() or before in demonyms() or is_acronym(before)
        return start if vocabulary and not place else None

    def _qualifier_run(self, index: int, head: int) -> int | None:
        """An organisation named right before a title noun: "Gazprom CEO", "Samsung Electronics
        Chairman", "Kremlin aide"; where it starts, else None."""
        if not self.name_word(index) or not is_head(self.tokens[head].text) or self.gap(index, head) != " ":
            return None
        start = index
        while start > 0 and index - start < 2 and self.joined(start - 1, start) and self.name_word(start - 1):
            start -= 1
        if start > 0 and self.joined(start - 1, start) and self.name_word(start - 1):
            return None  # a longer capitalised run is more likely a person's name
        return start

    def _has_head(self, segment: list[int]) -> bool:
        return any(is_head(self.tokens[i].text) for i in segment)

    def _title_like(self, index: int) -> bool:
        """A word that can stand in a title: title vocabulary, or a capitalised word that is not a
        name ("Europe", "Ibero-America", "Japan-Uzbekistan")."""
        token = self.tokens[index]
        if is_title_word(token.text) or index in self.in_place_name:
            return True
        return (
            token.capitalised
            and not self.name_word(index)
            and not is_regnal(token.text)
            and token.text not in FUNCTION_WORDS
        )

    def title_after(self, last: int) -> tuple[int, int] | None:
        """An apposition: "Sahib Mammadov, chairman of the Confederation of Trade Unions, said"."""
        index = last + 1
        if index >= len(self.tokens) or self.gap(last, index).strip() != ",":
            return None
        while index < len(self.tokens) and self.tokens[index].text.casefold() in {"the", "a", "an"}:
            index += 1
        if index >= len(self.tokens) or not is_title_word(self.tokens[index].text):
            return None
        begin = index
        phrase = [index]
        while index + 1 < len(self.tokens) and self.gap(index, index + 1) in (" ", "’s ", "'s "):
            following = self.tokens[index + 1]
            previous = self.tokens[index].text
            if is_title_word(following.text):
                pass
            elif following.capitalised and not is_head(previous):
                pass  # inside an institution's name: "chairman of Kazmunaygas", "National People's"
            elif following.capitalised:
                return None  # "Khalafov, Minister Bayramov": another person's title
            else:
                break
            index += 1
            phrase.append(index)
        while phrase and self.tokens[phrase[-1]].text.casefold() in _CONNECTORS:
            phrase.pop()
        if not phrase or not any(is_head(self.tokens[i].text) for i in phrase):
            return None
        return self.tokens[begin].start, self.tokens[phrase[-1]].end

    def speaks(self, candidate: _Candidate) -> bool:
        return _SPEECH_VERB.match(self.text, candidate.end) is not None


def _byline_ranges(text: str) -> list[tuple[int, int]]:
    """A first or last line that is only a name, and "By ..." lines: the writer, not an official."""
    ranges = [(match.start(), match.end()) for match in _BY_NAME.finditer(text)]
    lines = [match for match in re.finditer(r"[^\n]+", text) if match.group().strip()]
    for line in (lines[:1] + lines[-1:]) if lines else []:
        words = line.group().split()
        if _BYLINE.match(line.group()) and not any(is_head(word) for word in words):
            ranges.append((line.start(), line.end()))
    return ranges


def _link(candidate_text: str, person: _Person) -> bool:
    """A surname-only or repeated mention belongs to this person."""
    reference = person.reference_name()
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


def find_officials(text: str, knowledge: Knowledge) -> list[OfficialMention]:
    """Every mention of every official in `text`, with canonical name, role and country."""
    reader = _Reader(text, knowledge)
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
    people = _group_people(candidates, evidence)
    guess: CountryGuess | None = None
    mentions: list[OfficialMention] = []
    guessed: dict[int, bool] = {}
    described: list[tuple[_Person, str, str | None, str | None]] = []
    for person in people:
        name, role, country = _describe(person, knowledge)
        if country is None and person.mentions:
            guess = guess or CountryGuess(text)
            country = guess.guess(person.mentions[0].start, person.mentions[0].end)
        guessed[id(person)] = (
            country is not None and guess is not None and not _country_stated(person, knowledge)
        )
        described.append((person, name, role, country))
    countries_by_end = {m.end: country for person, _, _, country in described for m in person.mentions}
    for person, name, role, country in described:
        if guessed[id(person)] and guess is not None and country is not None:
            country = _pair_partner_country(text, person.mentions[0].start, countries_by_end, country, guess)
        mentions.extend(
            OfficialMention(name, mention.text, mention.start, mention.end, role, country)
            for mention in person.mentions
        )
    return sorted(mentions, key=lambda mention: mention.start)


_PARTNER = re.compile(r"\s+and\s+(?:[A-Z][\w'’.-]*\s+){1,4}$")


def _country_stated(person: _Person, knowledge: Knowledge) -> bool:
    return any(country_in_title(title) for title in person.titles) or any(
        knowledge.person_named(form) for form in person.full_forms
    )


def _pair_partner_country(
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


def _group_people(candidates: list[_Candidate], evidence: dict[int, list[str]]) -> list[_Person]:
    """Accepted names grouped into people, then the other names linked to them as later mentions."""
    people: list[_Person] = []
    # Full names first, so that "President Mattarella" joins "Sergio Mattarella" whatever the order.
    for position, candidate in enumerate(candidates):
        if candidate.accepted and candidate.last > candidate.first:
            full: _Person | None = _find_person(people, candidate.text, full=True)
            found = full or _new_person(people)
            found.full_forms.append(candidate.text)
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
            if later is not None:
                later.mentions.append(candidate)
    for person in people:
        person.mentions.sort(key=lambda mention: mention.start)
    return people


def _new_person(people: list[_Person]) -> _Person:
    people.append(_Person())
    return people[-1]


def _find_person(people: list[_Person], name: str, *, full: bool, near: int = 0) -> _Person | None:
    if full:
        return next((p for p in people if p.full_forms and same_person(name, p.reference_name())), None)
    matches = [person for person in people if _link(name, person)]
    if len(matches) <= 1:
        return matches[0] if matches else None

    # Several people share the surname ("Aliyev"): the one named most recently before it.
    def last_seen_before(person: _Person) -> int:
        starts = [mention.start for mention in person.mentions if mention.start < near]
        return max(starts) if starts else -1

    return max(matches, key=last_seen_before)


def _courtesy_only(role: str) -> bool:
    """ "Sheikh", "His Highness Sheikh": a form of address, not an office."""
    heads = [word for word in role.split() if is_head(word)]
    return bool(heads) and all(word.casefold() in COURTESY_HEADS for word in heads)


def _describe(person: _Person, knowledge: Knowledge) -> tuple[str, str | None, str | None]:
    """Canonical name, role as stated (else the known one) and country for one person."""
    known = next((k for k in (knowledge.person_named(form) for form in person.full_forms) if k), None)
    if known is None and not person.full_forms:
        known = knowledge.person_with_surname(person.short_forms[0])
    if known is not None:
        name = known.name
    else:
        name = canonical_choice(person.full_forms or person.short_forms)
    stated_titles = [title for title in person.titles if role_from_title(title).casefold() != "counterpart"]
    stated_titles = stated_titles or person.titles
    offices = [title for title in stated_titles if not _courtesy_only(title)]
    stated = [role_from_title(title) for title in offices or stated_titles]
    role = stated[0] if stated else (known.latest_role() if known else None)
    countries = [country for country in (country_in_title(title) for title in person.titles) if country]
    country = countries[0] if countries else (known.country if known else None)
    return name, role, country
