"""SVG snapshots of each tab at 80×24 (pytest-textual-snapshot), once its view is built; the Notes tab's
is with the Notes tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from apphelpers import MAX_WAIT_PAUSES, make_app, wait_for_index, wait_for_workers
from textual.pilot import Pilot

from dipreader.ui.app import DipReaderApp
from dipreader.ui.widgets.chronology.view import ChronologyList
from dipreader.ui.widgets.relations.view import RelationsView
from dipreader.ui.widgets.who.view import WhoView

SIZE = (80, 24)
Ready = Callable[[DipReaderApp], bool]


def _chronology_built(app: DipReaderApp) -> bool:
    lists = app.query(ChronologyList)
    return bool(lists) and not lists.first().building


def _people_built(app: DipReaderApp) -> bool:
    views = app.query(WhoView)
    return bool(views) and bool(views.first().people)


def _relations_built(app: DipReaderApp) -> bool:
    views = app.query(RelationsView)
    return bool(views) and views.first().figures is not None


def _always(_app: DipReaderApp) -> bool:
    return True


def _settled(keys: tuple[str, ...], ready: Ready, keep_status: bool) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        app: Any = pilot.app
        await wait_for_index(pilot, app)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        for _ in range(MAX_WAIT_PAUSES):
            if ready(app):
                break
            await pilot.pause(0.02)
        else:
            raise AssertionError("the tab's view was never built")
        await wait_for_workers(app)
        await pilot.pause()
        if not keep_status:
            app.query_one("#status").update("")

    return run_before


TABS: list[tuple[str, tuple[str, ...], Ready, bool]] = [
    # The article with the entity cursor on its first official: the status line says which, n of N.
    ("article", ("enter", "right_square_bracket"), _always, True),
    ("chronology", ("2",), _chronology_built, False),
    ("who", ("3",), _people_built, False),
    ("relations", ("5",), _relations_built, False),
    # The tab bar with the focus (shift+tab from the reader): its bar and the hint show it.
    ("tab-bar", ("enter", "shift+tab"), _always, True),
]


@pytest.mark.parametrize(("name", "keys", "ready", "keep_status"), TABS, ids=[tab[0] for tab in TABS])
def test_each_tab_at_80x24(
    snap_compare: Any, tmp_path: Path, name: str, keys: tuple[str, ...], ready: Ready, keep_status: bool
) -> None:
    app = make_app(tmp_path / "data")
    assert snap_compare(app, terminal_size=SIZE, run_before=_settled(keys, ready, keep_status))
