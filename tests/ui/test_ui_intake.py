"""Pilot tests of getting articles in while the app runs: the add screen, the refresh key, the live
folder, editing an article's details, and the reports of one story folded in the sidebar."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from apphelpers import make_app, wait_for_article, wait_for_index
from sources_feeds_fixtures import item_page, rss2
from sources_pages import AP_STORY, COURIER_PAGE, COURIER_TITLE
from sources_site import LocalSite, without_proxies
from story_scoring import STORIES
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static

from dipreader import paths
from dipreader.model.anchoring import make_annotation
from dipreader.model.article import PartialDate
from dipreader.sources.feeds import add_feed, feeds_path
from dipreader.ui.app import DipReaderApp
from dipreader.ui.screens.add_article import AddArticleScreen
from dipreader.ui.screens.edit_metadata import EditMetadataScreen
from dipreader.ui.widgets.reader.reader import ArticleReader
from dipreader.ui.widgets.sidebar.article_list import ArticleList

MAX_PAUSES = 600


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], what: str) -> None:
    for _ in range(MAX_PAUSES):
        if condition():
            await pilot.pause()
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


def status_text(app: DipReaderApp) -> str:
    return str(app.query_one("#status", Static).render())


def record_status(app: DipReaderApp) -> list[str]:
    """Every text the status line is given from now on, in order."""
    seen: list[str] = []
    status = app.query_one("#status", Static)
    original_update = status.update

    def recording_update(content: Any = "", **kwargs: Any) -> None:
        seen.append(str(content))
        original_update(content, **kwargs)

    status.update = recording_update  # type: ignore[method-assign]
    return seen


def listed_ids(app: DipReaderApp) -> set[str]:
    library = app.main.library
    return {meta.id for meta in library.articles} if library is not None else set()


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A user library: a copy of the samples the app may write into."""
    folder = tmp_path / "library"
    shutil.copytree(paths.sample_articles_dir(), folder)
    return folder


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalSite]:
    without_proxies(monkeypatch)
    with LocalSite() as local:
        yield local


async def _paste(pilot: Pilot[Any], app: DipReaderApp, text: str) -> AddArticleScreen:
    await pilot.press("A")
    await wait_until(pilot, lambda: isinstance(app.screen, AddArticleScreen), "the add screen opened")
    screen = app.screen
    assert isinstance(screen, AddArticleScreen)
    app.post_message(events.Paste(text))  # as a terminal's bracketed paste arrives
    await wait_until(pilot, lambda: screen.draft is not None, "the pasted text was read")
    return screen


async def test_pasted_text_is_read_corrected_saved_listed_indexed_and_opened(
    tmp_path: Path, library: Path
) -> None:
    app = make_app(tmp_path / "data", library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        screen = await _paste(pilot, app, AP_STORY)
        title = screen.query_one("#add-title", Input)
        assert title.value.startswith("German and Polish foreign ministers met in Berlin")
        assert screen.query_one("#add-date", Input).value == "2024-09-13"
        assert screen.query_one("#add-source", Input).value == "Associated Press"
        found = str(screen.query_one("#add-status", Static).render())
        assert "dateline" in found and "(AP)" in found
        title.value = "Baerbock and Sikorski meet in Berlin"
        screen.query_one("#add-tags", Input).value = "border, migration"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, AddArticleScreen), "the add screen closed")
        new_id = "associated-press/2024-09-13-baerbock-and-sikorski-meet-in-berlin"
        await wait_for_article(pilot, app, new_id)
        reader = app.query_one(ArticleReader)
        assert reader.article is not None and reader.article.title == "Baerbock and Sikorski meet in Berlin"
        assert reader.article.meta.tags == ("border", "migration")
        assert reader.article.meta.date == PartialDate(2024, 9, 13)
        highlighted = app.query_one(ArticleList).highlighted
        assert highlighted is not None and highlighted.id == new_id
        assert (library / f"{new_id}.md").is_file()
        meta = reader.article.meta
        await wait_until(pilot, lambda: app.main.indexer.is_current(meta), "the new article indexed")

        screen = await _paste(pilot, app, AP_STORY)  # the same text again: nothing is written
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, AddArticleScreen), "the add screen closed")
        assert len(list((library / "associated-press").iterdir())) == 1


