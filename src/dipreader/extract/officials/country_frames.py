"""Countries of officials whose titles name none, read from the frames of two-country news."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from dipreader.extract.officials.article_countries import CountryGuess
from dipreader.extract.officials.name_candidates import Candidate
from dipreader.extract.officials.titles import is_head
from dipreader.extract.text.sentences import sentence_index, sentence_spans
from dipreader.model.countries import INTERNATIONAL_BODIES, country_by_word, country_of, demonyms

TITLE = "title"
KNOWLEDGE = "knowledge"
NATIONALITY = "nationality"
COUNTERPART = "counterpart"
HOST = "host"
VISITOR = "visitor"
ELIMINATION = "elimination"
DATELINE = "dateline"
LEAD = "lead"
COMPANION = "companion"
STATED = frozenset({TITLE, KNOWLEDGE})


@dataclass
class Official:
    """One person of an article while their role and country are settled."""

    mentions: list[Candidate]
    role: str | None
    country: str | None
    basis: str | None
    weak_role: bool = False
    """The role is a relation or a form of address ("counterpart", "Prince"): a frame may say more."""


# "X and his Saudi counterpart Prince Y", "met her counterpart Y": the title ends in "counterpart".
_COUNTERPART_BEFORE = re.compile(
    r"\bcounterparts?\s*,?\s*(?:(?:Prince|Princess|Sheikh|Sheikha|Shaikh|Mr|Mrs|Ms|Dr|H\.E|HE|Madam|Sir)\.?\s+)*$"
)
_HIS_OR_HER = re.compile(r"\b(?:his|her|their)\s+(?:[A-Z][\w'’-]*\s+){0,3}counterparts?\b")
# Who receives whom: the people before the verb are its subject.
_HOST_FIRST = re.compile(r"\b(?:received|receives|receiving|hosted|hosts|welcomed|welcomes)\b")
_VISITOR_FIRST = re.compile(
    r"\b(?:paid\s+(?:a\s+)?(?:courtesy\s+)?(?:call|visit)s?\s+on|called\s+on|calls\s+on|call\s+on)\b"
)
_MEETING = re.compile(
    r"\b(?:met|meets|meeting\s+with|talks\s+with|discussions\s+with|held\s+talks|co-chaired|co-chairs"
    r"|co-chair|co-chairing|signed\s+(?:[\w-]+\s+){0,6}?with)\b"
)


@dataclass(frozen=True)
class _Placed:
    official: Official
    start: int


class _Sentences:
    """The sentence spans of one text, found when first asked for, and the span holding a position."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.length = len(text)
        self.spans: list[tuple[int, int]] = []
        self.starts: list[int] = []

    def at(self, position: int) -> tuple[int, int]:
        if not self.spans:
            self.spans = sentence_spans(self.text)
            self.starts = [start for start, _ in self.spans]
        index = sentence_index(position, self.spans, self.starts)
        if index >= 0 and self.spans[index][0] <= position < self.spans[index][1]:
            return self.spans[index]
        return 0, self.length

    def before(self, span: tuple[int, int]) -> tuple[int, int] | None:
        """The sentence before `span` (one `at` gave), if any."""
        index = sentence_index(span[0], self.spans, self.starts)
        return self.spans[index - 1] if index > 0 and self.spans[index] == span else None


def settle_countries(
    text: str, officials: list[Official], make_guess: Callable[[], CountryGuess]
) -> CountryGuess | None:
    """Give each official a country and its basis, and a counterpart the role of their host; the
    article's pair of countries (`make_guess`) is read only when someone's title names none, and
    returned then.

    In order: a demonym before a bare title; the counterpart frame; who met, received or called on
    whom; "with Brazil"; a visit or a greeting (`CountryGuess.visit_frame`); by elimination, the
    other side of the article's pair when the titles name only one; the country the story is filed
    from, else the side its lead names first.
    """
    sentences = _Sentences(text)
    mentions = _MentionIndex(officials)
    made: list[CountryGuess] = []

    def guess_once() -> CountryGuess:
        if not made:
            made.append(make_guess())
        return made[0]

    if any(official.country is None for official in officials):
        _nationalities(text, officials)
        if " side " in text or " side," in text or " delegation " in text or "represented by" in text:
            _named_sides(text, sentences, officials, mentions)
    open_question = any(official.country is None or official.weak_role for official in officials)
    if open_question and "counterpart" in text:
        _counterparts(text, sentences, officials, mentions, guess_once)
    if all(official.country is not None for official in officials):
        return made[0] if made else None
    guess = guess_once()
    if "accompanied by" in text:
        _companions(text, sentences, mentions)
    _meetings(text, sentences, officials, mentions, guess)
    _with_a_country(text, sentences, officials, guess)
    for official in officials:
        if official.country is None and official.mentions:
            first = official.mentions[0]
            framed = guess.visit_frame(first.start, first.end)
            if framed:
                official.country, official.basis = framed
    _eliminate(officials, guess)
    home, basis = guess.home_country(), DATELINE
    if home is None and any(official.country is None for official in officials):
        home, basis = guess.lead_side(), LEAD
    for official in officials:
        if official.country is None and home is not None:
            official.country, official.basis = home, basis
    return guess


