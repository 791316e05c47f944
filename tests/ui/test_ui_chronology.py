"""Chronology tab: the pure row layout and filter, and a Pilot walk from the timeline to a passage."""

from __future__ import annotations

from pathlib import Path

import pytest
from apphelpers import make_app, wait_for_index
from rich.cells import cell_len
from samples import load_corpus
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from dipreader import paths
from dipreader.core.timeline import (
    PAST_MARK,
    PLANNED_MARK,
    UNRESOLVED_HEADING,
    Mark,
    TimelineRow,
    build_timeline,
    entry_row,
    span_label,
    with_headings,
)
from dipreader.core.timeline_query import TimelineRecords, paragraph_sectors
from dipreader.extract.analysis import analyse
from dipreader.model.article import PartialDate
from dipreader.model.chronology import Event
from dipreader.model.knowledge import load_knowledge
from dipreader.model.query import parse
from dipreader.model.query_match import AS_TYPED
from dipreader.ui.widgets.chronology.rows import list_text_start, row_layout
from dipreader.ui.widgets.chronology.view import ChronologyList, ChronologyView
from dipreader.ui.widgets.reader.reader import ArticleReader

WIDTH = 78


def timeline_of(root: Path) -> list[TimelineRow]:
    corpus = load_corpus(root)
    knowledge = load_knowledge(None)
    analyses = {article.id: analyse(article, knowledge) for article in corpus.articles}
    bodies = {article.id: article.body for article in corpus.articles}
    return build_timeline([a.meta for a in corpus.articles], analyses.get, bodies.get)


@pytest.fixture(scope="module")
def sample_rows() -> list[TimelineRow]:
    return timeline_of(paths.sample_articles_dir())


def line_text(row: TimelineRow, line: int, width: int = WIDTH, date_column: int = 14) -> str:
    return "".join(piece for piece, _ in row_layout(row, line, width, date_column))


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (PartialDate(1992, 5, 8), None, "8 May 1992"),
        (PartialDate(2024, 11), None, "Nov 2024"),
        (PartialDate(2003), None, "2003"),
        (PartialDate(2025, 11, 26), PartialDate(2025, 11, 27), "26–27 Nov 2025"),
        (PartialDate(2025, 9, 30), PartialDate(2025, 10, 1), "30 Sep – 1 Oct 2025"),
        (PartialDate(2024, 1), PartialDate(2024, 7), "Jan – Jul 2024"),
        (PartialDate(2018), PartialDate(2020), "2018–2020"),
        (PartialDate(2024, 12, 30), PartialDate(2025, 1, 2), "30 Dec 2024 – 2 Jan 2025"),
    ],
)
def test_date_labels_keep_their_precision(start: PartialDate, end: PartialDate | None, label: str) -> None:
    assert span_label(start, end) == label


def test_samples_group_by_year_in_order_with_the_1992_entry(sample_rows: list[TimelineRow]) -> None:
    headings = [row.group for row in sample_rows if row.is_heading]
    assert headings[0] == "1992"
    years = [int(group) for group in headings if group.isdigit()]
    assert years == sorted(years) and len(set(years)) == len(years)
    first = sample_rows[1]
    assert first.kind == "event" and first.date_label == "8 May 1992"
    date_marks = [m for m in first.marks if m.kind == "date"]
    assert [first.text[m.start : m.end] for m in date_marks] == [first.expression]
    for index, row in enumerate(sample_rows):
        if row.is_heading:
            members = sample_rows[index + 1 : index + 1 + row.count]
            assert all(member.group == row.group and not member.is_heading for member in members)


def test_marks_point_at_officials_and_sectors_inside_the_event_text(
    sample_rows: list[TimelineRow],
) -> None:
    marked = [row for row in sample_rows if any(m.kind == "official" for m in row.marks)]
    assert marked, "some event names an official"
    for row in marked:
        for mark in row.marks:
            assert 0 <= mark.start < mark.end <= len(row.text)
        officials = [row.text[m.start : m.end] for m in row.marks if m.kind == "official"]
        assert all(any(surface in name or name in surface for name in row.officials) for surface in officials)


