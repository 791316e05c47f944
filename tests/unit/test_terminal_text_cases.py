"""safe_lines and safe_words (model.terminal_text): escape sequences, C0/C1 controls and bidi overrides go; text and marks stay."""

from __future__ import annotations

import pytest

from dipreader.model.terminal_text import safe_lines, safe_words

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        (f"{ESC}[31mred{ESC}[0m text", "red text"),
        (f"a{ESC}[2J{ESC}[H{ESC}[?1049hb", "ab"),
        (f"move{ESC}[10;20Hhere", "movehere"),
        (f"{ESC}[38;2;255;0;0mtrue colour{ESC}[m", "true colour"),
        ("\x9b31mC1 CSI\x9b0m", "C1 CSI"),
    ],
    ids=["sgr", "clear-screen-alt-buffer", "cursor-position", "truecolour", "c1-csi"],
)
def test_csi_sequences_go(dirty: str, clean: str) -> None:
    assert safe_lines(dirty) == clean


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        (f"before{ESC}]0;pwned title{BEL}after", "beforeafter"),
        (f"before{ESC}]2;pwned title{ST}after", "beforeafter"),
        (f"copy{ESC}]52;c;cm0gLXJmIH4={BEL} me", "copy me"),
        (f"{ESC}]8;;https://evil.example/{ST}click{ESC}]8;;{ST}", "click"),
        ("x\x9d0;title\x9cy", "xy"),
        (f"{ESC}P+q544e{ST}dcs", "dcs"),
        (f"{ESC}_apc payload{ST}apc", "apc"),
    ],
    ids=["osc-title-bel", "osc-title-st", "osc52-clipboard", "osc8-hyperlink", "c1-osc", "dcs", "apc"],
)
def test_string_sequences_go_with_their_payload(dirty: str, clean: str) -> None:
    assert safe_lines(dirty) == clean


def test_an_unterminated_osc_loses_its_introducer_and_cannot_act() -> None:
    cleaned = safe_lines(f"text {ESC}]52;c;payload and the rest")
    assert ESC not in cleaned
    assert cleaned == "text 52;c;payload and the rest"


def test_other_escapes_and_lone_escapes_go() -> None:
    assert safe_lines(f"{ESC}creset{ESC}(Bcharset{ESC}7save{ESC}") == "resetcharsetsave"


def test_c0_controls_go_but_tab_and_newline_stay() -> None:
    text = "a\x00b\x01c\x08d\x0be\x0cf\x7fg\th\ni"
    assert safe_lines(text) == "abcdefg\th\ni"


def test_carriage_returns_become_newlines_so_no_line_is_overwritten() -> None:
    assert safe_lines("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_c1_controls_go() -> None:
    assert safe_lines("a\x80b\x85c\x8ed\x9fe") == "abcde"


@pytest.mark.parametrize(
    "char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
def test_bidi_embeddings_overrides_and_isolates_go(char: str) -> None:
    assert safe_lines(f"access{char}level") == "accesslevel"


def test_real_text_is_untouched() -> None:
    text = "Baku — «Ադրբեջան» 北京 مرحبا\u200f שלום\u200e naïve café 🇦🇿\n\tindented"
    assert safe_lines(text) == text


def test_clean_line_folds_whitespace_and_breaks() -> None:
    assert safe_words(f"  two\n lines{ESC}[1m\t here ") == "two lines here"


def test_many_unterminated_introducers_stay_fast_and_clean() -> None:
    flood = f"{ESC}]" * 50_000 + "tail"
    cleaned = safe_lines(flood)
    assert ESC not in cleaned and cleaned.endswith("tail")