def _nationalities(text: str, officials: list[Official]) -> None:
    """ "The Indian ambassador said ...": a demonym before the head of one official's bare title
    names their country, when no other official of the article holds a title with that head."""
    by_head: dict[str, list[Official]] = {}
    for official in officials:
        heads = [word for word in (official.role or "").split() if is_head(word)]
        if heads:
            by_head.setdefault(heads[-1].casefold(), []).append(official)
    open_heads = {
        head for head, holders in by_head.items() if len(holders) == 1 and holders[0].country is None
    }
    if not open_heads:
        return
    found: dict[str, set[str]] = {}
    for match in _DEMONYM_BEFORE.finditer(text):
        head = match.group("h").casefold()
        if head in open_heads and match.group("d") in demonyms():
            found.setdefault(head, set()).add(country_of(match.group("d")) or "")
    for head, countries in found.items():
        countries.discard("")
        if len(countries) == 1:
            holder = by_head[head][0]
            holder.country, holder.basis = countries.pop(), NATIONALITY


# "on the Moroccan side, by the Ambassador ...", "with Australia represented by Foreign Minister X",
# "the Kuwaiti side was led by X, while Nepal's delegation was headed by Y", "the Bhutanese delegation
# was led by X and the Australian delegation by Y": a side of the meeting named before the officials
# who make it up.
_SIDE_NAMED = re.compile(
    r"\b(?:on|for|from)\s+the\s+(?P<d>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+side\b"
    r"|(?P<r>\brepresented\s+by\b)"
    r"|\b(?P<l>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:side|delegation|team)\s+"
    r"(?:(?:was|were|is|are|will\s+be)\s+)?(?:(?:led|headed|chaired)\s+)?by\b"
)
_REPRESENTED = re.compile(r"(?P<c>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+(?:(?:was|were|is|being)\s+)?$")


def _named_sides(
    text: str, sentences: _Sentences, officials: list[Official], mentions: _MentionIndex
) -> None:
    """Officials named after a side of the meeting ("on the Ivorian side, by ...") and before the
    next side or the end of the sentence are of that side's country."""
    for match in _SIDE_NAMED.finditer(text):
        if match.group("r"):
            named = _REPRESENTED.search(text, max(0, match.start() - 60), match.start())
            words = named.group("c") if named else ""
        else:
            words = match.group("d") or match.group("l")
        country = _country_among(words)
        if country is None:
            continue
        _, sentence_end = sentences.at(match.start())
        following = _SIDE_NAMED.search(text, match.end(), sentence_end)
        end = following.start() if following else sentence_end
        for placed in mentions.placed_in(match.end(), end):
            if placed.official.country is None:
                placed.official.country, placed.official.basis = country, NATIONALITY


_ACCOMPANIED = re.compile(r"\baccompanied\s+by\b")
_PRONOUN_FIRST = re.compile(r"\s*[\"“]?(?:She|He|They)\b")


def _companions(text: str, sentences: _Sentences, mentions: _MentionIndex) -> None:
    """ "Ms. X ... She was accompanied by Deputy Minister Y": those accompanying an official are of
    their side. The one accompanied is the last official named before the words in the sentence,
    or the first one of the sentence before (its subject) when a pronoun opens this one."""
    for match in _ACCOMPANIED.finditer(text):
        span = sentences.at(match.start())
        leader = mentions.last_in(span[0], match.start())
        if leader is None and _PRONOUN_FIRST.match(text, span[0]):
            previous = sentences.before(span)
            subject = mentions.placed_in(*previous) if previous else []
            leader = subject[0].official if subject else None
        if leader is None or leader.country is None:
            continue
        for placed in mentions.placed_in(match.end(), span[1]):
            if placed.official.country is None:
                placed.official.country, placed.official.basis = leader.country, COMPANION


