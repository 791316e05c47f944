"""Front-matter YAML loaded within bounds: size, nesting, alias expansion, numbers and dates."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_DEPTH = 16
# Counted with every alias expanded, so a billion-laughs bomb stops at its fifth level or so.
MAX_EXPANDED_NODES = 10_000
MAX_EXPANDED_CHARS = 1_000_000
MAX_INTEGER_DIGITS = 19
MAX_INTEGER = 2**63 - 1
FIRST_YEAR, LAST_YEAR = 1000, 2999

FrontMatterValue = str | int | float | bool | None | _dt.date | list[str]

_DATE_TIME = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+](?P<tz_hour>[0-9]{1,2})(?::?(?P<tz_minute>[0-9]{2}))?))?)?"
)
_YEAR_MONTH = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})")
_TIME = re.compile(r"[Tt](?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?")
_YEAR = re.compile(r"[0-9]{4}")
_DATE_KEY_WORDS = ("date", "year", "published", "updated", "modified", "created")


class FrontMatterError(Exception):
    """Front matter that cannot be used; the message is a one-line reason."""


@dataclass(frozen=True)
class _InvalidDate:
    """A YAML timestamp that names no real day, kept until its key is known for the message."""

    text: str
    why: str
    line: int


def _one_line(text: str) -> str:
    return " ".join(text.split())


def date_problem(text: str) -> str | None:
    """Why `text` (a whole value that looks like a date or a time) is not a real one; None when it
    is one, or when it does not look like a date at all."""
    text = text.strip()
    if match := _DATE_TIME.fullmatch(text):
        parts = {name: int(value) for name, value in match.groupdict().items() if value is not None}
    elif match := _YEAR_MONTH.fullmatch(text):
        parts = {name: int(value) for name, value in match.groupdict().items()} | {"day": 1}
    elif match := _TIME.fullmatch(text):
        parts = {name: int(value) for name, value in match.groupdict().items() if value is not None}
        return _time_problem(parts)
    else:
        return None
    year = parts["year"]
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"year {year} is outside {FIRST_YEAR}–{LAST_YEAR}"
    if not 1 <= parts["month"] <= 12:
        return f"there is no month {parts['month']}"
    try:
        _dt.date(year, parts["month"], parts["day"])
    except ValueError:
        return f"there is no day {parts['day']} in {year}-{parts['month']:02d}"
    return _time_problem(parts)


def _time_problem(parts: dict[str, int]) -> str | None:
    if parts.get("hour", 0) > 23:
        return f"there is no hour {parts['hour']}"
    if parts.get("minute", 0) > 59:
        return f"there is no minute {parts['minute']}"
    if parts.get("second", 0) > 59:
        return f"there is no second {parts['second']}"
    if parts.get("tz_hour", 0) > 23 or parts.get("tz_minute", 0) > 59:
        return "the time zone offset is out of range"
    return None


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses deep nesting, alias expansion past a budget, huge integers and
    impossible timestamps, each with the line it is on."""

    def __init__(self, text: str, first_line: int) -> None:
        super().__init__(text)
        self.first_line = first_line
        self.depth = 0
        # (nodes, characters) of each composed node with its aliases expanded.
        self.expanded: dict[Node, tuple[int, int]] = {}

    def line_of(self, node_or_event: Node | yaml.Event) -> int:
        mark = node_or_event.start_mark
        return self.first_line + (mark.line if mark is not None else 0)

    def next_event(self) -> yaml.Event:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        return event

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.next_event()
            node = super().compose_node(parent, index)
            if node not in self.expanded:
                raise FrontMatterError(f"front matter: recursive alias at line {self.line_of(event)}")
            return node
        self.depth += 1
        if self.depth > MAX_DEPTH:
            where = self.line_of(self.next_event())
            raise FrontMatterError(f"front matter: nested more than {MAX_DEPTH} levels deep at line {where}")
        node = super().compose_node(parent, index)
        self.depth -= 1
        if node is not None:
            self.expanded[node] = self._measure(node)
        return node

    def _measure(self, node: Node) -> tuple[int, int]:
        if isinstance(node, ScalarNode):
            return 1, len(node.value)
        children: list[Node] = []
        if isinstance(node, SequenceNode):
            children = list(node.value)
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        nodes, chars = 1, 0
        for child in children:
            child_nodes, child_chars = self.expanded[child]
            nodes, chars = nodes + child_nodes, chars + child_chars
        if nodes > MAX_EXPANDED_NODES or chars > MAX_EXPANDED_CHARS:
            raise FrontMatterError(
                f"front matter: expands to more than {MAX_EXPANDED_NODES:,} values or "
                f"{MAX_EXPANDED_CHARS:,} characters (aliases?) at line {self.line_of(node)}"
            )
        return nodes, chars

    def construct_object(self, node: Node, deep: bool = False) -> object:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError):
            # Explicitly tagged nonsense such as `!!int abc` or `!!bool maybe`.
            raise FrontMatterError(
                f"front matter: {node.tag.rsplit(':', 1)[-1]} value that cannot be read "
                f"at line {self.line_of(node)}"
            ) from None

    def construct_bounded_int(self, node: ScalarNode) -> int:
        text = self.construct_scalar(node)
        digits = text.replace("_", "").lstrip("+-")
        if len(digits) > MAX_INTEGER_DIGITS:
            raise FrontMatterError(f"front matter: number too large at line {self.line_of(node)}")
        value = int(super().construct_yaml_int(node))
        if abs(value) > MAX_INTEGER:
            raise FrontMatterError(f"front matter: number too large at line {self.line_of(node)}")
        return value

    def construct_checked_timestamp(self, node: ScalarNode) -> _dt.date | _InvalidDate:
        text = self.construct_scalar(node)
        why = date_problem(text)
        if why is None:
            try:
                value: _dt.date = super().construct_yaml_timestamp(node)
            except (ValueError, AttributeError):  # AttributeError: `!!timestamp` on other text
                why = "not a real date or time"
            else:
                return value
        return _InvalidDate(text, why, self.line_of(node))


