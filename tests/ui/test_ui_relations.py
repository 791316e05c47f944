"""The Relations tab: the sample's Azerbaijan–Italy, the same numbers as the CLI, tables, narrowing, snapshots."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from apphelpers import make_app, wait_for_index, wait_for_workers
from relations_corpus import AZ_IT, IT_JP, write_corpus
from textual.pilot import Pilot
from textual.widgets import Static

from dipreader.cli import main
from dipreader.core.pair_figures import figures_record
from dipreader.ui.app import DipReaderApp
from dipreader.ui.widgets.relations.view import Drawn, RelationsView

MAX_PAUSES = 400


async def open_relations(pilot: Pilot[Any], app: DipReaderApp) -> RelationsView:
    """Press 5 once the index is complete and wait for the relations to be built and shown."""
    await wait_for_index(pilot, app)
    await pilot.press("5")
    for _ in range(MAX_PAUSES):
        views = app.query(RelationsView)
        if views and views.first().figures is not None:
            await wait_for_workers(app)
            await pilot.pause()
            return views.first()
        await pilot.pause(0.02)
    raise AssertionError("the relations were never built")


async def settle(pilot: Pilot[Any], app: DipReaderApp) -> None:
    """Wait until the pair asked for is read (in a worker) and drawn."""
    await pilot.pause()
    await wait_for_workers(app)
    await pilot.pause()


def cli_json(*argv: str) -> Any:
    out = io.StringIO()
    real_stdout, sys.stdout = sys.stdout, out
    try:
        assert main(list(argv)) == 0
    finally:
        sys.stdout = real_stdout
    return json.loads(out.getvalue())


def rendered(widget: Drawn) -> str:
    assert widget.draw is not None
    from rich.console import Console

    console = Console(width=100, record=True, file=io.StringIO())
    console.print(widget.draw(100))
    return console.export_text()


async def test_the_sample_shows_azerbaijan_italy_from_1992_to_2026_as_the_cli_does(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_relations(pilot, app)
        assert [summary.label for summary in view.pair_list.summaries] == ["Azerbaijan–Italy"]
        figures = view.figures
        assert figures is not None and figures.pair == AZ_IT
        assert [row.period for row in figures.contacts] == [str(year) for year in range(1992, 2027)]
        ui_record = figures_record(figures)
    (cli_record,) = cli_json("relations", "--json")
    for key in ("contacts", "sectors_by_year", "people", "milestones", "articles", "first", "last"):
        assert ui_record[key] == cli_record[key], key


async def test_every_chart_has_its_table_one_key_away(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_relations(pilot, app)
        chart, table = view.chart, view.query_one("#relations-contacts-table", Drawn)
        assert chart.display and not table.display
        await pilot.press("t")
        await pilot.pause()
        assert not chart.display and table.display
        text = rendered(table)
        assert "1992" in text and "2026" in text and "All" in text
        sectors = rendered(view.query_one("#relations-sectors", Drawn))
        assert "undated" in sectors and "Total" in sectors  # the table, with every sector
        await pilot.press("t")
        await pilot.pause()
        assert chart.display and not table.display


async def test_a_key_narrows_the_chronology_and_the_who_to_the_pair_and_widens_again(tmp_path: Path) -> None:
    from dipreader.ui.widgets.chronology.view import ChronologyView
    from dipreader.ui.widgets.sidebar.article_list import ArticleList
    from dipreader.ui.widgets.who.view import WhoView

    root = write_corpus(tmp_path / "articles")
    app = make_app(tmp_path / "data", root)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_relations(pilot, app)
        assert [summary.pair for summary in view.pair_list.summaries] == [AZ_IT, IT_JP]
        await pilot.press("j")
        await settle(pilot, app)
        assert view.figures is not None and view.figures.pair == IT_JP
        assert view.figures.article_ids == {"a3"}
        chronology, who = app.query_one(ChronologyView), app.query_one(WhoView)
        everyone = len(who.table.shown)
        await pilot.press("n")
        await settle(pilot, app)
        events = [row for row in chronology.timeline.rows if not row.is_heading]
        assert events and all(source.article_id == "a3" for row in events for source in row.sources)
        assert {person.name for person in who.table.shown} == {"Yoko Kamikawa", "Antonio Tajani"}
        assert [meta.id for meta in app.query_one(ArticleList).shown] == ["a3"]
        assert "only Italy–Japan" in str(chronology.query_one("#chronology-title", Static).render())
        await pilot.press("n")
        await settle(pilot, app)
        assert len(who.table.shown) == everyone
        assert len(app.query_one(ArticleList).shown) == 5
        assert {source.article_id for row in chronology.timeline.rows for source in row.sources} > {"a3"}


async def test_switching_pairs_and_periods_updates_the_figures(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "articles")
    app = make_app(tmp_path / "data", root)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_relations(pilot, app)
        assert view.figures is not None and view.figures.pair == AZ_IT
        await pilot.press("y")
        await settle(pilot, app)
        assert view.figures.period == "month" and view.figures.contacts[0].period == "1992-05"
        await pilot.press("j")
        await settle(pilot, app)
        assert view.figures.pair == IT_JP and [row.period for row in view.figures.contacts] == ["2025-06"]
        title = str(view.query_one("#relations-title", Static).render())
        assert "2 pair(s)" in title and "1 one-country" in title and "1 multilateral" in title


async def test_moving_through_the_pairs_quickly_ends_on_the_figures_of_the_pair_highlighted(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path / "data", write_corpus(tmp_path / "articles"))
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_relations(pilot, app)
        assert [summary.pair for summary in view.pair_list.summaries] == [AZ_IT, IT_JP]
        for key in ("j", "k", "j", "k", "j"):  # each pair is read in a worker; the earlier reads are dropped
            await pilot.press(key)
        await settle(pilot, app)
        highlighted = view.pair_list.highlighted
        assert highlighted is not None and highlighted.pair == IT_JP
        assert view.figures is not None and view.figures.pair == IT_JP


def _settled_on_relations(*keys: str, theme: str | None = None) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        app: Any = pilot.app
        await open_relations(pilot, app)
        if theme is not None:
            app.theme = theme  # after the tab is drawn: it redraws in the new theme
            await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await wait_for_workers(app)
        await pilot.pause()
        app.query_one("#status").update("")

    return run_before


@pytest.mark.parametrize(
    ("size", "keys", "theme"),
    [
        ((120, 40), (), None),
        ((80, 24), (), None),
        ((80, 24), ("t",), "textual-light"),
    ],
    ids=["120x40", "80x24", "80x24-tables-light"],
)
def test_relations_snapshots(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], keys: tuple[str, ...], theme: str | None
) -> None:
    app = make_app(tmp_path / "data")
    assert snap_compare(app, terminal_size=size, run_before=_settled_on_relations(*keys, theme=theme))


def test_chart_geometry_keeps_a_bar_and_a_gap_per_period() -> None:
    from dipreader.core.pair_figures import PeriodRow
    from dipreader.ui.widgets.relations.chart import bar_slots, binned, tick_positions, value_ticks

    rows = [PeriodRow(str(1992 + index), (index % 2, 0, 0, 0, 1)) for index in range(35)]
    same, size = binned(rows, 80)
    assert size == 1 and same == rows
    pairs, size = binned(rows, 40)
    assert size == 2 and len(pairs) == 18
    assert pairs[0] == PeriodRow("1992", (1, 0, 0, 0, 2)) and pairs[-1] == PeriodRow("2026", (0, 0, 0, 0, 1))
    assert sum(row.total for row in pairs) == sum(row.total for row in rows)
    cells, width = bar_slots(35, 73)
    assert cells == 2 and width == pytest.approx(0.2)
    cells, width = bar_slots(10, 73)
    assert cells == 7 and width == pytest.approx((5 + 0.4) / 7)
    ticks = tick_positions(35, 73)
    assert ticks[0] == 0 and ticks[-1] == 34 and len(ticks) <= 73 // 9
    assert value_ticks(4, 9) == [0, 2, 4]
    assert value_ticks(2, 9) == [0, 1, 2]
    assert value_ticks(8, 8) == [0, 3, 6, 9]
