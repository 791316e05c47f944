"""The knowledge base from YAML: known people (aliases, country, dated roles), sector terms and the
reader's corrections."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

import yaml

from dipreader.model.corrections import COUNTRY, MERGE, NOT_PERSON, ROLE, SPLIT, Correction, Corrections
from dipreader.model.names import name_tokens
from dipreader.model.sector_registry import default_label

MAX_KNOWLEDGE_BYTES = 4 * 1024 * 1024
"""A user knowledge file larger than this is not read (the bundled one is a few kilobytes)."""
MAX_EXPANDED_VALUES = 200_000
"""Values in a knowledge file with its aliases expanded: past this, aliases multiply it (a bomb)."""
SECTIONS = ("people", "sectors", "corrections")
CORRECTIONS_SECTION = "corrections"


@dataclass(frozen=True)
class KnownRole:
    """A post a person held: title, and ISO start/end dates when known."""

    title: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class KnownPerson:
    """A known person: canonical name, other spellings, country and roles."""

    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[KnownRole, ...] = ()

    def latest_role(self) -> str | None:
        """The title of the most recent role (an open-ended one first)."""
        if not self.roles:
            return None
        ordered = sorted(self.roles, key=lambda role: (role.end is None, role.start or "", role.end or ""))
        return ordered[-1].title


@dataclass(frozen=True)
class Sector:
    """A sector of cooperation: key (`energy`), label and the terms that name it."""

    key: str
    label: str
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Knowledge:
    """People and sectors the extractor may use; `problems` says what could not be loaded."""

    people: tuple[KnownPerson, ...] = ()
    sectors: tuple[Sector, ...] = ()
    problems: tuple[str, ...] = field(default=(), compare=False)
    corrections: Corrections = field(default_factory=Corrections)
    """The reader's corrections (`dipreader.model.corrections`), applied to analyses as they are read."""

    @cached_property
    def _people_by_name(self) -> dict[str, KnownPerson]:
        index: dict[str, KnownPerson] = {}
        for person in self.people:
            for spelling in (person.name, *person.aliases):
                index.setdefault(" ".join(name_tokens(spelling)), person)
        return index

    @cached_property
    def _people_by_surname(self) -> dict[str, tuple[KnownPerson, ...]]:
        index: dict[str, list[KnownPerson]] = {}
        for person in self.people:
            surnames = {
                name_tokens(spelling)[-1]
                for spelling in (person.name, *person.aliases)
                if name_tokens(spelling)
            }
            for surname in surnames:
                index.setdefault(surname, []).append(person)
        return {surname: tuple(people) for surname, people in index.items()}

    def person_named(self, name: str) -> KnownPerson | None:
        """The known person this full name (or alias, or misspelling listed) stands for."""
        return self._people_by_name.get(" ".join(name_tokens(name)))

    def person_with_surname(self, surname: str) -> KnownPerson | None:
        """The one known person with this surname, or None when there is none or several."""
        tokens = name_tokens(surname)
        people = self._people_by_surname.get(tokens[-1], ()) if tokens else ()
        return people[0] if len(people) == 1 else None

    def sector(self, key: str) -> Sector | None:
        return next((sector for sector in self.sectors if sector.key == key), None)


