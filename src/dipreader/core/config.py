"""The settings file config.yaml: read with line-numbered messages and defaults, edited one key at a time."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from dipreader.core import config_rules as rules
from dipreader.core.atomic_write import write_text_atomic
from dipreader.model.terminal_text import safe_words

CONFIG_FILENAME = "config.yaml"
MAX_CONFIG_BYTES = 256 * 1024
DEFAULT_THEME = "textual-dark"
DEFAULT_DATE_FORMAT = "%-d %b %Y"


def config_path(config_dir: Path) -> Path:
    """Where config.yaml lives in a config directory (see `dipreader.paths.config_dir`)."""
    return config_dir / CONFIG_FILENAME


def _empty() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Settings:
    """The effective settings: the file's valid values, defaults for the rest."""

    theme: str = DEFAULT_THEME
    keymap: Mapping[str, str] = field(default_factory=_empty)
    """Binding id -> Textual key string, for `App.set_keymap`."""
    library: Path | None = None
    """The articles folder to open when no folder is given; None: the usual default."""
    reader_width: int | None = None
    """Columns of text in the reader; None: as wide as the pane."""
    date_format: str = DEFAULT_DATE_FORMAT
    """For `dipreader.core.date_format.format_partial_date`."""
    sector_colours: Mapping[str, str] = field(default_factory=_empty)
    """Sector key -> `#rrggbb`, a colour name or a `$theme-variable`."""
    show_sidebar: bool = True
    sidebar_width: int | None = None
    """Columns of the sidebar; None: the layout's own width."""
    restore_session: bool = True
    """Reopen the last article, tab and position on start."""


class SettingsError(ValueError):
    """A setting cannot be saved: unknown name, bad value, or a file that does not parse."""


SETTING_NAMES: tuple[str, ...] = tuple(spec.name for spec in fields(Settings))
_Checker = Callable[[Any, Mapping[str, int], int, rules.Report], object]


def _simple(check: Callable[[object], object]) -> _Checker:
    return lambda value, _lines, _line, _report: check(value)


def _checkers(base: Path, known_sectors: Collection[str] | None) -> dict[str, _Checker]:
    return {
        "theme": _simple(rules.check_theme),
        "keymap": rules.check_keymap,
        "library": _simple(lambda value: rules.check_library(value, base)),
        "reader_width": _simple(rules.check_reader_width),
        "date_format": _simple(rules.check_date_format_setting),
        "sector_colours": rules.sector_colours_checker(known_sectors),
        "show_sidebar": _simple(rules.check_bool),
        "sidebar_width": _simple(rules.check_sidebar_width),
        "restore_session": _simple(rules.check_bool),
    }


def _default_shown(name: str) -> str:
    value = getattr(Settings(), name)
    if isinstance(value, Mapping):
        return "none" if not value else rules.shown(dict(value))
    return "null" if value is None else rules.shown(value)


# Reading