async def test_a_pasted_address_is_fetched(tmp_path: Path, library: Path, site: LocalSite) -> None:
    site.page("/world/energy.html", COURIER_PAGE)
    app = make_app(tmp_path / "data", library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus_listed(pilot, app)
        screen = await _paste(pilot, app, site.url("/world/energy.html") + "\n")
        assert screen.query_one("#add-title", Input).value == COURIER_TITLE
        assert screen.query_one("#add-source", Input).value == "The Caspian Courier"
        await pilot.press("ctrl+s")
        new_id = "the-caspian-courier/2024-09-13-azerbaijan-and-italy-agree-to-widen-energy-cooperation"
        await wait_for_article(pilot, app, new_id)
        assert new_id in listed_ids(app)


async def test_a_bad_address_is_one_line_and_the_screen_stays(
    tmp_path: Path, library: Path, site: LocalSite
) -> None:
    app = make_app(tmp_path / "data", library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus_listed(pilot, app)
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AddArticleScreen), "the add screen opened")
        screen = app.screen
        assert isinstance(screen, AddArticleScreen)
        app.post_message(events.Paste(site.url("/missing.html")))
        status = screen.query_one("#add-status", Static)
        await wait_until(pilot, lambda: "HTTP 404" in str(status.render()), "the failure was shown")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AddArticleScreen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, AddArticleScreen), "the add screen closed")
        assert sorted(path.name for path in library.iterdir()) == sorted(
            path.name for path in paths.sample_articles_dir().iterdir()
        )


async def wait_for_corpus_listed(pilot: Pilot[Any], app: DipReaderApp) -> None:
    await wait_until(pilot, lambda: len(listed_ids(app)) == 5, "the samples listed")


