"""Scanning an article for runs of capitalised words that may name a person."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from dipreader.extract.officials.regions_and_bodies import body_in_title
from dipreader.extract.officials.titles import (
    HEADS,
    HONORIFIC_WORDS,
    INSTITUTION_WORDS,
    TITLE_VOCABULARY,
    is_acronym,
    is_head,
    not_name_words,
)
from dipreader.model.countries import country_of, demonyms, multiword_places_by_first, place_words
from dipreader.model.names import FAMILY_FIRST_SURNAMES, PARTICLES, SUFFIXES

# Dotted acronyms ("U.S.", "U.K.", "J.D.") are one word: a title reads on across them.
_WORD = re.compile(r"(?:[A-Z]\.){2,}|(?:(?:al|el|ad|Al|El)-)?[^\W\d_]+(?:['’][^\W\d_]{2,}|-[^\W\d_]+)*")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
VERBS = (
    r"(?:said|says|noted|notes|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|underscored|"
    r"added|adds|told|stated|states|remarked|highlighted|pointed|expressed|welcomed|thanked|"
    r"congratulated|met|meets|visited|visits|announced|declared|praised|called|urged|recalled|"
    r"briefed|informed|invited|received|receives|hosted|signed|attended|discussed|mentioned|assured|"
    r"reaffirmed|confirmed|spoke|commended|conveyed|delivered|wrote|explained|voiced|shared|"
    r"reiterated|proposed|suggested|handed|presented|welcomes|thanks|arrived|departed|chaired|"
    r"co-chaired|addressed)\b"
)
# A headline's capitalised verb ("Georgian PM Meets Azerbaijani Counterpart") is no one's name.
_VERB_WORD = re.compile(VERBS, re.IGNORECASE)
# Verbs of headlines in the present tense, which VERBS (said, met, ...) does not hold.
_HEADLINE_VERBS = frozenset(
    """
    discuss discusses sign signs agree agrees hold holds vow vows pledge pledges seek seeks eye eyes
    mull mulls hail hails review reviews explore explores boost boosts ink inks confer confers talk
    talks urge urges back backs mark marks launch launches open opens host hosts receive receives
    visit visits meet meets call calls see sees stress stresses reaffirm reaffirms highlight highlights
    """.split()  # noqa: SIM905
)
# Endings of adverbs that open a sentence: "Separately, ...", "Additionally, ...".
_ADVERB_ENDINGS = ("ately", "ally", "ingly", "edly", "ively", "ously", "arly", "ently", "antly", "ssly")
_REGNAL = re.compile(r"^(?:[IVX]{1,4})$")
_SAINTS = frozenset({"St", "Saint", "Saints", "Sts", "San", "Santa", "Sao", "São", "Ste"})
_COMMON_NOUN_ENDINGS = ("tion", "tions", "sion", "sions", "ments", "ities", "ives", "ness", "ship", "ology")
# Titles that are also given names, inside a name: "Omar Sultan Al Olama".
_TITLES_ALSO_NAMES = frozenset({"Sultan", "Amir", "Emir", "Malik"})
_ARTICLES = frozenset({"al", "el", "ad"})
_ARTICLE_PREFIXES = frozenset({"al", "el", "ad", "as", "ash", "at", "az"})
# A nickname in quotes between given and family name: 'Jose Antonio "Tony" Villarama'.
_QUOTE_OPEN = frozenset({' "', " “", " '", " ‘"})
_QUOTE_CLOSE = frozenset({'" ', "” ", "' ", "’ "})
_VOWELS = frozenset("aeiouyAEIOUY")
_CAPITALISED_FAMILY_FIRST = frozenset(name.capitalize() for name in FAMILY_FIRST_SURNAMES)
_BYLINE = re.compile(r"^[ \t]*(?:By[ \t]+)?[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){1,3}[ \t]*$", re.MULTILINE)
_BY_NAME = re.compile(r"(?:^|\n)[ \t]*By[ \t]+[^\n]{0,60}", re.IGNORECASE)


class Token(NamedTuple):
    """A word of the article and its code-point span (a tuple: an article has thousands)."""

    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        word = self.text
        if len(word) > 3 and word[2] == "-" and word[:2].casefold() in _ARTICLES:
            return word[3].isupper()  # "al-Sudani": the name after the article
        return word[0].isupper()


@dataclass
class Candidate:
    first: int
    last: int
    start: int
    end: int
    text: str
    title: tuple[int, int] | None = None
    accepted: bool = False


def is_regnal(word: str) -> bool:
    """ "II", "VI": the numeral of a monarch's name ("King Felipe VI")."""
    return _REGNAL.match(word) is not None


