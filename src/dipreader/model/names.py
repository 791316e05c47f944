"""Person-name rules: honorifics, surnames, and when two spellings name the same person."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable

HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "he",
        "h.e",
        "madam",
        "madame",
        "mme",
        "m",
        "sr",
        "sra",
        "sig",
        "signor",
        "herr",
        "frau",
        "sayin",
        "sayın",
        "hon",
        "rev",
        "lord",
        "lady",
    }
)
# Lower-case particles that belong inside a surname: "La Russa", "da Silva", "van der Leyen".
PARTICLES = frozenset(
    {
        "de",
        "da",
        "do",
        "dos",
        "das",
        "del",
        "della",
        "delle",
        "dei",
        "di",
        "du",
        "des",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "la",
        "le",
        "el",
        "al",
        "bin",
        "ibn",
        "bint",
        "y",
        "e",
        "mac",
        "st",
    }
)


# "Hussein bin Abdullah": what follows names the father, not the person.
PATRONYMIC_LINKS = frozenset({"bin", "ibn", "bint", "ben"})


def _fold(word: str) -> str:
    """Lower case without diacritics or punctuation: "Erdoğan" -> "erdogan"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def name_tokens(name: str) -> list[str]:
    """Folded tokens of a name without honorifics: "Mr. Ilham Aliyev" -> ["ilham", "aliyev"]."""
    tokens = [_fold(part) for part in name.replace("-", " ").replace("’", "'").split()]
    tokens = [token for token in tokens if token]
    while tokens and tokens[0] in HONORIFICS:
        tokens.pop(0)
    return tokens


def strip_honorific(name: str) -> str:
    """The name without a leading "Mr." / "Mrs." / "H.E." and the like."""
    parts = name.split()
    while len(parts) > 1 and _fold(parts[0]) in HONORIFICS:
        parts.pop(0)
    return " ".join(parts)


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count 1), giving up above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b and previous_previous:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


def _gender_pair(a: str, b: str) -> bool:
    """Aliyev / Aliyeva, Mario / Maria: a final feminine "a" makes a different person."""
    if a + "a" == b or b + "a" == a:
        return True
    if len(a) == len(b) and a[:-1] == b[:-1] and {a[-1], b[-1]} & {"a"} and a[-1] != b[-1]:
        return True
    # Slavic adjectival surnames: -sky / -skaya, -skiy / -skaya.
    return (a.endswith("skaya") and b.startswith(a[:-5]) and b[len(a) - 5 :] in {"sky", "skiy", "ski"}) or (
        b.endswith("skaya") and a.startswith(b[:-5]) and a[len(b) - 5 :] in {"sky", "skiy", "ski"}
    )


def similar_tokens(a: str, b: str) -> bool:
    """Two folded name tokens that are the same word or a plausible misspelling of it."""
    if a == b:
        return True
    if _gender_pair(a, b):
        return False
    if len(a) == 1 or len(b) == 1:  # an initial: "I. La Russa"
        return a[0] == b[0]
    shortest = min(len(a), len(b))
    if shortest < 4:
        return False
    limit = 1 if shortest < 7 else 2
    return _edit_distance(a, b, limit) <= limit


def _subsequence_match(short: list[str], long: list[str]) -> bool:
    """Every token of `short` matches a token of `long`, in order."""
    position = 0
    for token in short:
        while position < len(long) and not similar_tokens(token, long[position]):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


def same_person(name_a: str, name_b: str) -> bool:
    """Whether two names can be spellings of one person: last names alike, given names alike
    when both are given. "Edmondo Cirielli" ~ "Edmondo Chirielli", "Ignacio La Russa" ~
    "Ignazio La Russa", "Aliyev" ~ "Ilham Aliyev"; but "Ilham Aliyev" !~ "Heydar Aliyev" !~
    "Mehriban Aliyeva"."""
    tokens_a = [t for t in name_tokens(name_a) if t not in PARTICLES]
    tokens_b = [t for t in name_tokens(name_b) if t not in PARTICLES]
    if not tokens_a or not tokens_b:
        return False
    if not similar_tokens(tokens_a[-1], tokens_b[-1]):
        return _spanish_paternal_match(tokens_a, tokens_b) or _split_surname_match(tokens_a, tokens_b)
    short, long = sorted((tokens_a, tokens_b), key=len)
    if len(short) == 1:
        return True
    if not similar_tokens(short[0], long[0]):
        # "Lula da Silva" ~ "Luiz Inácio Lula da Silva": the short form is the long one's tail;
        # but "Abdullah II" is not "Al Hussein bin Abdullah II", his son.
        patronymic = any(token in PATRONYMIC_LINKS for token in name_tokens(name_a) + name_tokens(name_b))
        return len(short) < len(long) and not patronymic and _subsequence_match(short, long[1:])
    return _subsequence_match(short[1:-1], long[1:-1])


def _spanish_paternal_match(tokens_a: list[str], tokens_b: list[str]) -> bool:
    """Andrés Manuel López Obrador ~ Andrés López: the short form drops the maternal surname."""
    short, long = sorted((tokens_a, tokens_b), key=len)
    if len(long) < 3 or len(short) < 2 or len(short) >= len(long):
        return False
    return similar_tokens(short[0], long[0]) and similar_tokens(short[-1], long[-2])


def _split_surname_match(tokens_a: list[str], tokens_b: list[str]) -> bool:
    """ "Abdel Aty" ~ "Badr Abdelatty": a surname written in two words or in one."""
    return _joined_tail_matches(tokens_a, tokens_b) or _joined_tail_matches(tokens_b, tokens_a)


def _joined_tail_matches(short: list[str], long: list[str]) -> bool:
    if len(short) > 3 or len(long) < 2:
        return False
    joined_short = "".join(short)
    tails = ("".join(long[start:]) for start in range(1, len(long)))
    # Whole words only: an initial ("S") is no surname written in one word.
    return len(joined_short) > 1 and any(
        len(tail) > 1 and similar_tokens(joined_short, tail) for tail in tails
    )


def canonical_choice(names: Iterable[str]) -> str:
    """The spelling to show for one person: the most frequent, then the fullest, then with
    diacritics, then alphabetical (so the choice never depends on order)."""
    counts = Counter(strip_honorific(name.strip()) for name in names if name.strip())
    if not counts:
        raise ValueError("canonical_choice needs at least one name")

    def preference(name: str) -> tuple[int, int, int, str]:
        has_diacritics = name != unicodedata.normalize("NFKD", name)
        return (-counts[name], -len(name.split()), -int(has_diacritics), name)

    return min(counts, key=preference)