def test_event_row_layout_fits_the_width_and_keeps_a_text_prefix() -> None:
    row = TimelineRow(
        kind="event",
        group="2024",
        date_label="30 Sep – 1 Oct 2025",
        status="planned",
        text="The forum will be held in Baku " * 6,
        expression="30 September–1 October",
    )
    pieces = row_layout(row, 0, WIDTH, 19)
    assert cell_len("".join(piece for piece, _ in pieces)) == WIDTH
    assert ("30 Sep – 1 Oct 2025", "date") in pieces
    assert (PLANNED_MARK, "planned") in pieces
    (text,) = [piece for piece, role in pieces if role == "text"]
    assert text.endswith("…") and row.text.startswith(text[:-1])
    past = TimelineRow(kind="event", group="1992", date_label="8 May 1992", text="Short.")
    assert line_text(past, 0).split() == ["8", "May", "1992", PAST_MARK, "Short."]


def test_second_line_lists_every_source_and_lines_up_under_the_text() -> None:
    events = [
        Event(
            article=article,
            date=PartialDate(2025, 11, 26),
            precision="day",
            expression="November 26",
            text=f"Bayramov met La Russa in Rome ({article}).",
            start=0,
            end=40,
            expr_start=0,
            expr_end=0,
            status="past",
        )
        for article in ("a", "b")
    ]
    from dipreader.model.chronology import merge_events

    (entry,) = merge_events(events)
    row = entry_row(entry, {"a": "First title", "b": "Second title"}, {})
    assert [source.article_id for source in row.sources] == ["a", "b"]
    first, second = line_text(row, 0), line_text(row, 1)
    assert second.strip() == "↳ 2 sources: First title · Second title"
    assert second.index("↳") == first.index("Bayramov")


def test_one_line_text_skips_a_leading_date_the_date_column_repeats() -> None:
    text = "On November 26, Minister Bayramov met Senate President La Russa in Rome."
    row = TimelineRow(
        kind="event",
        group="2025",
        date_label="26 Nov 2025",
        text=text,
        marks=(Mark(3, 14, "date"), Mark(25, 33, "official")),
    )
    assert list_text_start(row) == text.index("Minister")
    assert line_text(row, 0).split()[4:6] == ["Minister", "Bayramov"]
    inside = TimelineRow(
        kind="event",
        group="2025",
        date_label="26 Nov 2025",
        text="Bayramov met La Russa on November 26 in Rome.",
        marks=(Mark(25, 36, "date"),),
    )
    assert list_text_start(inside) == 0


def test_heading_layout_is_a_gap_then_year_rule_and_count() -> None:
    heading = TimelineRow(kind="year", group="1997", count=2)
    assert line_text(heading, 0) == ""
    text = line_text(heading, 1)
    assert text.startswith(" 1997 ─") and text.endswith(" 2 entries ")
    assert cell_len(text) == WIDTH - 1


def test_the_search_language_filters_the_chronology_by_sector(sample_rows: list[TimelineRow]) -> None:
    corpus = load_corpus(paths.sample_articles_dir())
    knowledge = load_knowledge(None)
    analyses = {article.id: analyse(article, knowledge) for article in corpus.articles}
    records = TimelineRecords(sample_rows, analyses.get)
    energy = [row for row in records.filter(parse("#energy"), AS_TYPED) if not row.is_heading]
    assert energy  # no event clause says "energy": the paragraphs reporting them do
    assert energy == [row for row in records.filter(parse("sector:energy"), AS_TYPED) if not row.is_heading]
    for row in energy:
        assert (
            any(
                "energy" in paragraph_sectors(analyses[source.article_id], source.start)
                for source in row.sources
            )
            or "energy" in row.sectors
        )
    embassy = [row for row in records.filter(parse("embassy -zzz"), AS_TYPED) if not row.is_heading]
    assert embassy and all("embassy" in row.text.lower() for row in embassy)

    assert [row for row in records.filter(parse("person:nobody-by-this-name"), AS_TYPED)] == []


