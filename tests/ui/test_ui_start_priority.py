"""Pilot tests of start-up order: a tab asked for at once is served first, the rest waits for it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from apphelpers import MAX_WAIT_PAUSES, make_app, wait_for_corpus, wait_for_index, wait_for_workers
from textual.pilot import Pilot
from textual.widgets import Static

from dipreader.core import builds
from dipreader.core.builds import LibraryIndex, Read
from dipreader.core.library import Library
from dipreader.model.people import Person
from dipreader.ui.app import DipReaderApp
from dipreader.ui.screens import main as main_screen
from dipreader.ui.screens.main import MainScreen
from dipreader.ui.widgets.common import deferred
from dipreader.ui.widgets.common.deferred import Deferred
from dipreader.ui.widgets.who.view import WhoView


async def _index_once(data_dir: Path) -> None:
    """A first run: index the samples and let every tab read (so the persisted index exists)."""
    app = make_app(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        await pilot.press("3")
        for _ in range(MAX_WAIT_PAUSES):
            if app.query(WhoView) and app.query_one(WhoView).people:
                break
            await pilot.pause(0.01)
        await wait_for_workers(app)


async def _until(pilot: Pilot[Any], condition: Any) -> None:
    for _ in range(MAX_WAIT_PAUSES):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("never happened")


def _gate_stored_people(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold the who's-who's read of the stored people until the returned event is set."""
    gate = threading.Event()
    read = LibraryIndex.listed_people

    def held(self: LibraryIndex, previous: Read[list[Person]] | None = None) -> Read[list[Person]] | None:
        if not self.complete:
            gate.wait(10)
        return read(self, previous)

    monkeypatch.setattr(builds.LibraryIndex, "listed_people", held)
    return gate


async def _held_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hold_seconds: float
) -> threading.Event:
    """A second start to come on an indexed library: the hidden views wait for the asked tab (at most
    `hold_seconds`), never for the fallback, and the stored people wait for the gate returned."""
    await _index_once(tmp_path / "data")
    monkeypatch.setattr(deferred, "FALLBACK_START_SECONDS", 3600.0)
    monkeypatch.setattr(main_screen, "HOLD_FOR_ASKED_TAB_SECONDS", hold_seconds)
    return _gate_stored_people(monkeypatch)


def _count_index_runs(monkeypatch: pytest.MonkeyPatch) -> list[Library]:
    """The libraries the index loop is started on from now on."""
    indexed: list[Library] = []
    index_library = MainScreen.index_library

    def counted(self: MainScreen, library: Library) -> object:
        indexed.append(library)
        return index_library(self, library)

    monkeypatch.setattr(MainScreen, "index_library", counted)
    return indexed


def _unstarted(app: DipReaderApp) -> list[Deferred]:
    return [stand_in for stand_in in app.query(Deferred) if not stand_in.started]


async def test_a_tab_asked_for_at_start_holds_the_other_views_and_the_index_loop_until_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = await _held_start(tmp_path, monkeypatch, hold_seconds=3600.0)
    indexed = _count_index_runs(monkeypatch)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await pilot.press("3")  # before the hidden tabs start mounting
            await _until(pilot, lambda: bool(app.query(WhoView)))
            await pilot.pause(0.3)
            who = app.query_one(WhoView)
            assert not who.settled and not who.people
            assert not indexed and not app.main.index_done
            assert len(_unstarted(app)) == 3  # chronology, notes and relations wait
            gate.set()
            await _until(pilot, lambda: who.settled and bool(who.people))
            await _until(pilot, lambda: app.main.index_done and not app.query(Deferred))
            await wait_for_workers(app)
            assert len(indexed) == 1
            assert {view.id for view in app.query(".index-view")} == {
                "chronology",
                "who",
                "notes",
                "relations",
            }
        finally:
            gate.set()  # before the app stops: it waits for the worker the gate holds


async def test_the_hold_ends_after_its_time_even_if_the_asked_tab_never_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = await _held_start(tmp_path, monkeypatch, hold_seconds=0.3)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await pilot.press("3")
            await _until(pilot, lambda: app.main.index_done and not app.query(Deferred))
            assert not app.query_one(WhoView).settled  # it still waits for its stored people
            gate.set()
            await _until(pilot, lambda: bool(app.query_one(WhoView).people))
            await wait_for_workers(app)
        finally:
            gate.set()  # before the app stops: it waits for the worker the gate holds


async def test_leaving_the_asked_tab_for_the_article_lets_start_up_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = await _held_start(tmp_path, monkeypatch, hold_seconds=3600.0)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await pilot.press("3")
            await _until(pilot, lambda: bool(app.query(WhoView)))
            await pilot.press("1")
            await _until(pilot, lambda: app.main.index_done and not app.query(Deferred))
            gate.set()
            await wait_for_workers(app)
        finally:
            gate.set()  # before the app stops: it waits for the worker the gate holds


async def test_a_second_start_indexes_the_library_once_and_reuses_the_stored_people(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _index_once(tmp_path / "data")
    indexed = _count_index_runs(monkeypatch)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        await pilot.press("3")
        who_shown: list[list[Person]] = []
        await _until(pilot, lambda: bool(app.query(WhoView)) and bool(app.query_one(WhoView).people))
        who_shown.append(app.query_one(WhoView).table.people)
        await _until(pilot, lambda: app.main.index_done)
        await wait_for_workers(app)
        await pilot.pause()
        who = app.query_one(WhoView)
        assert len(indexed) == 1  # the scan found the cached list as it was: no second index run
        assert who.table.people is who_shown[0]  # the indexed library's people are the stored ones
        assert not who.table.building
        assert str(who.query_one("#who-count", Static).content) == f"{len(who.people)} people"
