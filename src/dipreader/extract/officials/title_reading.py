"""Reading the title phrase before or after a name: "Deputy Foreign Minister X", "X, chairman of ..."."""

from __future__ import annotations

import re

from dipreader.extract.officials.name_candidates import VERBS, Candidate, NameScanner, is_regnal
from dipreader.extract.officials.titles import (
    CONNECTOR_WORDS,
    FUNCTION_WORDS,
    HONORIFIC_WORDS,
    INSTITUTION_WORDS,
    REGION_WORDS,
    TITLE_VOCABULARY,
    is_acronym,
    is_head,
    is_title_word,
)
from dipreader.model.countries import demonyms, place_words, takes_article

_SPEECH_VERB = re.compile(r"\s*(?:,\s*)?(?:also|further|then|has|had|later|in\s+turn|,)?\s*" + VERBS)
# Verbs that report speech in the present or past, lower case: "says X.", "The minister said ...".
_REPORTING = frozenset(
    {"said", "says", "added", "adds", "noted", "notes", "stressed", "stresses", "told", "stated", "explained"}
)
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|outside)|\b(?:city|town|port|province|region|state|capital|village|island|county"
    r"|district)\s+of)\s+$"
)
_SAID_BEFORE = re.compile(r"[,”\"]\s*(?:said|says|added|stressed|noted|told\s+\w+)\s+$")
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
_NAME_LINKS = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "abdel", "abdul", "ould"})
_NOT_IN_TITLES = frozenset({"with", "at", "by", "from", "between", "among"})
# Military ranks: a form of address before the name when an office is named before them.
_RANKS = frozenset({"colonel", "general", "admiral", "lieutenant", "marshal", "brigadier", "commodore"})
_WHO_VERBS = frozenset({"is", "was", "heads", "chairs", "leads", "serves"})
# Lower-case words that join the capitalised words of a name in other languages.
_FOREIGN_CONNECTORS = frozenset(
    {"für", "und", "de", "del", "des", "du", "di", "da", "do", "dos", "la", "le", "et", "y"}
)