async def test_the_refresh_key_fetches_every_feed_with_progress(
    tmp_path: Path, library: Path, site: LocalSite
) -> None:
    site.page("/rss.xml", rss2(site.url(""), range(4)), "application/rss+xml")
    for number in range(4):
        site.page(f"/news/{number}.html", item_page(number))
    add_feed(feeds_path(tmp_path / "data"), site.url("/rss.xml"), name="meridian")
    app = make_app(tmp_path / "data", library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        seen = record_status(app)
        await pilot.press("R")
        # The status line moves on (the new files are listed and indexed): read what it showed.
        await wait_until(
            pilot, lambda: any("Feeds refreshed" in line for line in seen), "the refresh finished"
        )
        assert "Feeds refreshed: 1 feed, 4 new, 0 failed" in seen
        assert any(line.startswith("Refreshing the feeds… ") and "/" in line for line in seen)
        await wait_until(pilot, lambda: len(listed_ids(app)) == 9, "the new items listed")
        seen.clear()
        await pilot.press("R")
        await wait_until(pilot, lambda: any("Feeds refreshed" in line for line in seen), "the second refresh")
        assert "Feeds refreshed: 1 feed, 0 new, 0 failed" in seen
        assert len(listed_ids(app)) == 9


async def test_no_feeds_says_how_to_add_one(tmp_path: Path, library: Path) -> None:
    app = make_app(tmp_path / "data", library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus_listed(pilot, app)
        # The index's progress may overwrite the status line at once: read what it showed.
        seen = record_status(app)
        await pilot.press("R")
        await wait_until(pilot, lambda: any("No feeds yet" in line for line in seen), "the hint")


async def test_files_dropped_changed_and_removed_while_running_show_up(tmp_path: Path, library: Path) -> None:
    app = make_app(tmp_path / "data", library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        (library / "courier.html").write_text(COURIER_PAGE, encoding="utf-8")
        await wait_until(pilot, lambda: "courier" in listed_ids(app), "the dropped page listed")
        assert app.main.library is not None
        meta = app.main.library.by_id("courier")
        assert meta is not None and (meta.title, meta.source) == (COURIER_TITLE, "The Caspian Courier")
        assert any(shown.id == "courier" for shown in app.query_one(ArticleList).shown)

        (library / "berlin.txt").write_text(AP_STORY, encoding="utf-8")
        await wait_until(pilot, lambda: "berlin" in listed_ids(app), "the dropped text listed")
        (library / "courier.html").unlink()
        await wait_until(pilot, lambda: "courier" not in listed_ids(app), "the removed page gone")
        await wait_until(pilot, lambda: "articles indexed" in status_text(app), "the index of the new list")


async def test_a_changed_open_article_is_read_again_and_its_note_re_anchored(
    tmp_path: Path, library: Path
) -> None:
    app = make_app(tmp_path / "data", library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        article_id = "2025-11-27-bayramov-meets-tajani"
        app.main.open_article(article_id)
        await wait_for_article(pilot, app, article_id)
        reader = app.query_one(ArticleReader)
        assert reader.article is not None and app.store is not None
        body = reader.article.body
        start = body.index("The meeting noted")
        note = make_annotation(
            article_id, body, reader.article.meta.content_hash, start, start + 17, note="n"
        )
        app.store.add_annotation(note)
        path = Path(reader.article.meta.path)
        text = path.read_text(encoding="utf-8")
        added = "An editor's note added at the top of the text.\n\n"
        fence = text.index("---\n", 3) + 4
        path.write_text(text[:fence] + added + text[fence:], encoding="utf-8")
        await wait_until(
            pilot,
            lambda: reader.article is not None and reader.article.body.startswith("An editor's note"),
            "the open article read again",
        )
        (moved,) = app.store.annotations(article_id)
        assert (moved.start, moved.exact, moved.orphan) == (start + len(added), "The meeting noted", False)


async def test_details_are_edited_from_the_reader_and_the_body_stays(tmp_path: Path, library: Path) -> None:
    app = make_app(tmp_path / "data", library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        article_id = "2024-04-09-azerbaijan-italy-consultations-rome"
        app.main.open_article(article_id)
        await wait_for_article(pilot, app, article_id)
        reader = app.query_one(ArticleReader)
        assert reader.article is not None
        path = Path(reader.article.meta.path)
        body_bytes = path.read_bytes().split(b"\n---\n", 1)[1]
        content_hash = reader.article.meta.content_hash
        reader.focus()
        await pilot.press("E")
        await wait_until(
            pilot, lambda: isinstance(app.screen, EditMetadataScreen), "the details screen opened"
        )
        screen = app.screen
        screen.query_one("#meta-title", Input).value = "Political consultations in Rome"
        screen.query_one("#meta-date", Input).value = "2024-04-08"
        screen.query_one("#meta-source", Input).value = "Trend News Agency"
        screen.query_one("#meta-tags", Input).value = "consultations, rome"
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: reader.article is not None and reader.article.title == "Political consultations in Rome",
            "the reader shows the new details",
        )
        meta = reader.article.meta
        assert (meta.date, meta.date_basis, meta.source, meta.tags) == (
            PartialDate(2024, 4, 8),
            "front-matter",
            "Trend News Agency",
            ("consultations", "rome"),
        )
        assert meta.content_hash == content_hash
        assert path.read_bytes().endswith(body_bytes)
        assert "place: Baku" in path.read_text(encoding="utf-8")

        await pilot.press("E")
        await wait_until(
            pilot, lambda: isinstance(app.screen, EditMetadataScreen), "the details screen opened"
        )
        app.screen.query_one("#meta-date", Input).value = "8 April"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EditMetadataScreen)
        assert "is not YYYY" in str(app.screen.query_one("#meta-error", Static).render())


async def test_the_reports_of_one_story_take_one_row_and_unfold(tmp_path: Path) -> None:
    library = tmp_path / "stories"
    shutil.copytree(STORIES, library)
    app = make_app(tmp_path / "data", library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        articles = app.query_one(ArticleList)
        await wait_until(pilot, lambda: bool(app.main.stories), "the stories grouped")
        assert articles.article_count == 16
        assert len(articles.shown) == 9  # five stories of 2 or 3 reports, four alone
        berlin = "associated-press/2024-09-13-baerbock-sikorski-border-checks"
        row = [meta.id for meta in articles.shown].index(berlin)
        assert articles.reports_of(berlin) == 3
        articles.focus()
        articles.cursor = row
        await pilot.press("l")
        assert [meta.id for meta in articles.shown][row : row + 3] == [
            berlin,
            "warsaw-observer/2024-09-13-poland-presses-germany-on-border-controls",
            "reuters/2024-09-13-sikorski-tells-baerbock-controls",
        ]
        assert len(articles.shown) == 11
        await pilot.press("j", "h")
        assert len(articles.shown) == 9 and articles.highlighted is not None
        assert articles.highlighted.id == berlin
        assert articles.select_id("reuters/2024-09-13-sikorski-tells-baerbock-controls")
        assert len(articles.shown) == 11


def test_the_app_and_the_command_line_load_no_page_or_feed_library_until_used() -> None:
    check = (
        "import sys, dipreader.cli, dipreader.ui.app, dipreader.ui.screens.main\n"
        "heavy = ('trafilatura', 'feedparser', 'defusedxml', 'lxml', 'dipreader.sources.web')\n"
        "print(','.join(sorted(n for n in sys.modules if n.startswith(heavy))))\n"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