class _Malformed(ValueError):
    """A knowledge file whose shape is wrong, with the line it went wrong on."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _scalar(node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise _Malformed(_line(node), f"{what} must be a non-empty text")
    return str(node.value).strip()


def _optional_scalar(node: yaml.Node | None, what: str) -> str | None:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        return None
    return _scalar(node, what)


def _mapping(node: yaml.Node, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise _Malformed(_line(node), f"{what} must be a mapping")
    return {_scalar(key, "a key"): value for key, value in node.value}


def _sequence(node: yaml.Node | None, what: str) -> list[yaml.Node]:
    if node is None:
        return []
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise _Malformed(_line(node), f"{what} must be a list")
    return list(node.value)


def _read_role(node: yaml.Node) -> KnownRole:
    if isinstance(node, yaml.ScalarNode):
        return KnownRole(_scalar(node, "a role"))
    fields = _mapping(node, "a role")
    if "title" not in fields:
        raise _Malformed(_line(node), "a role needs a title")
    return KnownRole(
        _scalar(fields["title"], "a role title"),
        _optional_scalar(fields.get("from"), "a role start"),
        _optional_scalar(fields.get("to"), "a role end"),
    )


def _read_person(node: yaml.Node) -> KnownPerson:
    fields = _mapping(node, "a person")
    if "name" not in fields:
        raise _Malformed(_line(node), "a person needs a name")
    return KnownPerson(
        name=_scalar(fields["name"], "a name"),
        country=_optional_scalar(fields.get("country"), "a country"),
        aliases=tuple(_scalar(alias, "an alias") for alias in _sequence(fields.get("aliases"), "aliases")),
        roles=tuple(_read_role(role) for role in _sequence(fields.get("roles"), "roles")),
    )


def _read_sectors(node: yaml.Node | None) -> tuple[Sector, ...]:
    if node is None:
        return ()
    sectors = []
    for key_node, value in _mapping(node, "sectors").items():
        fields = _mapping(value, f"sector {key_node}")
        terms = tuple(_scalar(term, "a term") for term in _sequence(fields.get("terms"), "terms"))
        label = _optional_scalar(fields.get("label"), "a label") or default_label(key_node)
        sectors.append(Sector(key_node, label, terms))
    return tuple(sectors)


_CORRECTION_FIELDS = {
    NOT_PERSON: frozenset({NOT_PERSON, "article"}),
    "person": frozenset({"person", ROLE, COUNTRY, "article"}),
    MERGE: frozenset({MERGE, "into", "article"}),
    SPLIT: frozenset({SPLIT, "as", "article"}),
}


def _read_correction(node: yaml.Node) -> list[Correction]:
    fields = _mapping(node, "a correction")
    kinds = [kind for kind in _CORRECTION_FIELDS if kind in fields]
    if len(kinds) != 1:
        raise _Malformed(_line(node), "a correction has one of not_person, person, merge, split")
    kind = kinds[0]
    unknown = sorted(set(fields) - _CORRECTION_FIELDS[kind])
    if unknown:
        raise _Malformed(_line(fields[unknown[0]]), f"{kind}: unknown field {unknown[0]!r}")
    name = _scalar(fields[kind], "a name")
    article = _optional_scalar(fields.get("article"), "an article id")
    if kind == "person":
        role = _optional_scalar(fields.get(ROLE), "a role")
        country = _optional_scalar(fields.get(COUNTRY), "a country")
        if role is None and country is None:
            raise _Malformed(_line(node), "person: a correction of a person gives its role or country")
        pairs = [(ROLE, role), (COUNTRY, country)]
        return [Correction(what, name, article, value) for what, value in pairs if value is not None]
    value: str | None = None
    if kind == MERGE:
        if "into" not in fields:
            raise _Malformed(_line(node), "merge: says whom it merges into (into: NAME)")
        value = _scalar(fields["into"], "a name")
    elif kind == SPLIT:
        if article is None:
            raise _Malformed(_line(node), "split: names the article (article: ID)")
        value = _optional_scalar(fields.get("as"), "a name") or f"{name} ({article})"
    try:
        return [Correction(kind, name, article, value)]
    except ValueError as error:
        raise _Malformed(_line(node), f"{kind}: {error}") from None


def _read_corrections(node: yaml.Node | None) -> Corrections:
    items = [item for entry in _sequence(node, "corrections") for item in _read_correction(entry)]
    return Corrections(tuple(items))


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values the node stands for with its aliases expanded (each shared node counted
    once per use, computed once); raises _Malformed past MAX_EXPANDED_VALUES or on a cycle."""
    known = sizes.get(id(node))
    if known is not None:
        if known < 0:
            raise _Malformed(_line(node), "an alias refers to the value it is in")
        return known
    sizes[id(node)] = -1
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    total = 1 + sum(_expanded_size(child, sizes) for child in children)
    if total > MAX_EXPANDED_VALUES:
        raise _Malformed(_line(node), f"expands to more than {MAX_EXPANDED_VALUES:,} values (aliases?)")
    sizes[id(node)] = total
    return total


