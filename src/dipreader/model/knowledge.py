"""The knowledge base from YAML: known people (aliases, country, dated roles) and sector terms."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

import yaml

from dipreader.model.names import name_tokens
from dipreader.model.sector_registry import default_label


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


def parse_knowledge(text: str) -> Knowledge:
    """Read one knowledge YAML document; raise _Malformed (with a line) or yaml.YAMLError."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return Knowledge()
    fields = _mapping(root, "the knowledge file")
    unknown = set(fields) - {"people", "sectors"}
    if unknown:
        first = sorted(unknown)[0]
        raise _Malformed(_line(root), f"unknown section {first!r} (expected people, sectors)")
    people = tuple(_read_person(node) for node in _sequence(fields.get("people"), "people"))
    return Knowledge(people=people, sectors=_read_sectors(fields.get("sectors")))


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
    return Knowledge(people, tuple(sectors.values()), base.problems + extra.problems)


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
    that cannot be read is ignored and reported in `problems` with its line."""
    base = bundled_knowledge()
    if user_file is None or not user_file.exists():
        return base
    try:
        text = user_file.read_text(encoding="utf-8")
        extra = parse_knowledge(text)
    except _Malformed as error:
        return dataclasses.replace(base, problems=(f"{user_file}: line {error.line}: {error}",))
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        return dataclasses.replace(base, problems=(f"{user_file}: line {line}: {error.problem}",))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return dataclasses.replace(base, problems=(f"{user_file}: line 1: cannot read: {error}",))
    return merge_knowledge(base, extra)


def sector_keys(knowledge: Knowledge) -> tuple[str, ...]:
    """Every sector this knowledge names, bundled and the user's (the bundled ones in registry order)."""
    return tuple(sector.key for sector in knowledge.sectors)
