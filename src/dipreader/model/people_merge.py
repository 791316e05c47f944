"""Group person names that denote one person, comparing only names that share a blocking key."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from dipreader.model.names import PARTICLES, name_tokens

SamePerson = Callable[[str, str], bool]

# Transliterations swap a surname's first sound between these letters (Khalafov/Halafov,
# Qasimov/Gasimov, Jafarov/Cafarov/Dzhafarov, Yusifov/Jusifov, Wagner/Vagner), so each
# initial is filed under every class it can stand for; a class is only a cheap pre-filter.
_INITIAL_CLASSES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys("aeiouy", ("vowel",)),
    "j": ("vowel", "sibilant"),
    **dict.fromkeys("kqghx", ("velar",)),
    "c": ("velar", "sibilant"),
    **dict.fromkeys("sz", ("sibilant",)),
    **dict.fromkeys("bp", ("labial",)),
    **dict.fromkeys("vwf", ("labiodental",)),
}
_SIBILANT_DIGRAPHS = ("dz", "dj", "ts", "tch")
# Spelling variants of one surname differ by a few letters at most.
_LENGTH_SLACK = 3


def surname_candidates(name: str) -> list[str]:
    """Folded words that may be the surname: the last, and the one before it in long names.

    The second covers a paternal surname before a dropped maternal one ("Andrés Manuel
    López Obrador" is also "Andrés López").
    """
    words = [word for word in name_tokens(name) if word not in PARTICLES]
    return words[-2:][::-1] if len(words) >= 3 else words[-1:]


def is_full_name(name: str) -> bool:
    """True when the name has at least a given name and a surname."""
    return len([word for word in name_tokens(name) if word not in PARTICLES]) >= 2


def initial_classes(surname: str) -> tuple[str, ...]:
    """The blocking classes of a folded surname's first sound."""
    if not surname:
        return ("",)
    if surname.startswith(_SIBILANT_DIGRAPHS):
        return (surname[0], "sibilant")
    return _INITIAL_CLASSES.get(surname[0], (surname[0],))


def blocking_keys(name: str) -> list[tuple[str, int]]:
    """Keys under which a name is filed: first-sound class and length of each surname."""
    return [
        (label, len(surname))
        for surname in surname_candidates(name)
        for label in initial_classes(surname)
    ]


def neighbour_keys(name: str) -> Iterator[tuple[str, int]]:
    """Keys of every block whose names could be a spelling variant of this one."""
    for label, length in blocking_keys(name):
        for nearby in range(length - _LENGTH_SLACK, length + _LENGTH_SLACK + 1):
            yield (label, nearby)


def cluster_names(names: Sequence[str], same_person: SamePerson) -> list[list[str]]:
    """Partition distinct names into people, most frequent-first within the given order.

    Full names are placed first so that a bare surname joins a person only when exactly
    one full-name person matches it; an ambiguous surname ("Aliyev" beside Ilham and
    Heydar Aliyev) stays a person of its own rather than fusing two people.
    """
    ordered = sorted(dict.fromkeys(names), key=lambda name: not is_full_name(name))
    clusters: list[list[str]] = []
    blocks: dict[tuple[str, int], list[int]] = {}
    for name in ordered:
        matches = _matching_clusters(name, clusters, blocks, same_person)
        full = is_full_name(name)
        if matches and (full or len(matches) == 1):
            target = matches[0]
            clusters[target].append(name)
        else:
            target = len(clusters)
            clusters.append([name])
        for key in blocking_keys(name):
            members = blocks.setdefault(key, [])
            if target not in members:
                members.append(target)
    return clusters


def _matching_clusters(
    name: str,
    clusters: list[list[str]],
    blocks: dict[tuple[str, int], list[int]],
    same_person: SamePerson,
) -> list[int]:
    candidates = sorted({index for key in neighbour_keys(name) for index in blocks.get(key, ())})
    matches: list[int] = []
    for index in candidates:
        members = clusters[index]
        # Compare with the full names only, so a shared bare surname cannot chain two people.
        comparable = [member for member in members if is_full_name(member)] or members
        if any(same_person(name, member) for member in comparable):
            matches.append(index)
    return matches