def parse_knowledge(text: str) -> Knowledge:
    """Read one knowledge YAML document; raise _Malformed (with a line) or yaml.YAMLError."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return Knowledge()
    _expanded_size(root, {})
    fields = _mapping(root, "the knowledge file")
    unknown = set(fields) - set(SECTIONS)
    if unknown:
        first = sorted(unknown)[0]
        raise _Malformed(_line(root), f"unknown section {first!r} (expected {', '.join(SECTIONS)})")
    people = tuple(_read_person(node) for node in _sequence(fields.get("people"), "people"))
    return Knowledge(
        people=people,
        sectors=_read_sectors(fields.get("sectors")),
        corrections=_read_corrections(fields.get(CORRECTIONS_SECTION)),
    )


def read_knowledge_text(text: str) -> Knowledge | str:
    """The knowledge in one user file's text, or the one-line problem that stops it being read
    ("line N: ..."): not YAML, the wrong shape, nested too deeply."""
    try:
        return parse_knowledge(text)
    except _Malformed as error:
        return f"line {error.line}: {error}"
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        return f"line {line}: {_one_line(str(error.problem or error))}"
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        code = ord(error.character) if isinstance(error.character, str) else int(error.character)
        return f"line {line}: a character YAML does not allow (#x{code:04x})"
    except yaml.YAMLError as error:
        return f"line 1: not YAML: {_one_line(str(error))}"
    except RecursionError:
        return "line 1: nested too deeply"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def merge_knowledge(base: Knowledge, extra: Knowledge) -> Knowledge:
    """`extra` adds people and sector terms to `base`; a person of the same name (or alias) replaces
    the base entry, and a sector's label is replaced while its terms are added."""
    replaced = {
        id(person)
        for person in (
            base.person_named(spelling) for new in extra.people for spelling in (new.name, *new.aliases)
        )
        if person is not None
    }
    people = tuple(person for person in base.people if id(person) not in replaced) + extra.people
    sectors = {sector.key: sector for sector in base.sectors}
    for sector in extra.sectors:
        previous = sectors.get(sector.key)
        terms = tuple(dict.fromkeys((*(previous.terms if previous else ()), *sector.terms)))
        sectors[sector.key] = Sector(sector.key, sector.label, terms)
    return Knowledge(
        people, tuple(sectors.values()), base.problems + extra.problems, base.corrections + extra.corrections
    )


@cache
def bundled_knowledge() -> Knowledge:
    """The knowledge shipped in dipreader.data (officials.yaml, sectors.yaml); read once."""
    package = resources.files("dipreader.data")
    knowledge = Knowledge()
    for filename in ("officials.yaml", "sectors.yaml"):
        knowledge = merge_knowledge(knowledge, parse_knowledge(package.joinpath(filename).read_text("utf-8")))
    return knowledge


def load_knowledge(user_file: Path | None = None) -> Knowledge:
    """The bundled knowledge, extended and overridden by `user_file` when it exists; a user file
    that cannot be read (too big, not UTF-8, not YAML, the wrong shape) is ignored and reported in
    `problems`, one line with its line number."""
    base = bundled_knowledge()
    if user_file is None or not user_file.exists():
        return base
    extra = read_user_knowledge(user_file)
    if isinstance(extra, str):
        return dataclasses.replace(base, problems=(f"{user_file}: {extra}",))
    return merge_knowledge(base, extra)


def read_user_knowledge(user_file: Path) -> Knowledge | str:
    """One user knowledge file alone, or the one-line problem ("line N: ...") that stops it being read."""
    try:
        size = user_file.stat().st_size
        if size > MAX_KNOWLEDGE_BYTES:
            return f"line 1: too large ({size:,} bytes; the limit is {MAX_KNOWLEDGE_BYTES:,})"
        text = user_file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return f"line 1: not UTF-8 text (byte {error.start})"
    except OSError as error:
        return f"line 1: cannot read: {error.strerror or error}"
    return read_knowledge_text(text)


def sector_keys(knowledge: Knowledge) -> tuple[str, ...]:
    """Every sector this knowledge names, bundled and the user's (the bundled ones in registry order)."""
    return tuple(sector.key for sector in knowledge.sectors)