_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _BoundedLoader.construct_bounded_int)
_BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", _BoundedLoader.construct_checked_timestamp)


def load_front_matter(yaml_text: str, first_line: int = 2) -> dict[str, FrontMatterValue]:
    """The front matter as a plain dict: scalars (str, int, float, bool, None, date, datetime) and
    lists of strings. `first_line` is the file line the YAML starts on (after the opening `---`).

    Raises FrontMatterError, and nothing else, for anything that is not such a mapping or
    breaks a bound; every date-like value must be a real date in years 1000–2999."""
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError(
            f"front matter: too long ({len(yaml_text):,} characters; the limit is {MAX_FRONT_MATTER_CHARS:,})"
        )
    if not yaml_text.strip():
        return {}
    loader: _BoundedLoader | None = None
    try:
        loader = _BoundedLoader(yaml_text, first_line)
        loaded = loader.get_single_data()
    except FrontMatterError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" at line {mark.line + first_line}" if mark is not None else ""
        parts = [part for part in (error.context, error.problem) if part]
        what = _one_line(", ".join(parts) or "invalid YAML")
        raise FrontMatterError(f"front matter: {what}{where}") from None
    except yaml.reader.ReaderError as error:
        line = yaml_text.count("\n", 0, error.position) + first_line
        code = ord(error.character) if isinstance(error.character, str) else error.character
        raise FrontMatterError(f"front matter: unacceptable character #x{code:04x} at line {line}") from None
    except (
        yaml.YAMLError,
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        OverflowError,
        AttributeError,
        RecursionError,
    ):
        raise FrontMatterError("front matter: invalid YAML") from None
    finally:
        if loader is not None:
            loader.dispose()
    return _plain(loaded)


def _plain(loaded: object) -> dict[str, FrontMatterValue]:
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise FrontMatterError("front matter: expected 'key: value' lines")
    plain: dict[str, FrontMatterValue] = {}
    for key, value in loaded.items():
        name = key.text if isinstance(key, _InvalidDate) else str(key)
        plain[name] = _plain_value(name, value)
    return plain


def _plain_value(key: str, value: object) -> FrontMatterValue:
    if isinstance(value, list):
        return [_list_item(key, item) for item in value]
    scalar = _checked_scalar(key, value)
    if any(word in key.lower() for word in _DATE_KEY_WORDS):
        year: int | None = None
        if isinstance(scalar, int) and not isinstance(scalar, bool):
            year = scalar
        elif isinstance(scalar, str) and _YEAR.fullmatch(scalar.strip()):
            year = int(scalar)
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise FrontMatterError(f"front matter: {key}: year {year} is outside {FIRST_YEAR}–{LAST_YEAR}")
    return scalar


def _list_item(key: str, item: object) -> str:
    if isinstance(item, (list, dict, set, bytes, tuple)):
        raise FrontMatterError(f"front matter: {key}: {_kind(item)} inside a list are not supported")
    scalar = _checked_scalar(key, item)
    return scalar.isoformat() if isinstance(scalar, _dt.date) else str(scalar)


def _checked_scalar(key: str, value: object) -> str | int | float | bool | _dt.date | None:
    if isinstance(value, _InvalidDate):
        raise FrontMatterError(
            f"front matter: {key}: {value.text!r} is not a real date ({value.why}) at line {value.line}"
        )
    if isinstance(value, _dt.date):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise FrontMatterError(
                f"front matter: {key}: {value.isoformat()!r} is not a real date "
                f"(year {value.year} is outside {FIRST_YEAR}–{LAST_YEAR})"
            )
        return value
    if isinstance(value, str):
        why = date_problem(value)
        if why is not None:
            raise FrontMatterError(f"front matter: {key}: {value!r} is not a real date ({why})")
        return value
    if value is None or isinstance(value, (bool, int, float)):
        return value
    raise FrontMatterError(f"front matter: {key}: {_kind(value)} are not supported here")


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "mappings"
    if isinstance(value, (list, tuple)):
        return "lists"
    if isinstance(value, (set, frozenset)):
        return "sets"
    if isinstance(value, bytes):
        return "binary values"
    return f"{type(value).__name__} values"
