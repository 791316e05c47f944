"""The command line's tables: widths from the terminal, cells cut by terminal cells, nothing unsafe."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dipreader.cli.table import DEFAULT_WIDTH, Column, Table, cells, fit, terminal_width


def test_fit_cuts_by_terminal_cells_with_an_ellipsis() -> None:
    assert fit("Bayramov", 20) == "Bayramov"
    assert fit("Jeyhun Bayramov", 8) == "Jeyhun …"
    assert fit("習近平主席", 5) == "習近…"
    assert cells(fit("習近平主席", 5)) == 5
    assert fit("e\u0301te\u0301", 4) == "e\u0301te\u0301"  # combining accents take no cell


def test_fit_removes_escape_sequences_and_line_breaks() -> None:
    assert fit("a\x1b]52;c;ZXZpbA==\x07b\nc\x1b[31m", 20) == "ab c"


@given(st.text(), st.integers(min_value=0, max_value=40))
def test_fit_never_exceeds_its_width(text: str, width: int) -> None:
    shown = fit(text, width)
    assert cells(shown) <= width
    assert "\x1b" not in shown and "\n" not in shown


def test_columns_share_the_width_and_numbers_align_right() -> None:
    table = Table((Column("NAME", 10, share=1), Column("ROLE", 10, share=1), Column("N", 4, right=True)), 60)
    assert sum(table.widths) + 2 * 2 == 60
    line = table.line(("Antonio Tajani", "Minister", "3"))
    assert len(line) == 60 and line.endswith("   3")
    narrow = Table((Column("NAME", 10, share=1), Column("N", 4, right=True)), 10)
    assert narrow.widths == (10, 4)  # never below a column's width


def test_the_header_comes_with_the_first_row_only() -> None:
    out = io.StringIO()
    table = Table((Column("NAME", 6), Column("N", 3, right=True)), 40)
    table.write_row(out, ("Aliyev", "4"))
    table.write_row(out, ("Tajani", "12"))
    assert out.getvalue() == "NAME      N\nAliyev    4\nTajani   12\n"
    assert Table((Column("NAME", 6),), 40).headed is False


def test_terminal_width_from_columns_else_a_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "132")
    assert terminal_width(io.StringIO()) == 132
    monkeypatch.delenv("COLUMNS")
    assert terminal_width(io.StringIO()) == DEFAULT_WIDTH
