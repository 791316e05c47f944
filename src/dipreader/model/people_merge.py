"""Group person names that denote one person, comparing only names that share a blocking key."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dipreader.model.names import FAMILY_FIRST_SURNAMES, PARTICLES, comparison_tokens

SamePerson = Callable[[str, str], bool]
BlockingKeys = Callable[[str], set[str]]

# Spelling variants differ by at most two edits (Cirielli/Chirielli, Khalafov/Halafov):
# two words within two edits of each other share a form with up to two letters deleted
# from each, so filing each surname under those forms finds every candidate pair
# without comparing all pairs. Short words keep more letters so keys stay selective.
_MAX_DELETIONS = 2
_MIN_KEY_LENGTH = 3


def surname_candidates(name: str) -> list[str]:
    """Folded words that may be the surname: the last, and the one before it in long names.

    The second covers a paternal surname before a dropped maternal one ("Andrés Manuel
    López Obrador" is also "Andrés López"). Names written family name first are read in their
    parts ("Okada Masaru" is filed under "okada", as "Masaru Okada" is).
    """
    return surname_candidates_of(comparison_tokens(name))


def surname_candidates_of(tokens: Sequence[str]) -> list[str]:
    """`surname_candidates` of a name already folded into comparison tokens."""
    words = [word for word in tokens if word not in PARTICLES]
    if len(words) == 2 and FAMILY_FIRST_SURNAMES & set(words):
        return words[::-1]  # "Wang Yi" or "Yi Wang": which word is the family name is uncertain
    return words[-2:][::-1] if len(words) >= 3 else words[-1:]


def is_full_name(name: str) -> bool:
    """True when the name has at least a given name and a surname."""
    return len([word for word in comparison_tokens(name) if word not in PARTICLES]) >= 2


def deletion_forms(word: str) -> set[str]:
    """The word with up to two letters deleted, never shorter than three letters."""
    forms = {word}
    frontier = {word}
    for _ in range(_MAX_DELETIONS):
        frontier = {
            form[:index] + form[index + 1 :]
            for form in frontier
            if len(form) > _MIN_KEY_LENGTH
            for index in range(len(form))
        }
        forms |= frontier
    return forms


def blocking_keys(name: str) -> set[str]:
    """Keys under which a name is filed: deletion forms of each possible surname."""
    return blocking_keys_of(comparison_tokens(name))


def blocking_keys_of(tokens: Sequence[str]) -> set[str]:
    """`blocking_keys` of a name already folded into comparison tokens."""
    return {form for surname in surname_candidates_of(tokens) for form in deletion_forms(surname)}


def cluster_names(
    names: Sequence[str], same_person: SamePerson, keys: BlockingKeys = blocking_keys
) -> list[list[str]]:
    """Partition distinct names into people, most frequent-first within the given order.

    Full names are placed first so that a bare surname joins a person only when exactly
    one full-name person matches it; an ambiguous surname ("Aliyev" beside Ilham and
    Heydar Aliyev) stays a person of its own rather than fusing two people.
    """
    ordered = sorted(dict.fromkeys(names), key=lambda name: not is_full_name(name))
    clusters: list[list[str]] = []
    full_names: list[list[str]] = []  # per cluster, the members a newcomer is compared with
    blocks: dict[str, set[int]] = {}
    for name in ordered:
        name_keys = keys(name)
        candidates = sorted({index for key in name_keys for index in blocks.get(key, ())})
        matches = [
            index for index in candidates if any(same_person(name, member) for member in full_names[index])
        ]
        full = is_full_name(name)
        if matches and (full or len(matches) == 1):
            target = matches[0]
            clusters[target].append(name)
            if full:
                full_names[target].append(name)
        else:
            target = len(clusters)
            clusters.append([name])
            # A bare-surname person is compared by its surname until a full name joins it.
            full_names.append([name])
        for key in name_keys:
            blocks.setdefault(key, set()).add(target)
    return clusters