class TitleReader(NameScanner):
    """Titles around the candidate names of one article."""

    def title_before(self, first: int) -> tuple[int, int] | None:
        """The character span of a title phrase that ends right before the name, if any."""
        index = first - 1
        anchor = first
        while (
            index >= 0
            and self.tokens[index].text in HONORIFIC_WORDS
            and not self.gap(index, anchor).strip(" .()")  # "Lt. Gen. (ret) Bambang Hartono"
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
                # "the Iranian Foreign Minister's deputy for political affairs": one office's post
                held_under = is_head(word) and self._has_head(segments[-1])
                if word not in place_words() and not held_under:
                    break
            elif gap in (")", "),"):  # "National Intelligence Organization (MIT) chief"
                if not self._bracket_opens(index):
                    break
                if gap == ")," and segments[-1]:
                    segments.append([])  # "... Party (LDP), Mr. MATSUDA Ryoichi"
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
                and (
                    is_title_word(self.tokens[index - 1].text)
                    or self.tokens[index - 1].text in REGION_WORDS
                    or (not self._has_head(segments[-1]) and self._listed_portfolio(index - 1))
                )
                and not is_regnal(self.tokens[index - 1].text)  # "King Abdullah II and ..."
            ):
                break  # "President Ilham Aliyev and President X": another person before "and"
            if (
                self.tokens[anchor].text == "and"
                and not self._has_head(segments[-1])
                and self._listed_portfolio(index)
            ):
                segments[-1].append(index)  # "Fisheries, Aquatic and Ocean Resources": a portfolio
                anchor = index
                index -= 1
                continue
            if word in INSTITUTION_WORDS:
                in_institution = True
            elif self._title_like(index):
                in_institution = False
            elif not (in_institution and self.tokens[index].capitalised):
                run = self._institution_run(index, anchor, not any(segments))
                run = run if run is not None else self._qualifier_run(index, anchor)
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
        if len(with_head) > 1 and with_head[0] == 0 and self._lone_rank(segments[0]):
            # "its director, Colonel Andrus Tamm": the office, not the rank it is held with
            segments = [[], *segments[1:]]
            with_head = with_head[1:]
        farthest = with_head[-1]
        farthest += self._portfolio_list(segments, farthest)  # portfolios listed before the head
        ordered = sorted(i for segment in segments[: farthest + 1] for i in segment)
        while ordered and self.tokens[ordered[0]].text.casefold() in _LEADING_FILLER_WORDS:
            ordered.pop(0)
        ordered = self._without_place_of(ordered)
        if not ordered or self._object_of_title(ordered[-1]):
            return None
        start, end = self.tokens[ordered[0]].start, self.tokens[ordered[-1]].end
        closing = self.text.startswith(")", end)
        if closing and self.text.count("(", start, end) > self.text.count(")", start, end):
            end += 1  # "(Regional Cooperation)": the bracket closes inside the title
        return start, end

    def _bracket_opens(self, index: int) -> bool:
        """A bracket of up to four words ends at `index`: "(MIT)", "(Regional Cooperation)"."""
        for inside in range(index, max(0, index - 4) - 1, -1):
            gap = self.gap(inside - 1, inside).strip() if inside > 0 else "\n"
            if gap == "(":
                return True
            if gap or "\n" in self.gap(inside - 1, inside):
                return False
        return False

    def _listed_portfolio(self, index: int) -> bool:
        """A capitalised word the vocabulary does not know, listed between a portfolio and "and":
        "Minister of Fisheries, *Aquatic* and Ocean Resources"."""
        if index < 1 or index + 1 >= len(self.tokens) or self.tokens[index + 1].text != "and":
            return False
        before = self.tokens[index - 1].text
        return (
            self.gap(index - 1, index) == ", "
            and self.gap(index, index + 1) == " "
            and self.name_word(index)
            and before[:1].isupper()
            and is_title_word(before)
            and not is_head(before)
            and before not in place_words()
            and before not in demonyms()
        )

    def _lone_rank(self, segment: list[int]) -> bool:
        return len(segment) == 1 and self.tokens[segment[0]].text.casefold() in _RANKS

    def _portfolio_list(self, segments: list[list[int]], farthest: int) -> int:
        """How many segments before the farthest title are single portfolio words listed before
        it, from the start of a line, a sentence or after a word in lower case, when the title lists
        portfolios with "and":
        "Investment, Trade and Industry Minister", "Lands, Agriculture, Fisheries, Water and Rural
        Development Minister"."""
        if farthest + 1 >= len(segments):
            return 0
        listed = [self.tokens[i].text for i in sorted(segments[farthest])]
        if "and" not in listed or is_head(listed[0]):
            return 0
        count = 0
        for segment in segments[farthest + 1 :]:
            # "called on Agriculture, Forestry and ...": a lower-case word before the first portfolio
            words = [i for i in segment if self.tokens[i].text not in _LEADING_FILLER_WORDS]
            if len(words) != 1:
                break
            word = self.tokens[words[0]].text
            if not is_title_word(word) or is_head(word) or word.casefold() in CONNECTOR_WORDS:
                break
            count += 1
            if len(words) < len(segment):
                break
        while count and not self._opens_portfolio_list(segments[farthest + count][0]):
            count -= 1
        return count

    def _opens_portfolio_list(self, index: int) -> bool:
        """A list of portfolios starts here: at the start of a sentence, or as a capitalised word
        that is no place right after a word in lower case ("met Economy, Trade and Industry
        Minister X"; not "in Tokyo, Trade and Industry Minister X")."""
        if self.sentence_initial(index):
            return True
        word = self.tokens[index].text
        return (
            index > 0
            and self.gap(index - 1, index) == " "
            and self.tokens[index - 1].text.islower()
            and word[:1].isupper()
            and word not in place_words()
            and word not in demonyms()
        )

    def _without_place_of(self, ordered: list[int]) -> list[int]:
        """ "the visit to Bogotá of the Emirati Minister ...": a place and "of" before any title noun
        belong to what comes before the title."""
        if not ordered or not (
            self.tokens[ordered[0]].text in place_words() or ordered[0] in self.in_place_name
        ):
            return ordered
        for position, index in enumerate(ordered):
            word = self.tokens[index].text
            if is_head(word):
                return ordered
            if word == "of":
                rest = ordered[position + 1 :]
                while rest and self.tokens[rest[0]].text.casefold() in _LEADING_FILLER_WORDS:
                    rest.pop(0)
                return rest if any(is_head(self.tokens[i].text) for i in rest) else ordered
        return ordered

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
        possessive = self.text.startswith(("'s", "’s"), self.tokens[nearest].end)
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

    def trimmed_title_before(self, candidate: Candidate) -> tuple[int, int] | None:
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

    def _institution_run(self, index: int, following: int, next_to_name: bool = False) -> int | None:
        """Where a run of unknown capitalised words ending at `index` starts, when it names what a
        title governs ("of the Lok Sabha", "and National Community Abroad"), else None. Never before
        an article: "at the Farnesina the Minister" is a place, then a title."""
        if not self.name_word(index) or self.tokens[following].text in ("the", "a", "an"):
            return None
        gap = self.gap(index, following)
        # A comma right before the name closes the title only after a connector: "the president of
        # Petrobras, Helena Duarte Prado" (but "Finance Muhammad Aurangzeb, Minister for Information
        # X": a person, then a title).
        after_comma = gap == ", " and next_to_name
        if gap != " " and not after_comma:
            return None
        start = index
        while start > 0 and index - start < 2 and self.joined(start - 1, start) and self.name_word(start - 1):
            start -= 1
        if start == 0 or self.gap(start - 1, start) != " ":
            return None
        before = self.tokens[start - 1].text
        if before.islower():
            return start if before in CONNECTOR_WORDS else None
        if after_comma:
            return None
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
        if is_title_word(token.text) or index in self.in_place_name or token.text in REGION_WORDS:
            return True
        return (
            token.capitalised
            and not self.name_word(index)
            and not is_regnal(token.text)
            and token.text not in FUNCTION_WORDS
        )

    def title_after(self, last: int) -> tuple[int, int] | None:
        """An apposition: "Sahib Mammadov, chairman of the Confederation of Trade Unions, said",
        "Azlan, who is the Secretary-General of the Ministry of Defence, said"."""
        index = last + 1
        if index >= len(self.tokens) or self.gap(last, index).strip() != ",":
            return None
        relative = [self.tokens[i].text.casefold() for i in range(index, min(index + 2, len(self.tokens)))]
        if relative[:1] == ["who"] and relative[1:] and relative[1] in _WHO_VERBS:
            index += 2
        while index < len(self.tokens) and self.tokens[index].text.casefold() in {"the", "a", "an"}:
            index += 1
        if index >= len(self.tokens) or not is_title_word(self.tokens[index].text):
            return None
        if self.tokens[index].text.casefold() in CONNECTOR_WORDS:
            return None  # "X, and the Moroccan Minister of ...": the next person of a list
        begin = index
        phrase = [index]
        while index + 1 < len(self.tokens) and self.gap(index, index + 1) in (" ", "’s ", "'s "):
            following = self.tokens[index + 1]
            previous = self.tokens[index].text
            if is_title_word(following.text):
                pass
            elif following.capitalised and not is_head(previous):
                pass  # inside an institution's name: "chairman of Kazmunaygas", "National People's"
            elif (
                following.text in _FOREIGN_CONNECTORS
                and previous[:1].isupper()
                and index + 2 < len(self.tokens)
                and self.tokens[index + 2].capitalised
            ):
                pass  # "Deutsche Gesellschaft für Internationale Zusammenarbeit"
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

    def title_taken_up(self, candidate: Candidate) -> tuple[int, int] | None:
        """ "..., says Datuk Seri X. The Foreign Minister said ...": a sentence that ends with its
        speaker's name, and a next one whose subject is a bare title with the definite article
        and no name of its own, give the speaker that title (its span)."""
        tokens = self.tokens
        last = candidate.last
        said_after = last + 1 < len(tokens) and tokens[last + 1].text in _REPORTING
        if said_after and self.gap(last, last + 1) == " ":
            last += 1  # "... X said. The minister added ..."
        the = last + 1
        if the >= len(tokens) or tokens[the].text != "The" or self.gap(last, the).strip() != ".":
            return None
        if last == candidate.last and not self._reported_by(candidate.first):
            return None
        head = the + 1
        while head < len(tokens) and head - the <= 4 and self.gap(head - 1, head) == " ":
            if not is_title_word(tokens[head].text) or tokens[head].text.casefold() in CONNECTOR_WORDS:
                return None
            if is_head(tokens[head].text):
                break
            head += 1
        else:
            return None
        verb = head + 1
        if verb >= len(tokens) or self.gap(head, verb) != " " or tokens[verb].text not in _REPORTING:
            return None
        return tokens[the + 1].start, tokens[head].end

    def _reported_by(self, first: int) -> bool:
        """ "..., says Datuk Seri X": a reporting verb before the name, over its forms of address."""
        index = first - 1
        while index >= 0 and self.tokens[index].text in HONORIFIC_WORDS:
            index -= 1
        return index >= 0 and self.tokens[index].text in _REPORTING

    def speaks(self, candidate: Candidate) -> bool:
        """A verb of speech or meeting after the name, or a quote's "said" before it ('"...,"
        said Amina Hassan Farah.'); never a place named after "in" or "the city of" ("in the city
        of Puerto Madryn, attended by ...")."""
        if _PLACE_BEFORE.search(self.text, max(0, candidate.start - 24), candidate.start):
            return False
        if _SPEECH_VERB.match(self.text, candidate.end) is not None:
            return True
        return _SAID_BEFORE.search(self.text, max(0, candidate.start - 24), candidate.start) is not None
