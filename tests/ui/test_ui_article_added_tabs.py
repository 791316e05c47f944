"""An article written into the folder while the app runs shows in every tab: the sidebar, the
Chronology, the Who's who, the Relations and the search index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from apphelpers import make_app, wait_for_index, wait_for_workers
from relations_corpus import write_corpus
from textual.pilot import Pilot

from dipreader.ui.app import DipReaderApp

MAX_PAUSES = 600
ADDED = """---
title: Azerbaijan and Japan discuss aviation cooperation
date: 2025-11-20
---
TOKYO, Japan, November 20. Azerbaijani Foreign Minister Jeyhun Bayramov met Japanese Foreign Minister Takeshi Iwaya in Tokyo on November 19, 2025.

The ministers discussed cooperation in aviation and shipbuilding.
"""
AZ_JP = ("Azerbaijan", "Japan")


def _where_shown(app: DipReaderApp) -> set[str]:
    """The tabs (and the search index) that show the added article `a6` now."""
    from dipreader.ui.widgets.chronology.view import ChronologyView
    from dipreader.ui.widgets.relations.view import RelationsView
    from dipreader.ui.widgets.who.view import WhoView

    shown: set[str] = set()
    library = app.main.library
    if library is not None and library.by_id("a6") is not None:
        shown.add("sidebar")
    rows = app.query_one(ChronologyView).timeline.rows
    if any(source.article_id == "a6" for row in rows for source in row.sources):
        shown.add("chronology")
    if any(
        "Iwaya" in person.name and "a6" in person.articles for person in app.query_one(WhoView).table.shown
    ):
        shown.add("who")
    if any(summary.pair == AZ_JP for summary in app.query_one(RelationsView).pair_list.summaries):
        shown.add("relations")
    if any(hit.article_id == "a6" for hit in app.main.context.search_index.search("shipbuilding")):
        shown.add("search")
    return shown


async def _open_every_tab(pilot: Pilot[Any], app: DipReaderApp) -> None:
    await wait_for_index(pilot, app)
    for key in ("2", "3", "4", "5", "1"):
        await pilot.press(key)
        await pilot.pause()
    await wait_for_workers(app)
    await pilot.pause()


async def test_an_article_added_to_the_folder_shows_in_every_tab(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "articles")
    app = make_app(tmp_path / "data", root)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_every_tab(pilot, app)
        assert _where_shown(app) == set()
        (root / "a6.md").write_text(ADDED, encoding="utf-8")
        everywhere = {"sidebar", "chronology", "who", "relations", "search"}
        for _ in range(MAX_PAUSES):
            if _where_shown(app) == everywhere:
                break
            await pilot.pause(0.05)
        assert _where_shown(app) == everywhere
