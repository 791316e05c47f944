"""What each setting in config.yaml may hold: one checker per setting, with the reason it gives."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from types import MappingProxyType

from dipreader.core.date_format import check_date_format
from dipreader.model.terminal_text import safe_words

READER_WIDTH_RANGE = (30, 240)
SIDEBAR_WIDTH_RANGE = (16, 120)
MAX_KEYMAP_ENTRIES = 500

_THEME_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_BINDING_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,63}")
_MODIFIERS = "ctrl|shift|alt|meta|super|hyper"
# A Textual key string: one or more keys, comma-separated, each with optional modifiers.
_ONE_KEY = re.compile(rf"(?:(?:{_MODIFIERS})\+)*(?:[a-z][a-z0-9_]*|[0-9]|[^\s,+]|\+)")
_SECTOR_KEY = re.compile(r"[a-z][a-z0-9_]{0,63}")
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_THEME_VARIABLE = re.compile(r"\$[a-z][a-z0-9-]{0,63}")
# The colour names Textual's Color.parse knows (CSS names and the ANSI ones), less `transparent`.
_NAMED_COLOUR_LIST = """
aliceblue ansi_black ansi_blue ansi_bright_black ansi_bright_blue ansi_bright_cyan ansi_bright_green
ansi_bright_magenta ansi_bright_red ansi_bright_white ansi_bright_yellow ansi_cyan ansi_green ansi_magenta
ansi_red ansi_white ansi_yellow antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan
darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen
darkorange darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey
darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite
forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink
indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue
lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon
mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen
mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive
olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip
peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon
sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen
steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen
"""
NAMED_COLOURS = frozenset(_NAMED_COLOUR_LIST.split())


class InvalidSetting(ValueError):
    """The whole value is unusable; the message says why (without the setting's name)."""


Report = Callable[[int, str], None]
"""Where a checker reports one bad entry of a mapping (its line, the reason) while keeping the rest."""


def shown(value: object, limit: int = 40) -> str:
    """A value as a message may quote it: one line, no control characters, not too long."""
    text = safe_words(repr(value) if isinstance(value, str) else str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _type_name(value: object) -> str:
    if value is None:
        return "nothing"
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "a mapping"}.get(type(value), type(value).__name__)  # fmt: skip


def check_text(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidSetting(f"must be text, not {_type_name(value)}")
    return value


def check_theme(value: object) -> str:
    name = check_text(value)
    if not _THEME_NAME.fullmatch(name):
        raise InvalidSetting(f"{shown(name)} is not a theme name (letters, digits, - _ .)")
    return name


def check_bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidSetting(f"must be true or false, not {shown(value)}")
    return value


def _check_width(value: object, bounds: tuple[int, int]) -> int | None:
    low, high = bounds
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidSetting(f"must be a whole number from {low} to {high} (or null), not {shown(value)}")
    return value


def check_reader_width(value: object) -> int | None:
    return _check_width(value, READER_WIDTH_RANGE)


def check_sidebar_width(value: object) -> int | None:
    return _check_width(value, SIDEBAR_WIDTH_RANGE)


def check_date_format_setting(value: object) -> str:
    fmt = check_text(value)
    try:
        check_date_format(fmt)
    except ValueError as err:
        raise InvalidSetting(f"{shown(fmt)} {err}") from None
    return fmt


def check_library(value: object, base: Path) -> Path | None:
    """A folder path: `~` expanded, relative paths taken from the config file's folder."""
    if value is None:
        return None
    text = check_text(value).strip()
    if not text:
        raise InvalidSetting("is empty")
    if any(not char.isprintable() for char in text):
        raise InvalidSetting("has control characters")
    path = Path(text).expanduser()
    return path if path.is_absolute() else base / path


def is_key_string(keys: str) -> bool:
    return all(_ONE_KEY.fullmatch(key.strip()) for key in keys.split(",")) and keys.strip() != ""


def _mapping(value: object, what: str) -> Mapping[object, object]:
    if not isinstance(value, Mapping):
        raise InvalidSetting(f"must be a mapping of {what}, not {_type_name(value)}")
    return value


def check_keymap(value: object, lines: Mapping[str, int], line: int, report: Report) -> Mapping[str, str]:
    """Binding id -> Textual key string (`ctrl+x`, `f1`, `question_mark`, `j,down`)."""
    if value is None:
        return MappingProxyType({})
    entries = _mapping(value, "binding ids to keys")
    if len(entries) > MAX_KEYMAP_ENTRIES:
        raise InvalidSetting(f"has {len(entries)} entries, more than {MAX_KEYMAP_ENTRIES}")
    kept: dict[str, str] = {}
    for binding, keys in entries.items():
        where = lines.get(str(binding), line)
        if not isinstance(binding, str) or not _BINDING_ID.fullmatch(binding):
            report(where, f"{shown(binding)} is not a binding id (such as quit, help); ignored")
        elif not isinstance(keys, str) or not is_key_string(keys):
            report(where, f"{binding}: {shown(keys)} is not a key (such as ctrl+x, f1, j); ignored")
        else:
            kept[binding] = ",".join(key.strip() for key in keys.split(","))
    return MappingProxyType(kept)


def is_colour(text: str) -> bool:
    return bool(_HEX_COLOUR.fullmatch(text) or _THEME_VARIABLE.fullmatch(text)) or text in NAMED_COLOURS


def sector_colours_checker(
    known_sectors: Collection[str] | None,
) -> Callable[[object, Mapping[str, int], int, Report], Mapping[str, str]]:
    """A checker of sector key -> colour; with `known_sectors`, other keys are reported (and kept)."""

    def check(value: object, lines: Mapping[str, int], line: int, report: Report) -> Mapping[str, str]:
        if value is None:
            return MappingProxyType({})
        entries = _mapping(value, "sectors to colours")
        kept: dict[str, str] = {}
        for sector, colour in entries.items():
            where = lines.get(str(sector), line)
            if not isinstance(sector, str) or not _SECTOR_KEY.fullmatch(sector):
                report(where, f"{shown(sector)} is not a sector key (such as energy, trade); ignored")
                continue
            if not isinstance(colour, str) or not is_colour(colour.strip()):
                report(
                    where,
                    f"{sector}: {shown(colour)} is not a colour (#rrggbb, a colour name or a "
                    "$theme-variable); ignored",
                )
                continue
            if known_sectors is not None and sector not in known_sectors:
                report(where, f"{sector} is not a known sector (kept in case the knowledge file adds it)")
            colour = colour.strip()
            kept[sector] = colour.lower() if colour.startswith("#") else colour
        return MappingProxyType(kept)

    return check
