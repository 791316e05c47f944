"""Adding one article to an indexed library: seconds from the file written to each tab showing it.

python benchmarks/bench_add_article.py --articles DIR --data-dir DIR [--runs 3]

The app runs headless (`App.run_test`, 120x40) on a library whose caches and persisted index an
earlier run filled; once it is indexed and every tab was visited and built, one article (a new pair
of ministers on a date no other article has, with a word no other article has) is written into
`DIR/bench-added/`, and the script looks every 50 ms at where it shows: the sidebar's library, the
Chronology's rows (each time the view is given new rows, all of them are looked through once), the
Who's who's people (the new minister), the Relations' pairs (the pair's article count) and the
search index (the new word); for each, the wall time and the CPU time of the app's process (every
thread; the figure to read on a loaded machine). The file is removed after each run (and the script waits for the tabs
to drop it before the next); each run starts its own app. Medians over the runs.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ADDED_ID = "bench-added/bench-added-article"
WORD = "zyxquorvat"
PAIR = ("Azerbaijan", "Japan")
TEXT = """---
title: Azerbaijan and Japan discuss zyxquorvat cooperation
date: 2031-02-03
---
TOKYO, Japan, February 3. Azerbaijani Foreign Minister Jeyhun Bayramov met Japanese Foreign Minister Takeshi Iwaya in Tokyo on February 2, 2031.

The ministers discussed cooperation in zyxquorvat and aviation.
"""
PLACES = ("sidebar", "chronology", "who", "relations", "search")
TIMEOUT = 120.0


def pair_articles(app: Any) -> int:
    from dipreader.ui.widgets.relations.view import RelationsView

    for summary in app.query_one(RelationsView).pair_list.summaries:
        if summary.pair == PAIR:
            return int(summary.articles)
    return 0


YEAR = "2031"


def year_rows(rows: Any) -> Any:
    """The Chronology's rows under the heading of the added article's year (the persisted index's
    rows are read a page at a time: only the headings are looked through, not every row)."""
    headings = getattr(rows, "headings", None)
    positions = (
        list(headings) if headings is not None else [n for n, row in enumerate(rows) if row.is_heading]
    )
    for number, position in enumerate(positions):
        if rows[position].group == YEAR:
            end = positions[number + 1] if number + 1 < len(positions) else len(rows)
            return rows[position + 1 : end]
    return []


class ChronologyWatch:
    """Whether the Chronology's rows hold the added article, looked up once per set of rows given
    (not at a fixed place: later rows, undated ones at the end, come after its year)."""

    def __init__(self) -> None:
        self._rows: object = None
        self._found = False

    def shows(self, rows: Any) -> bool:
        if rows is not self._rows:
            self._rows = rows
            self._found = any(
                source.article_id == ADDED_ID for row in year_rows(rows) for source in row.sources
            )
        return self._found


def where_shown(
    app: Any, pair_before: int, chronology: ChronologyWatch, looked: Iterable[str] = PLACES
) -> set[str]:
    """Of the places `looked` at, those that show the added article (a place found is not looked
    at again: a search on the app's event loop every 50 ms would slow what is measured)."""
    from dipreader.ui.widgets.chronology.view import ChronologyView
    from dipreader.ui.widgets.who.view import WhoView

    shown: set[str] = set()
    looked = set(looked)
    library = app.main.library
    if "sidebar" in looked and library is not None and library.by_id(ADDED_ID) is not None:
        shown.add("sidebar")
    if "chronology" in looked and chronology.shows(app.query_one(ChronologyView).timeline.rows):
        shown.add("chronology")
    people = app.query_one(WhoView).table.shown if "who" in looked else ()
    if any("Iwaya" in person.name and ADDED_ID in person.articles for person in people):
        shown.add("who")
    if "relations" in looked and pair_articles(app) > pair_before:
        shown.add("relations")
    if "search" in looked and any(
        hit.article_id == ADDED_ID for hit in app.main.context.search_index.search(WORD)
    ):
        shown.add("search")
    return shown


async def settle(pilot: Any, app: Any) -> None:
    while app.main.library is None or not app.main.index_done:
        await pilot.pause(0.1)
    for key in ("2", "3", "4", "5", "1"):
        await pilot.press(key)
        await pilot.pause(0.3)
    from dipreader.ui.widgets.chronology.view import ChronologyView
    from dipreader.ui.widgets.relations.view import RelationsView
    from dipreader.ui.widgets.who.view import WhoView

    started = time.monotonic()
    while time.monotonic() - started < TIMEOUT and not (
        len(app.query_one(ChronologyView).timeline.rows)
        and app.query_one(WhoView).table.shown
        and app.query_one(RelationsView).pair_list.summaries
    ):
        await pilot.pause(0.2)
    await pilot.pause(3.0)  # the builds' last messages


async def one_run(pilot: Any, app: Any, folder: Path) -> dict[str, float]:
    await settle(pilot, app)
    before = pair_articles(app)
    chronology = ChronologyWatch()
    path = folder / "bench-added" / "bench-added-article.md"
    path.parent.mkdir(exist_ok=True)  # a run stopped half-way left it: it is written again below
    written, written_cpu = time.monotonic(), time.process_time()
    path.write_text(TEXT, encoding="utf-8")
    found: dict[str, float] = {}
    try:
        while not set(PLACES) <= found.keys() and time.monotonic() - written < TIMEOUT:
            for place in where_shown(app, before, chronology, set(PLACES) - set(found)):
                found[place] = time.monotonic() - written
                found[f"{place} cpu"] = time.process_time() - written_cpu
            await pilot.pause(0.05)
    finally:
        path.unlink()
    removed = time.monotonic()
    while where_shown(app, before, chronology) and time.monotonic() - removed < TIMEOUT:
        await pilot.pause(0.1)  # the app is left as it started: a later run in it would see it gone
    found["removed"] = time.monotonic() - removed
    return found


async def measure(articles: Path, data_dir: Path, config_dir: Path, runs: int) -> list[dict[str, float]]:
    """One app per run: each starts on the library without the article (and takes it out again)."""
    from dipreader.core.context import Context
    from dipreader.ui.app import DipReaderApp

    leftover = articles / "bench-added" / "bench-added-article.md"
    leftover.unlink(missing_ok=True)  # from a run that was stopped: the library is the one indexed
    results = []
    for _ in range(runs):
        app = DipReaderApp(Context(articles, data_dir, config_dir))
        async with app.run_test(size=(120, 40)) as pilot:
            results.append(await one_run(pilot, app, articles))
            print(results[-1], flush=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--config-dir", type=Path, default=Path("/tmp/dipreader-bench/config"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    args.config_dir.mkdir(parents=True, exist_ok=True)
    results = asyncio.run(measure(args.articles, args.data_dir, args.config_dir, args.runs))
    print("| shown in | median s | CPU s of the app's process by then | runs |")
    print("| --- | ---: | ---: | ---: |")
    for place in (*PLACES, "removed"):
        times = [result[place] for result in results if place in result]
        cpu = [result[f"{place} cpu"] for result in results if f"{place} cpu" in result]
        median = f"{statistics.median(times):.2f}" if times else "never"
        cpu_median = f"{statistics.median(cpu):.2f}" if cpu else "–"
        print(f"| {place} | {median} | {cpu_median} | {len(times)}/{len(results)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