def test_unresolved_expressions_are_listed_apart_and_never_dated(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "dated.md").write_text(
        "---\ntitle: Energy agreement signed\ndate: 2019-05-09\n---\n"
        "The ministers signed an energy agreement in Baku on 8 May 2019.\n",
        encoding="utf-8",
    )
    (articles / "undated.md").write_text(
        "---\ntitle: Ministers review ties\n---\n"
        "The ministers met in Baku to review ties.\n\n"
        "Last year the two sides opened a new trade office, the minister said.\n",
        encoding="utf-8",
    )
    rows = timeline_of(articles)
    groups = [row.group for row in rows if row.is_heading]
    assert groups == ["2019", UNRESOLVED_HEADING]
    (unresolved,) = [row for row in rows if row.kind == "unresolved"]
    assert unresolved.expression.lower() == "last year"
    assert unresolved.text.startswith("Last year the two sides")
    assert unresolved.sources[0].dated is False
    assert "article undated" in line_text(unresolved, 1)
    assert line_text(unresolved, 0).split()[:3] == ["Last", "year", "?"]


def test_with_headings_counts_each_group() -> None:
    rows = [TimelineRow(kind="event", group=group, text=group) for group in ("1", "1", "2")]
    grouped = with_headings(rows)
    assert [(r.kind, r.group, r.count) for r in grouped] == [
        ("year", "1", 2),
        ("event", "1", 0),
        ("event", "1", 0),
        ("year", "2", 1),
        ("event", "2", 0),
    ]


async def wait_for_timeline(pilot: Pilot[int], timeline: ChronologyList) -> None:
    for _ in range(200):
        if not timeline.building:
            return
        await pilot.pause(0.02)
    raise AssertionError("the chronology was never built")


async def test_chronology_tab_filters_jumps_years_and_opens_the_passage(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        await pilot.press("2")
        await pilot.pause()
        assert app.query_one("#tabs").active == "tab-chronology"  # type: ignore[attr-defined]
        timeline = app.query_one(ChronologyList)
        await wait_for_timeline(pilot, timeline)
        assert app.focused is timeline
        row = timeline.highlighted
        assert row is not None and row.group == "1992" and row.date_label == "8 May 1992"
        total = len(timeline.rows)

        await pilot.press("right_curly_bracket")
        jumped = timeline.highlighted
        assert jumped is not None and not jumped.is_heading and jumped.group > "1992"
        await pilot.press("left_curly_bracket")
        assert timeline.highlighted == row

        # typed in one burst, as a fast typist or a paste does: every key queues on the list
        for key, character in [("slash", "/"), *((c, c) for c in "embassy")]:
            timeline.post_message(events.Key(key, character))
        await pilot.pause()
        assert app.query_one("#chronology-filter", Input).value == "embassy"
        entries = [r for r in timeline.rows if not r.is_heading]
        assert 0 < len(entries) < total
        assert all("embassy" in r.text.lower() for r in entries)
        await pilot.press("escape")
        await pilot.pause()
        assert len(timeline.rows) == total
        assert app.focused is timeline
        assert not app.query_one(ChronologyView).query_text

        await pilot.press("g", "enter")
        await pilot.pause()
        reader = app.query_one(ArticleReader)
        source = row.sources[0]
        assert reader.article is not None and reader.article.id == source.article_id
        for _ in range(50):
            if reader.flash_span is not None:
                break
            await pilot.pause(0.01)
        assert reader.flash_span == (source.start, source.end)
        flashed = reader.article.body[source.start : source.end]
        assert "May 8, 1992" in flashed
        assert reader.has_focus


async def test_help_lists_the_chronology_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        from dipreader.ui.screens.help import HelpScreen

        screen = app.screen
        assert isinstance(screen, HelpScreen)
        descriptions = {description for _, _, description, _ in screen.rows}
        assert {"Next year", "Previous year", "Filter: words, @official, #sector"} <= descriptions