@dataclass
class _Parsed:
    data: object = None
    lines: dict[str, int] = field(default_factory=dict)
    sublines: dict[str, dict[str, int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    failed: bool = False


def _read_text(path: Path, label: str) -> tuple[str | None, str | None]:
    """The file's text, or None with the reason it cannot be used (None, None: no file)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return None, None
    except OSError as err:
        return None, f"{label}: cannot be read ({safe_words(err.strerror or str(err))}); using the defaults"
    if len(raw) > MAX_CONFIG_BYTES:
        size = MAX_CONFIG_BYTES // 1024
        return None, f"{label}: larger than {size} KiB, too large for a settings file; using the defaults"
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        return None, f"{label} line {line}: not UTF-8 text; using the defaults"


def _parse(text: str, label: str) -> _Parsed:
    parsed = _Parsed()
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        parsed.data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"{label} line {mark.line + 1}" if mark is not None else label
        reason = safe_words(err.problem or err.context or "not valid YAML")
        if err.context and err.context_mark is not None and mark is not err.context_mark:
            reason += f" ({safe_words(err.context)} on line {err.context_mark.line + 1})"
        parsed.problems.append(f"{where}: {reason}; using the defaults")
        parsed.failed = True
        return parsed
    except (yaml.YAMLError, RecursionError):
        parsed.problems.append(f"{label}: not valid YAML (or nested too deeply); using the defaults")
        parsed.failed = True
        return parsed
    finally:
        loader.dispose()
    if parsed.data is None:
        return parsed
    if not isinstance(node, yaml.MappingNode) or not isinstance(parsed.data, dict):
        line = node.start_mark.line + 1 if node is not None else 1
        parsed.problems.append(f"{label} line {line}: expected `name: value` settings; using the defaults")
        parsed.failed = True
        return parsed
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(name, str) or name not in parsed.data:
            parsed.problems.append(f"{label} line {line}: {rules.shown(name)} is not a setting name; ignored")
            continue
        if name in parsed.lines:
            parsed.problems.append(
                f"{label} line {line}: {rules.shown(name)} is set again (first on line "
                f"{parsed.lines[name]}); the later one is used"
            )
        parsed.lines[name] = line
        if isinstance(value_node, yaml.MappingNode):
            parsed.sublines[name] = {
                sub.value: sub.start_mark.line + 1
                for sub, _ in value_node.value
                if isinstance(sub, yaml.ScalarNode)
            }
    return parsed


def load_settings(path: Path, *, known_sectors: Collection[str] | None = None) -> tuple[Settings, list[str]]:
    """The settings in the file and one message per problem (with its line); never raises.

    A missing file gives the defaults and no message. A file that cannot be read or parsed
    gives the defaults; an invalid value gives its default, the rest of the file is kept.
    With `known_sectors`, colours for other sector keys are reported (and kept).
    """
    label = safe_words(path.name) or CONFIG_FILENAME
    text, problem = _read_text(path, label)
    if text is None:
        return Settings(), [problem] if problem else []
    parsed = _parse(text, label)
    if parsed.failed or not isinstance(parsed.data, dict):
        return Settings(), parsed.problems
    problems = parsed.problems
    checkers = _checkers(path.parent, known_sectors)
    chosen: dict[str, Any] = {}
    for name, value in parsed.data.items():
        if not isinstance(name, str) or name not in parsed.lines:
            continue  # reported while parsing
        line = parsed.lines[name]
        if name not in checkers:
            close = difflib.get_close_matches(name, SETTING_NAMES, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(f"{label} line {line}: unknown setting {rules.shown(name)}{hint}; ignored")
            continue
        if value is None:
            continue

        def report(at: int, reason: str, name: str = name) -> None:
            problems.append(f"{label} line {at}: {name}: {reason}")

        try:
            chosen[name] = checkers[name](value, parsed.sublines.get(name, {}), line, report)
        except rules.InvalidSetting as err:
            problems.append(f"{label} line {line}: {name} {err}; using the default ({_default_shown(name)})")
    return replace(Settings(), **chosen), problems


# Showing


def _plain(settings: Settings) -> dict[str, object]:
    plain: dict[str, object] = {}
    for name in SETTING_NAMES:
        value = getattr(settings, name)
        if isinstance(value, Mapping):
            value = dict(value)
        elif isinstance(value, Path):
            value = str(value)
        plain[name] = value
    return plain


def settings_as_yaml(settings: Settings) -> str:
    """The settings as config.yaml text, every key present (for `dipreader config show`)."""
    return yaml.safe_dump(_plain(settings), sort_keys=False, allow_unicode=True, default_flow_style=False)


# Saving


def _check_for_saving(path: Path, key: str, value: object) -> object:
    if key not in SETTING_NAMES:
        close = difflib.get_close_matches(key, SETTING_NAMES, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise SettingsError(f"unknown setting {rules.shown(key)}{hint}")
    if isinstance(value, Path):
        value = str(value)
    if isinstance(value, Mapping):
        value = dict(value)
    entry_problems: list[str] = []
    try:
        _checkers(path.parent, None)[key](value, {}, 0, lambda _at, reason: entry_problems.append(reason))
    except rules.InvalidSetting as err:
        raise SettingsError(f"{key} {err}") from None
    if entry_problems:
        raise SettingsError(f"{key}: {entry_problems[0].removesuffix('; ignored')}")
    return value


def _block_spans(lines: list[str], key: str) -> list[tuple[int, int]]:
    """Line ranges [start, end) of each top-level `key:` entry, its indented lines with it."""
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        head = line.split(":", 1)[0].strip().strip("'\"")
        if line[:1] not in (" ", "\t", "#", "-", "") and ":" in line and head == key:
            end = index + 1
            while end < len(lines) and (lines[end][:1] in (" ", "\t") or not lines[end].strip()):
                end += 1
            while end > index + 1 and not lines[end - 1].strip():
                end -= 1  # blank lines after the entry stay where they are
            spans.append((index, end))
            index = end
        else:
            index += 1
    return spans


def _edited(text: str, key: str, value: object) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    block = yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, default_flow_style=False)
    block_lines = [line + newline for line in block.splitlines()]
    lines = text.splitlines(keepends=True)
    spans = _block_spans(lines, key)
    if not spans:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        return "".join(lines + block_lines)
    first_start, first_end = spans[0]
    kept = lines[:first_start] + block_lines
    at = first_end
    for start, end in spans[1:]:
        kept += lines[at:start]
        at = end
    return "".join(kept + lines[at:])


def _data_of(text: str) -> dict[str, object] | None:
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError):
        return None
    if data is None:
        return {}
    return data if isinstance(data, dict) else None


def save_setting(path: Path, key: str, value: object) -> None:
    """Set one top-level key in the file, keeping the other lines and comments; atomic.

    Raises SettingsError for an unknown key, an invalid value, or a file that does not
    parse (it is left for its owner to fix), and OSError when the file cannot be written.
    When a line edit would not give the intended settings (anchors, odd layouts), the
    file is rewritten from its values, without its comments.
    """
    value = _check_for_saving(path, key, value)
    text, problem = _read_text(path, safe_words(path.name) or CONFIG_FILENAME)
    if problem:
        raise SettingsError(problem.removesuffix("; using the defaults"))
    text = text or ""
    before = _data_of(text)
    if before is None:
        parsed = _parse(text, safe_words(path.name))
        reason = parsed.problems[0].removesuffix("; using the defaults") if parsed.problems else path.name
        raise SettingsError(f"{reason}; fix it before saving settings")
    wanted = {**before, key: value}
    edited = _edited(text, key, value)
    if _data_of(edited) != wanted:
        edited = yaml.safe_dump(wanted, sort_keys=False, allow_unicode=True, default_flow_style=False)
    write_text_atomic(path, edited)