def _other(guess: CountryGuess, country: str | None) -> str | None:
    return guess.other(country) if country in guess.pair else None


def _counterparts(
    text: str,
    sentences: _Sentences,
    officials: list[Official],
    mentions: _MentionIndex,
    guess: Callable[[], CountryGuess],
) -> None:
    """ "Foreign Minister X and his Saudi counterpart Prince Y": Y holds X's office for the other
    side, and X is from the side Y is not."""
    for official in officials:
        for mention in official.mentions:
            if not _COUNTERPART_BEFORE.search(text, max(0, mention.start - 40), mention.start):
                continue
            sentence_start, _ = sentences.at(mention.start)
            frame = list(_HIS_OR_HER.finditer(text, sentence_start, mention.start))
            host = mentions.nearest_before(official, sentence_start, frame[-1].start() if frame else -1)
            if host is None:
                continue
            if official.weak_role and host.role and not host.weak_role:
                official.role, official.weak_role = host.role, False
            if official.country is None and host.country is not None:
                official.country, official.basis = _other(guess(), host.country), COUNTERPART
            elif host.country is None and official.country is not None:
                host.country, host.basis = _other(guess(), official.country), COUNTERPART
            break


class _MentionIndex:
    """Every official's mentions in text order, so a span's officials are found by bisection rather
    than by scanning every mention of the article for each sentence (quadratic on long prose)."""

    def __init__(self, officials: list[Official]) -> None:
        entries = sorted(
            (
                (mention.start, order, official)
                for order, official in enumerate(officials)
                for mention in official.mentions
            ),
            key=lambda entry: (entry[0], entry[1]),
        )
        self._starts = [start for start, _, _ in entries]
        self._entries = entries

    def _span(self, start: int, end: int) -> list[tuple[int, int, Official]]:
        return self._entries[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def nearest_before(self, this: Official, start: int, end: int) -> Official | None:
        """The official other than `this` mentioned last in [start, end) (the first listed on a tie)."""
        best: tuple[int, int, Official] | None = None
        for entry in self._span(start, end):
            if entry[2] is not this and (best is None or entry[0] > best[0]):
                best = entry
        return best[2] if best else None

    def last_in(self, start: int, end: int) -> Official | None:
        """The official mentioned last in [start, end)."""
        span = self._span(start, end)
        return span[-1][2] if span else None

    def placed_in(self, start: int, end: int) -> list[_Placed]:
        """Each official named in [start, end), at their first mention there, in text order."""
        first: dict[int, _Placed] = {}
        for mention_start, order, official in self._span(start, end):
            if order not in first:
                first[order] = _Placed(official, mention_start)
        return sorted(first.values(), key=lambda item: item.start)


def _meetings(
    text: str, sentences: _Sentences, officials: list[Official], mentions: _MentionIndex, guess: CountryGuess
) -> None:
    """ "A met B", "A received B", "B paid a courtesy call on A", "co-chaired by A and the Indian B",
    "the Uzbek delegation met with B": the two sides of a meeting are the two countries of the pair.
    The subject is the first person of the sentence (and those joined to them by "and"), or a side
    named by its nationality; the others come after the verb."""
    starts = sorted({mention.start for official in officials for mention in official.mentions})
    seen: set[tuple[int, int]] = set()
    for position in starts:
        span = sentences.at(position)
        if span in seen:
            continue
        seen.add(span)
        placed = mentions.placed_in(*span)
        for pattern, subject_basis, object_basis in (
            (_HOST_FIRST, HOST, VISITOR),
            (_VISITOR_FIRST, VISITOR, HOST),
            (_MEETING, COUNTERPART, COUNTERPART),
        ):
            cue = pattern.search(text, *span)
            if cue is None:
                continue
            if _PASSIVE_BEFORE.search(text, span[0], cue.start()):
                subject_basis, object_basis = object_basis, subject_basis  # "was received by B"
            subject = _subject(text, [item for item in placed if item.start < cue.start()])
            objects = [item.official for item in placed if item.start >= cue.end()]
            side = None
            if _JOINT_CUE.match(cue.group()) and (len(subject) == 2) != (len(objects) == 2):
                # "A and B co-chaired ...", "co-chaired by A and B": one side each
                subject, objects = (
                    (subject[:1], subject[1:]) if len(subject) == 2 else (objects[:1], objects[1:])
                )
            elif not subject:
                side = _side_country(text, span[0], cue.start())
            _opposite(subject, objects, subject_basis, object_basis, guess, side)
            break


# "was later received by", "were hosted by": the subject is the visitor.
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$")
# Cues whose two sides both come after them: "co-chaired by A and B".
_JOINT_CUE = re.compile(r"co-chair")
_SUBJECT_JOIN = re.compile(r"[^,;]{0,12}\band\s+")


# "The Uzbek delegation", "the Indian side": one side of a meeting named by its nationality; and "the
# Indian minister", "his Kenyan counterpart" for `_nationalities`. The word is checked against the
# demonyms afterwards: a pattern of every demonym would cost more than the check.
_SIDE = re.compile(
    r"\b(?:[Tt]he|[Aa])\s+(?:visiting\s+)?(?P<d>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+(?:side|delegation|team"
    r"|minister|president|premier|ambassador|envoy|officials?|leader|counterpart|foreign\s+minister"
    r"|prime\s+minister)\b"
)
_DEMONYM_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Hh]is|[Hh]er)\s+(?:visiting\s+)?(?P<d>[A-Z][\w-]+)\s+(?P<h>[a-z][a-z-]+)\b"
)
# "with Brazil", "with the Korea Advanced Institute": capitalised words after "with".
_WITH_CAPITALISED = re.compile(r"\bwith\s+(?:the\s+)?(?P<c>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")


