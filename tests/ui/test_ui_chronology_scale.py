"""The Chronology at scale: an entry of thousands of sources draws and keys move past it; a second
start is given the stored rows before the library is indexed."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from apphelpers import MAX_WAIT_PAUSES, make_app, wait_for_index, wait_for_workers
from rich.cells import cell_len
from rich.text import Text
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static

from dipreader.core.builds import LibraryIndex
from dipreader.core.indexer import Indexer
from dipreader.core.library import Library
from dipreader.core.timeline import TimelineRow, entry_row, with_headings
from dipreader.core.timeline_query import TimelineRecords
from dipreader.core.timeline_rows import ListedSearch
from dipreader.model.article import PartialDate
from dipreader.model.chronology import Event, merge_events
from dipreader.ui.app import DipReaderApp
from dipreader.ui.widgets.chronology.rows import row_layout, sources_label
from dipreader.ui.widgets.chronology.view import ChronologyList, ChronologyView
from dipreader.ui.widgets.common.text_fit import fit
from dipreader.ui.widgets.who.view import WhoView

BIG_ENTRY_SOURCES = 3280
FIRST_YEAR, YEARS = 1995, 12
WORDS = ("energy", "trade", "visit", "talks", "pipeline", "embassy", "culture", "grain", "treaty")


def generated_timeline(seed: int = 7) -> list[TimelineRow]:
    """Years of one-source entries and, in the middle year, one event thousands of articles report."""
    rng = random.Random(seed)
    titles: dict[str, str] = {}
    events: list[Event] = []
    middle = FIRST_YEAR + YEARS // 2
    forum = "The forum of foreign ministers opened in Baku with many delegations."
    for number in range(BIG_ENTRY_SOURCES):
        article = f"forum-{number:05d}"
        titles[article] = f"Ministers of many countries meet in Baku for the forum, report number {number}"
        events.append(Event(article, PartialDate(middle), "year", str(middle), forum, 0, 60, 0, 0, "past"))
    for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
        for number in range(40):
            article = f"a{year}-{number}"
            titles[article] = f"Article {number} of {year}"
            words = " ".join(rng.choice(WORDS) for _ in range(8))
            date = PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))
            text = f"Ministers discussed {words} ({number})."
            events.append(Event(article, date, "day", "that day", text, 0, len(text), 0, 0, "past"))
    return with_headings(entry_row(entry, titles, {}) for entry in merge_events(events))


def big_entry(rows: list[TimelineRow]) -> TimelineRow:
    return max(rows, key=lambda row: len(row.sources))


def test_a_sources_label_is_built_only_as_far_as_it_is_shown() -> None:
    row = big_entry(generated_timeline())
    assert len(row.sources) == BIG_ENTRY_SOURCES
    whole = sources_label(row)
    for width in (1, 20, 80, 200):
        cut = sources_label(row, width)
        assert whole.startswith(cut) and cell_len(cut) < width + 200  # one title past the width at most
        assert fit(cut, width) == fit(whole, width)
    assert whole.startswith(f"↳ {BIG_ENTRY_SOURCES} sources: ")
    (indent, _), (label, role) = row_layout(row, 1, 100, 14)
    assert role == "source" and cell_len(indent) + cell_len(label) == 100 and label.endswith("…")


class ChronologyOnly(App[None]):
    def compose(self) -> ComposeResult:
        yield ChronologyView()


async def test_the_tab_draws_and_year_keys_move_past_an_entry_of_thousands_of_sources() -> None:
    rows = generated_timeline()
    app = ChronologyOnly()
    async with app.run_test(size=(100, 40)) as pilot:
        view = app.query_one(ChronologyView)
        view.post_message(ChronologyView.Built(ListedSearch(rows, TimelineRecords(rows, lambda _id: None))))
        timeline = app.query_one(ChronologyList)
        timeline.focus()
        await pilot.pause()
        assert not timeline.building and len(timeline.rows) == len(rows)
        first = timeline.highlighted
        assert first is not None and first.group == str(FIRST_YEAR)

        groups = [first.group]
        for _ in range(YEARS - 1):
            await pilot.press("right_curly_bracket")
            highlighted = timeline.highlighted
            assert highlighted is not None and not highlighted.is_heading
            groups.append(highlighted.group)
        assert groups == [str(year) for year in range(FIRST_YEAR, FIRST_YEAR + YEARS)]

        await pilot.press("left_curly_bracket")
        back = timeline.highlighted
        assert back is not None and back.group == str(FIRST_YEAR + YEARS - 2)

        # Down to the big entry: its row draws at the width and the detail pane holds only its room.
        big = big_entry(rows)
        position = timeline.rows.position_of(big)
        assert position is not None
        timeline.cursor = position
        await pilot.pause()
        assert timeline.highlighted is big
        line = timeline.render_row_line(
            position, 1, timeline.scrollable_content_region.width, timeline.rich_style
        )
        drawn = "".join(segment.text for segment in line)
        assert f"{BIG_ENTRY_SOURCES} sources: Ministers" in drawn and drawn.endswith("…")
        detail = app.query_one("#chronology-detail", Static).content
        assert isinstance(detail, Text) and f"{BIG_ENTRY_SOURCES} sources" in detail.plain
        assert len(detail.plain) < 1000 < len(sources_label(big))

        await pilot.press("right_curly_bracket")
        after = timeline.highlighted
        assert after is not None and after.group == str(int(big.group) + 1)


async def _shown_chronology(app: DipReaderApp, pilot: Pilot[Any]) -> list[TimelineRow]:
    await wait_for_index(pilot, app)
    await pilot.press("2")
    timeline = app.query_one(ChronologyList)
    for _ in range(MAX_WAIT_PAUSES):
        if not timeline.building and len(timeline.rows):
            break
        await pilot.pause(0.02)
    await wait_for_workers(app)
    await pilot.pause()
    return list(timeline.rows)


async def test_a_second_start_is_given_the_stored_chronology_before_the_library_is_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with make_app(tmp_path / "data").run_test(size=(120, 40)) as pilot:
        first = await _shown_chronology(pilot.app, pilot)  # type: ignore[arg-type]
    given: list[bool] = []
    given_to_who: list[bool] = []
    show_index = ChronologyView.show_index
    show_people = WhoView.show_index
    stored_shown, stored_people = threading.Event(), threading.Event()

    def spy(view: ChronologyView, index: LibraryIndex) -> None:
        given.append(index.complete)
        stored_shown.set()
        show_index(view, index)

    def spy_on_people(view: WhoView, index: LibraryIndex) -> None:
        given_to_who.append(index.complete)
        stored_people.set()
        show_people(view, index)

    run = Indexer.run

    def held_back(indexer: Indexer, library: Library, cancelled: Callable[[], bool] = lambda: False) -> Any:
        for batch in run(indexer, library, cancelled):
            if batch.complete:  # the last batch waits (a while at most) for the views to be given an index
                stored_shown.wait(timeout=20)
                stored_people.wait(timeout=20)
            yield batch

    monkeypatch.setattr(ChronologyView, "show_index", spy)
    monkeypatch.setattr(WhoView, "show_index", spy_on_people)
    monkeypatch.setattr(Indexer, "run", held_back)
    async with make_app(tmp_path / "data").run_test(size=(120, 40)) as pilot:
        second = await _shown_chronology(pilot.app, pilot)  # type: ignore[arg-type]
        await pilot.press("3")
        people = pilot.app.query_one(WhoView)
        for _ in range(MAX_WAIT_PAUSES):
            if people.people and people._shown_complete:
                break
            await pilot.pause(0.02)
        assert {person.name for person in people.people} >= {"Ilham Aliyev", "Edmondo Cirielli"}
    assert given[0] is False and given[-1] is True  # the stored rows first, then the index's
    assert given_to_who[0] is False and given_to_who[-1] is True
    assert second == first and any(not row.is_heading for row in first)
