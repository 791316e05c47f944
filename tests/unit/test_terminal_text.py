"""The terminal sanitiser: CSI, OSC (title, clipboard, hyperlink), C1, C0 and bidi controls."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dipreader.model.terminal_text import safe_for_terminal, safe_one_line

BIDI = [chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
C1 = [chr(code) for code in range(0x80, 0xA0)]
ALLOWED_C0 = {"\n", "\t"}

# Fragments that hostile names and notes are built from, mixed with arbitrary characters.
HOSTILE = st.sampled_from(
    [
        "\x1b",
        "\x1b[",
        "\x1b]",
        "\x1b\\",
        "\x07",
        "\x9b",
        "\x9d",
        "\x9c",
        "\x90",
        "[31m",
        "]0;",
        "52;c;",
        "8;;",
        "\n",
        "\t",
        "\r",
        "\x00",
        "\x7f",
        "\ud800",
        *BIDI,
    ]
)
TEXT = st.lists(HOSTILE | st.text(max_size=5), max_size=40).map("".join)


def is_forbidden(character: str) -> bool:
    code = ord(character)
    if character in ALLOWED_C0:
        return False
    return code < 0x20 or 0x7F <= code <= 0x9F or character in BIDI or 0xD800 <= code <= 0xDFFF


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m text", "red text"),
        ("\x1b[2J\x1b[Hcleared", "cleared"),
        ("\x1b]0;pwned\x07title", "title"),
        ("\x1b]2;pwned\x1b\\title", "title"),
        ("copy\x1b]52;c;ZXZpbCBjb21tYW5k\x07me", "copyme"),
        ("\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\ here", "click here"),
        ("\x1bP1$rsecret\x1b\\after", "after"),
        ("\x1b_application\x1b\\after", "after"),
        ("\x1bcreset", "reset"),
        ("\x1b(Bcharset", "charset"),
        ("\x9b31mred", "red"),
        ("\x9d0;title\x9cshown", "shown"),
        ("\x9d52;c;ZXZpbA==\x07shown", "shown"),
        ("a\x00b\x07c\rd\te\nf\x7fg", "abcd\te\nfg"),
        ("\x85next\x8dline\x9fapplication\x9c", "nextline"),
        ("\u202eevil\u202c.txt", "evil.txt"),
        ("\u2066isolated\u2069", "isolated"),
        ("trailing escape\x1b", "trailing escape"),
        ("Café – 東京, ‘quoted’", "Café – 東京, ‘quoted’"),
    ],
)
def test_escape_sequences_and_controls_are_removed(raw: str, shown: str) -> None:
    assert safe_for_terminal(raw) == shown


def test_an_osc_ended_on_a_later_line_loses_only_its_introducer() -> None:
    assert safe_for_terminal("\x1b]0;title without end\nnext line\x07") == "0;title without end\nnext line"


def test_a_lone_surrogate_from_an_undecodable_file_name_can_be_printed() -> None:
    shown = safe_for_terminal("bad\udcffname")
    assert shown == "bad\ufffdname"
    shown.encode("utf-8")


def test_one_line_flattens_line_breaks_and_bounds_the_length() -> None:
    assert safe_one_line("a\nb\tc\u2028d") == "a b c d"
    assert safe_one_line("x" * 50, limit=10) == "x" * 9 + "…"
    assert safe_one_line("short", limit=10) == "short"
    assert safe_one_line("anything", limit=0) == ""


@given(TEXT)
def test_output_never_holds_a_control_and_is_idempotent(text: str) -> None:
    shown = safe_for_terminal(text)
    assert not any(is_forbidden(character) for character in shown)
    assert safe_for_terminal(shown) == shown


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs"), exclude_characters=BIDI)))
def test_text_without_controls_is_unchanged(text: str) -> None:
    assert safe_for_terminal(text) == text


@given(TEXT, st.integers(min_value=1, max_value=30))
def test_one_line_output_is_one_bounded_line(text: str, limit: int) -> None:
    shown = safe_one_line(text, limit)
    assert len(shown) <= limit
    assert "\n" not in shown and "\t" not in shown
    assert not any(is_forbidden(character) for character in shown)