def tokens_of(text: str) -> list[Token]:
    """Words of the text; the "s" of a possessive ("Spain's") is not a word of its own."""
    tokens: list[Token] = []
    append = tokens.append
    for match in _WORD.finditer(text):
        word = match.group()
        start, end = match.span()
        if (word == "s" or word == "S") and text[start - 1 : start] in ("'", "’"):
            continue
        append(_new_token(Token, (word, start, end)))  # the tuple's own constructor: no Python frame
    return tokens


_new_token = tuple.__new__


class NameScanner:
    """One article's words, and the runs of them that may name a person."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokens_of(text)
        words = {token.text for token in self.tokens}
        self.lowercase_words = {word for word in words if word.islower()}
        self.excluded = _byline_ranges(text)
        self.in_place_name = self._multiword_places()
        self.family_words = self._family_words(words)
        self._text_end = len(text.rstrip())
        self._ends_a_sentence = text.rstrip().endswith((".", "!", "?", '"', "”", ")"))
        lines = text.lstrip().split("\n", 1)
        self.headline_end = len(text) - len(text.lstrip()) + len(lines[0]) if len(lines) > 1 else 0

    # --- tokens -------------------------------------------------------------------------------
    def gap(self, left: int, right: int) -> str:
        return self.text[self.tokens[left].end : self.tokens[right].start]

    def joined(self, left: int, right: int) -> bool:
        """Two tokens belong to one name: a single space, or the full stop of an initial or of an
        abbreviated given name ("Md. Rafiqul Alam Chowdhury")."""
        gap = self.gap(left, right)
        if gap in (" ", "\u00a0"):
            return True
        if gap == ". ":
            return _abbreviation(self.tokens[left].text)
        # "Ts.Oyunchimeg", "D.Tsogtbayar": a patronymic's initial written onto the given name.
        return (
            gap == "."
            and self.tokens[right].text[:1].isupper()
            and self.tokens[left].text[:1].isupper()
            and _abbreviation(self.tokens[left].text)
        )

    def _family_words(self, words: set[str]) -> set[str]:
        """Words the vocabulary keeps out of names that this article writes as a family name:
        in capitals before or after a given name ("NAKAMURA Kazuhiro", "Mr. MATSUDA Ryoichi"),
        or a common family name that starts a name ("Park Jong-hoon"). Alone they are mentions."""
        found: set[str] = set()
        # Most articles have no such word: look only at the words that may be one.
        possible = (words & _CAPITALISED_FAMILY_FIRST) | {
            word for word in words if len(word) >= 3 and word.isupper() and word.isalpha()
        }
        if not possible:
            return found
        for index, token in enumerate(self.tokens):
            word = token.text
            if word not in possible:
                continue
            neighbours = [i for i in (index - 1, index + 1) if 0 <= i < len(self.tokens)]
            given = [
                i
                for i in neighbours
                if self.joined(min(i, index), max(i, index)) and _given_like(self.tokens[i].text)
            ]
            if not given:
                continue
            if _capitalised_family(word):
                found.add(word)
            elif (
                word in not_name_words()
                and not word.isupper()
                and word.casefold() in FAMILY_FIRST_SURNAMES
                and index + 1 in given
            ):
                before = self.tokens[index - 1].text if index > 0 and self.joined(index - 1, index) else ""
                if not _given_like(before):  # "Gorky Park" is a park, "Minister Park Jin" a person
                    found.add(word)
        return found

    def _multiword_places(self) -> set[int]:
        """Indices of tokens inside a place name of several words ("Viet Nam", "Sri Lanka")."""
        covered: set[int] = set()
        words = [token.text for token in self.tokens]
        by_first = multiword_places_by_first()
        firsts = by_first.keys() & set(words)  # most articles hold few or none: look only at those
        if not firsts:
            return covered
        for start, word in enumerate(words):
            if word not in firsts:
                continue
            for phrase in by_first[word]:
                if tuple(words[start : start + len(phrase)]) == phrase:
                    covered.update(range(start, start + len(phrase)))
        return covered

    def name_word(self, index: int) -> bool:
        token = self.tokens[index]
        word = token.text
        if index in self.in_place_name:
            return False
        if word in self.family_words:
            return True
        if "." in word and _DOTTED.fullmatch(word):
            # Initials of a name ("J.D. Vance"), never a country ("U.S. President").
            following = index + 1
            return (
                country_of(word) is None
                and following < len(self.tokens)
                and self.joined(index, following)
                and not _DOTTED.fullmatch(self.tokens[following].text)
                and self.name_word(following)
            )
        if not _may_name(word):
            return False
        if len(word) > 1:
            return True
        following = index + 1
        if following >= len(self.tokens):
            return False
        # An initial: "M. Sreedharan", and without its stop "S Ramakrishnan" (but not "a", "I").
        gap = self.gap(index, following)
        return (
            gap == ". "
            or (gap == "." and self.tokens[following].capitalised)
            or (
                gap == " "
                and word not in ("A", "I")
                and len(self.tokens[following].text) > 1
                and self.tokens[following].capitalised
                and not is_acronym(self.tokens[following].text)
            )
        )

    def sentence_initial(self, index: int) -> bool:
        position = self.tokens[index].start
        while position > 0 and self.text[position - 1] in " \t":
            position -= 1
        if position == 0:
            return True
        mark = self.text[position - 1]
        if mark == "." and index > 0 and self.tokens[index - 1].end == position - 1:
            # "Dr. Ahmed", "Md. Rafiqul": the stop of an honorific or an initial ends no sentence
            previous = self.tokens[index - 1].text
            if previous in HONORIFIC_WORDS or _abbreviation(previous):
                return False
        return mark in '.!?\n"“”:;('

    # --- candidates ---------------------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        found: list[Candidate] = []
        count = len(self.tokens)
        index = 0
        while index < count:
            if not self.name_word(index):
                index += 1
                continue
            last = index
            while last + 1 < count:
                if not self.joined(last, last + 1):
                    if self._nickname_at(last):
                        last += 2  # past the nickname, onto the family name
                        continue
                    break
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
            if (
                last + 1 < count
                and self.gap(last, last + 1) == " "
                and self.tokens[last + 1].text.casefold() in SUFFIXES
            ):
                last += 1  # "Ramon Dela Cruz Jr."
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
            while first < last and self._headline_verb(first):
                first += 1
            if first == last and (
                len(self.tokens[first].text) == 1
                or _VERB_WORD.fullmatch(self.tokens[first].text)
                or self._headline_verb(first)
                or (self.tokens[first].text.endswith(_ADVERB_ENDINGS) and self.sentence_initial(first))
            ):
                continue  # a lone initial ("S. Korea"), a headline's verb, "Separately, ..." name nobody
            if self._inside_excluded(first) or self._saint(first) or self._institution_follows(last):
                continue
            start, end = self.tokens[first].start, self.tokens[last].end
            if self.tokens[last].text.casefold() in SUFFIXES and self.text[end : end + 1] == ".":
                end += 1
            if self._clipped(end):
                continue  # "..., and the Peruvian Ambassador to China, Luis": the text was cut off
            found.append(Candidate(first, last, start, end, self.text[start:end]))
        return found

    def _headline_verb(self, index: int) -> bool:
        """ "FM Dimitrova, Japanese State Minister Discuss Nuclear Energy": a verb in a headline."""
        token = self.tokens[index]
        return token.start < self.headline_end and token.text.casefold() in _HEADLINE_VERBS

    def _nickname_at(self, last: int) -> bool:
        """'Jose Antonio "Tony" Villarama': a quoted word between two parts of a name."""
        if last + 2 >= len(self.tokens):
            return False
        return (
            self.gap(last, last + 1) in _QUOTE_OPEN
            and self.gap(last + 1, last + 2) in _QUOTE_CLOSE
            and self.tokens[last + 1].capitalised
            and self.name_word(last + 2)
        )

    def _clipped(self, end: int) -> bool:
        """A name that ends the text with no full stop after it: the text stops mid-sentence."""
        return end >= self._text_end and not self._ends_a_sentence

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


# Asked of every word of every article, and a function of the word alone: the same words recur.
@lru_cache(maxsize=65536)
def _may_name(word: str) -> bool:
    """A capitalised word that is no vocabulary, acronym, common noun or plural title: a word of a
    name if it is not an initial (`NameScanner.name_word` asks that of the single letters)."""
    if not Token(word, 0, 0).capitalised or word in not_name_words() or is_acronym(word):
        return False
    if len(word) >= 6 and word.casefold().endswith(_COMMON_NOUN_ENDINGS):
        return False  # "Special Initiatives", "Remote Work Applications": words, not names
    if word.endswith("s") and word[:-1].casefold() in HEADS:
        return False  # "APEC Leaders' Meeting": the plural of a title is no one's name
    if "-" in word:
        parts = [part for part in word.split("-") if part]
        if parts[0].casefold() in _ARTICLE_PREFIXES:
            parts = parts[1:]  # "El-Sisi", "Al-Sudani": the article is not "El Salvador"
        blocked = place_words() | demonyms() | INSTITUTION_WORDS
        if any(part in blocked for part in parts):
            return False
    return True


def _abbreviation(word: str) -> bool:
    """An initial ("S"), or an abbreviated given name with no vowel ("Md", "Mhd")."""
    return len(word) == 1 or (
        2 <= len(word) <= 4 and word[0].isupper() and word.isalpha() and not _VOWELS & set(word)
    )


def _capitalised_family(word: str) -> bool:
    """A family name in capitals ("NAKAMURA"), not an acronym of a country or a known body."""
    return (
        len(word) >= 3
        and word.isupper()
        and word.isalpha()
        and bool(_VOWELS & set(word))
        and country_of(word) is None
        and body_in_title(word) is None
        and word.casefold() not in TITLE_VOCABULARY  # "Gazprom CEO Alexey Miller"
        and word not in not_name_words()
    )


def _given_like(word: str) -> bool:
    """A capitalised word that may be a given name: not in capitals, not vocabulary."""
    return (
        len(word) > 1
        and word[0].isupper()
        and not word.isupper()
        and word not in not_name_words()
        and word not in place_words()
    )


def _byline_ranges(text: str) -> list[tuple[int, int]]:
    """A first or last line that is only a name, and "By ..." lines: the writer, not an official."""
    ranges = [(match.start(), match.end()) for match in _BY_NAME.finditer(text)]
    lines = [match for match in re.finditer(r"[^\n]+", text) if match.group().strip()]
    for line in (lines[:1] + lines[-1:]) if lines else []:
        words = line.group().split()
        if _BYLINE.match(line.group()) and not any(is_head(word) for word in words):
            ranges.append((line.start(), line.end()))
    return ranges