def _side_country(text: str, start: int, end: int) -> str | None:
    for match in _SIDE.finditer(text, start, end):
        words = match.group("d")
        for candidate in (words, words.split()[-1], words.split()[0]):
            if candidate in demonyms():
                return country_of(candidate)
    return None


def _country_among(words: str, by_name: bool = False) -> str | None:
    """The first country named by one to three of the capitalised words; with `by_name`, by a
    country's name or demonym only, never its capital."""
    parts = words.split()
    for index in range(len(parts)):
        for length in (3, 2, 1):
            phrase = " ".join(parts[index : index + length]).removesuffix("'s").removesuffix("’s")
            country = country_of(phrase)
            if country and by_name and phrase not in country_by_word():
                continue
            if country:
                return country
    return None


def _subject(text: str, before: list[_Placed]) -> list[Official]:
    """The first person of the sentence and those joined to them by "and", if they come first."""
    if not before:
        return []
    subject = [before[0]]
    for item in before[1:]:
        previous = subject[-1]
        last_end = max(m.end for m in previous.official.mentions if m.start == previous.start)
        if not _SUBJECT_JOIN.match(text, last_end, item.start):
            break
        subject.append(item)
    return [item.official for item in subject]


def _opposite(
    subject: list[Official],
    objects: list[Official],
    subject_basis: str,
    object_basis: str,
    guess: CountryGuess,
    side: str | None = None,
) -> None:
    """The two sides of a meeting: those without a country take the other country of the pair than
    the other side's (read before anyone here is given one)."""
    subject_known = {side} if side else {o.country for o in subject if o.country in guess.pair}
    object_known = {o.country for o in objects if o.country in guess.pair}
    for known, unknown_side, basis in (
        (subject_known, objects, object_basis),
        (object_known, subject, subject_basis),
    ):
        if len(known) != 1:
            continue
        other = _other(guess, next(iter(known)))
        for official in unknown_side:
            if official.country is None and other is not None:
                official.country, official.basis = other, basis


def _with_a_country(text: str, sentences: _Sentences, officials: list[Official], guess: CountryGuess) -> None:
    """ "called for deeper collaboration with Brazil", "signed an agreement with the Korea Advanced
    Institute ...": the person is from the other side."""
    for official in officials:
        if official.country is not None or not official.mentions:
            continue
        first = official.mentions[0]
        _, sentence_end = sentences.at(first.start)
        match = _WITH_CAPITALISED.search(text, first.end, sentence_end)
        if match is None:
            continue
        # "linking the Vaitele area with the Apia port": a capital after "the" is a place, not a side
        by_name = match.group().split()[1] == "the"
        other = _other(guess, _country_among(match.group("c"), by_name))
        if other is not None:
            official.country, official.basis = other, COUNTERPART


def _eliminate(officials: list[Official], guess: CountryGuess) -> None:
    """In a two-country article whose titles name only one side, the bare titles are the other's."""
    if len(guess.pair) != 2:
        return
    stated = {official.country for official in officials if official.basis in STATED} - INTERNATIONAL_BODIES
    if len(stated) != 1 or not stated <= set(guess.pair):
        return  # a third country, or both sides, named in titles: no elimination
    other = _other(guess, next(iter(stated)))
    for official in officials:
        if official.country is None and other is not None:
            official.country, official.basis = other, ELIMINATION
