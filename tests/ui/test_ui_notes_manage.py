"""Notes managed in the Notes tab (edit, delete and undo, retag, dates, orphans deleted or re-attached),
multi-line notes drawn on one line, the note editor's escape and fast typing, and the tab's snapshot."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

from apphelpers import make_app, wait_for_article, wait_for_index, wait_for_workers
from textual import events
from textual.keys import _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.widgets import Input, Static, TabbedContent, TextArea

from dipreader.model.anchoring import Annotation, make_annotation
from dipreader.model.article import Article
from dipreader.store.annotation_pages import LISTED_TEXT_CHARS
from dipreader.ui.app import DipReaderApp
from dipreader.ui.screens.confirm import ConfirmScreen
from dipreader.ui.screens.note_editor import NoteEditor
from dipreader.ui.screens.tags_prompt import TagsPrompt
from dipreader.ui.widgets.notes.note_list import NotesList, one_line, short_date
from dipreader.ui.widgets.notes.preview import NotePreview
from dipreader.ui.widgets.reader.reader import ArticleReader

MAX_PAUSES = 300
SAVED = "2020-05-01T12:00:00.000000Z"  # "1 May 2020" in any time zone within 11 hours of UTC


def send_at_once(app: DipReaderApp, *keys: str) -> None:
    """Every key into the app's queue with no pause, as a terminal delivers a burst it read at once."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            character: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
        except KeyError:
            character = key if len(key) == 1 else None
        event = events.Key(key, character)
        event.set_sender(app)
        driver.send_message(event)


async def settle(pilot: Pilot[Any], app: DipReaderApp) -> None:
    for _ in range(3):
        await pilot.pause()
        await wait_for_workers(app)
    await pilot.pause()


async def open_first_article(pilot: Pilot[Any], app: DipReaderApp) -> tuple[ArticleReader, Article]:
    await wait_for_index(pilot, app)
    assert app.main.library is not None
    article_id = app.main.library.articles[0].id
    reader = app.query_one(ArticleReader)
    app.main.open_article(article_id)
    await wait_for_article(pilot, app, article_id)
    reader.focus()
    await pilot.pause()
    assert reader.article is not None
    return reader, reader.article


def seed(app: DipReaderApp, article: Article) -> tuple[Annotation, Annotation, Annotation]:
    """A two-line note with tags, a highlight and an orphan, saved on 1 May 2020."""
    assert app.store is not None
    body, digest = article.body, article.meta.content_hash
    multi = replace(
        make_annotation(
            article.id, body, digest, 0, 30, note="first line\nsecond line", tags=["energy", "rome"]
        ),
        created=SAVED,
        updated=SAVED,
    )
    plain = replace(
        make_annotation(article.id, body, digest, 40, 70, color="green"), created=SAVED, updated=SAVED
    )
    lost = replace(
        make_annotation(article.id, body, digest, 80, 100, note="lost words", tags=["gone"]),
        exact="a sentence the agency later removed",
        orphan=True,
        created=SAVED,
        updated=SAVED,
    )
    for ann in (multi, plain, lost):
        app.store.add_annotation(ann)
    return multi, plain, lost


async def notes_tab(pilot: Pilot[Any], app: DipReaderApp) -> NotesList:
    await pilot.press("4")
    await settle(pilot, app)
    notes = app.query_one(NotesList)
    notes.focus()
    await pilot.pause()
    return notes


def drawn(notes: NotesList, row: int) -> list[str]:
    """The three lines of a row as drawn (the list is scrolled to the top)."""
    return [notes.render_line(row * notes.row_height + line).text for line in range(notes.row_height)]


def status_text(app: DipReaderApp) -> str:
    return str(app.query_one("#status", Static).render())


def note_rows(notes: NotesList) -> list[str]:
    return [row.annotation.note for row in notes.rows if not isinstance(row, str)]


