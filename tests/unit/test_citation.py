"""The citation line for a copied quote: “quote” — Outlet, date, URL."""

from __future__ import annotations

from dipreader.core.citation import citation_line, quote_with_citation
from dipreader.core.exports.records import ArticleRecord
from dipreader.model.article import ArticleMeta, PartialDate

META = ArticleMeta(
    id="rome",
    path="rome.md",
    title="Azerbaijan and Italy hold political consultations in Rome",
    date=PartialDate(2024, 4, 9),
    date_basis="dateline",
    source="Trend",
    url="https://en.trend.az/a/1",
)


def test_a_quote_with_outlet_date_and_url() -> None:
    assert (
        quote_with_citation("Another round of political consultations", META)
        == "“Another round of political consultations” — Trend, 2024-04-09, https://en.trend.az/a/1"
    )


def test_a_record_with_an_iso_date_cites_the_same() -> None:
    record = ArticleRecord(id="rome", title=META.title, date="2024-04-09", source="Trend", url=META.url)
    assert quote_with_citation("x", record) == quote_with_citation("x", META)


def test_the_selection_is_folded_onto_one_line_and_not_double_quoted() -> None:
    assert quote_with_citation("  “Two\n\nparagraphs”  ", META).startswith("“Two paragraphs” — ")
    assert quote_with_citation('"Hello," he said', META).startswith('“"Hello," he said” — ')


def test_missing_parts_are_left_out_and_the_title_stands_in_for_the_outlet() -> None:
    bare = META._replace(source=None, url=None, date=PartialDate(2024, 4))
    assert citation_line(bare) == f"{META.title}, 2024-04"
    assert citation_line(META._replace(date=None)) == "Trend, https://en.trend.az/a/1"


def test_nothing_selected_cites_the_title() -> None:
    assert quote_with_citation("  ", META) == f"“{META.title}” — Trend, 2024-04-09, https://en.trend.az/a/1"


def test_terminal_controls_are_removed() -> None:
    hostile = META._replace(source="Trend\x1b]0;owned\x07", url="https://x.example/\u202eexe.txt")
    line = quote_with_citation("quote\x1b[2J\x9b31m here", hostile)
    assert line == "“quote here” — Trend, 2024-04-09, https://x.example/exe.txt"