async def test_a_multi_line_note_is_one_line_with_its_tags_and_whole_in_the_preview(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        _reader, article = await open_first_article(pilot, app)
        seed(app, article)
        assert app.store is not None
        long_note = replace(
            make_annotation(article.id, article.body, article.meta.content_hash, 200, 230, tags=["kept"]),
            note="a long note " * 40,
        )
        app.store.add_annotation(long_note)
        notes = await notes_tab(pilot, app)
        lines = drawn(notes, 0)
        assert "first line ⏎ second line" in lines[2]
        assert "#energy" in lines[2] and "#rome" in lines[2]
        assert all("\n" not in line for line in lines)
        assert "saved 1 May 2020" in lines[0]
        long_row = next(
            index
            for index, row in enumerate(notes.rows)
            if not isinstance(row, str) and "kept" in row.annotation.tags
        )
        assert "#kept" in drawn(notes, long_row)[2]
        preview = str(app.query_one(NotePreview).render())
        assert "first line\nsecond line" in preview and "#energy" in preview


async def test_edit_from_the_notes_tab_opens_the_editor_on_the_whole_note(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        _reader, article = await open_first_article(pilot, app)
        multi, _plain, _lost = seed(app, article)
        notes = await notes_tab(pilot, app)
        await pilot.press("e")
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == multi.note
        await pilot.press(*" and more", "ctrl+s")
        await settle(pilot, app)
        assert app.store is not None
        edited = app.store.annotation(multi.id)
        assert edited is not None and edited.note == multi.note + " and more" and edited.tags == multi.tags
        assert note_rows(notes)[0] == multi.note + " and more"


async def test_delete_then_undo_brings_back_the_exact_note(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        _reader, article = await open_first_article(pilot, app)
        multi, plain, lost = seed(app, article)
        assert app.store is not None
        original = app.store.annotation(multi.id)
        notes = await notes_tab(pilot, app)
        count = notes.row_count()
        await pilot.press("x")
        assert app.store.annotation(multi.id) is None
        assert notes.row_count() == count - 1 and multi.note not in note_rows(notes)
        assert "u undoes" in status_text(app)
        await pilot.press("u")
        assert app.store.annotation(multi.id) == original
        assert notes.row_count() == count and note_rows(notes)[0] == multi.note
        # The orphan goes the same way, and comes back as an orphan.
        await pilot.press("G", "x")
        assert app.store.annotation(lost.id) is None
        assert not any(isinstance(row, str) for row in notes.rows)  # no orphans heading left
        await pilot.press("u")
        restored = app.store.annotation(lost.id)
        assert restored is not None and restored.orphan and restored == lost
        assert {ann.id for ann in app.store.annotations()} == {multi.id, plain.id, lost.id}


async def test_retag_replaces_the_tags(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        _reader, article = await open_first_article(pilot, app)
        multi, _plain, _lost = seed(app, article)
        notes = await notes_tab(pilot, app)
        await pilot.press("t")
        assert isinstance(app.screen, TagsPrompt)
        assert app.screen.query_one(Input).value == "energy, rome"
        app.screen.query_one(Input).value = ""
        await pilot.press(*"trade, #follow up", "enter")
        await settle(pilot, app)
        assert app.store is not None
        retagged = app.store.annotation(multi.id)
        assert (
            retagged is not None and retagged.tags == ("trade", "follow up") and retagged.note == multi.note
        )
        assert "#trade  #follow up" in drawn(notes, 0)[2]


async def test_an_orphan_is_reattached_to_a_passage_selected_in_the_reader(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        reader, article = await open_first_article(pilot, app)
        _multi, _plain, lost = seed(app, article)
        await notes_tab(pilot, app)
        await pilot.press("a")  # on a placed note: only orphans are attached
        assert "only orphans" in status_text(app)
        await pilot.press("G")
        assert "no longer in the article" in str(app.query_one(NotePreview).render())
        await pilot.press("a")
        await settle(pilot, app)
        assert app.query_one("#tabs", TabbedContent).active == "tab-article"
        assert reader.has_focus and "Re-attaching" in status_text(app)
        await pilot.press("J", "J", "v", "j", "a")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        start, end = reader.reading.sentences[2][0], reader.reading.sentences[3][1]
        chosen = article.body[start:end]
        assert app.store is not None
        moved = app.store.annotation(lost.id)
        assert moved is not None and not moved.orphan
        assert moved.article_id == article.id and moved.exact == chosen.strip()
        assert moved.start == start + len(chosen) - len(chosen.lstrip())
        assert (moved.note, moved.tags) == (lost.note, lost.tags)
        assert lost.id in {ann.id for ann in reader.annotations}
        assert "Re-attached" in status_text(app)
        notes = await notes_tab(pilot, app)
        assert not any(isinstance(row, str) for row in notes.rows)


async def test_escape_leaves_reattaching_and_the_orphan_stays(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        reader, article = await open_first_article(pilot, app)
        _multi, _plain, lost = seed(app, article)
        await notes_tab(pilot, app)
        await pilot.press("G", "a")
        await settle(pilot, app)
        await pilot.press("escape")
        assert "stays under Orphans" in status_text(app)
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)  # an ordinary note again
        await pilot.press("escape")
        assert app.store is not None
        still = app.store.annotation(lost.id)
        assert still is not None and still.orphan
        assert reader.attaching is None


async def test_deleting_in_the_notes_tab_clears_the_highlight_in_the_reader(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        reader, _article = await open_first_article(pilot, app)
        await pilot.press("h", "h")
        assert len(reader.annotations) == 1
        await notes_tab(pilot, app)
        await pilot.press("x")
        await settle(pilot, app)
        assert reader.annotations == []


async def test_escape_in_the_editor_asks_before_discarding_typed_text(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first_article(pilot, app)
        await pilot.press("a", "escape")
        assert not isinstance(app.screen, NoteEditor | ConfirmScreen)  # nothing typed: closed at once
        await pilot.press("a", *"worth keeping", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "worth keeping"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor | ConfirmScreen)
        assert app.store is not None and app.store.annotations() == []


async def test_escape_from_the_editor_clears_the_selection_and_says_so(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        reader, _article = await open_first_article(pilot, app)
        await pilot.press("v", "j", "a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape")
        await pilot.pause()
        assert reader.reading.selection() is None
        assert "selection cleared" in status_text(app)
        await pilot.press("v")
        assert reader.reading.selecting and "Selecting" in status_text(app)


async def test_text_tab_and_tags_sent_at_once_land_in_their_fields(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first_article(pilot, app)
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        send_at_once(app, *"body text", "tab", *"tagone, tagtwo", "ctrl+s")
        for _ in range(MAX_PAUSES):
            if not isinstance(app.screen, NoteEditor):
                break
            await pilot.pause(0.01)
        assert app.store is not None
        assert [(ann.note, ann.tags) for ann in app.store.annotations()] == [
            ("body text", ("tagone", "tagtwo"))
        ]
        # Back with shift+tab in the same burst: the text goes where the focus went.
        await pilot.press("J", "a")
        send_at_once(app, *"two", "tab", *"x", "shift+tab", *" more", "ctrl+s")
        for _ in range(MAX_PAUSES):
            if not isinstance(app.screen, NoteEditor):
                break
            await pilot.pause(0.01)
        notes = sorted((ann.note, ann.tags) for ann in app.store.annotations())
        assert notes == [("body text", ("tagone", "tagtwo")), ("two more", ("x",))]


async def test_a_huge_note_is_read_clipped_and_the_preview_says_how_much_more(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        _reader, article = await open_first_article(pilot, app)
        assert app.store is not None
        huge = "0123456789" * 200_000  # 2 MB
        app.store.add_annotation(
            make_annotation(article.id, article.body, article.meta.content_hash, 0, 30, note=huge)
        )
        notes = await notes_tab(pilot, app)
        (row,) = notes.rows
        assert not isinstance(row, str)
        assert len(row.annotation.note) == LISTED_TEXT_CHARS and row.note_chars == len(huge)
        assert "more characters" in str(app.query_one(NotePreview).render())
        await pilot.press("e")
        assert isinstance(app.screen, NoteEditor) and len(app.screen.query_one(TextArea).text) == len(huge)


async def test_thousands_of_notes_are_listed_by_page(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        _reader, article = await open_first_article(pilot, app)
        assert app.store is not None
        for index in range(3000):
            app.store.add_annotation(
                make_annotation(
                    article.id, article.body, article.meta.content_hash, index % 50, 60, note=f"note {index}"
                )
            )
        notes = await notes_tab(pilot, app)
        assert notes.row_count() == 3000
        listing = notes.rows.listing
        assert listing is not None and len(listing._cache) < 200
        await pilot.press("G")
        await pilot.pause()
        last = notes.rows[notes.cursor]
        assert not isinstance(last, str) and last.annotation.start == 49
        await pilot.press("slash", *"note 2999")
        await settle(pilot, app)
        assert note_rows(notes) == ["note 2999"]


def test_one_line_marks_line_breaks_drops_escapes_and_reads_only_the_start() -> None:
    assert one_line("a\n\nb\r\nc  ", 20) == "a ⏎ b ⏎ c"
    assert one_line("\x1b]0;title\x07a\nb", 20) == "a ⏎ b"
    assert one_line("x" * 10_000_000, 10) == "x" * 9 + "…"


def test_short_date_says_the_time_today_the_day_this_year_and_the_year_before() -> None:
    now = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)
    today = dt.datetime(2026, 6, 15, 11, 30, tzinfo=dt.UTC)
    assert short_date("2026-06-15T11:30:00Z", now) == f"{today.astimezone():%H:%M}"
    assert short_date("2026-03-02T12:00:00Z", now) == "2 Mar"
    assert short_date("2019-11-20T12:00:00.000000Z", now) == "20 Nov 2019"
    assert short_date("yesterday", now) == ""


def _seeded_notes_tab() -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        app: Any = pilot.app
        await wait_for_index(pilot, app)
        article = app.main.library.load(app.main.library.articles[0].id)
        seed(app, article)
        await pilot.press("4")
        await settle(pilot, app)
        app.query_one("#status").update("")

    return run_before


def test_the_notes_tab_snapshot_with_a_multi_line_note_and_an_orphan(
    snap_compare: Any, tmp_path: Path
) -> None:
    app = make_app(tmp_path / "data")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_seeded_notes_tab())
