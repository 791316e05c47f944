"""Pilot tests of annotating in the reader (select, note, highlight, edit, delete) and the Notes tab."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from apphelpers import make_app, wait_for_article, wait_for_index, wait_for_workers
from rich.style import Style
from textual.geometry import Offset
from textual.pilot import Pilot
from textual.selection import Selection
from textual.widgets import Input, Static, TabbedContent, TextArea

from dipreader.core.notes_listing import list_notes
from dipreader.model.anchoring import Annotation, make_annotation
from dipreader.store import StoreError
from dipreader.ui.app import DipReaderApp
from dipreader.ui.screens.confirm import ConfirmScreen
from dipreader.ui.screens.note_editor import NoteEditor, parse_tags
from dipreader.ui.widgets.notes import view as view_module
from dipreader.ui.widgets.notes.view import NotesList, NotesView
from dipreader.ui.widgets.reader.layout import GUTTER
from dipreader.ui.widgets.reader.reader import GUTTER_MARK, ArticleReader

MAX_PAUSES = 300


async def open_first_article(pilot: Pilot[Any], app: DipReaderApp) -> ArticleReader:
    """Open the first article of the corpus in the reader and focus it."""
    await wait_for_index(pilot, app)
    assert app.main.library is not None
    article_id = app.main.library.articles[0].id
    reader = app.query_one(ArticleReader)
    app.main.open_article(article_id)
    await wait_for_article(pilot, app, article_id)
    reader.focus()
    await pilot.pause()
    return reader


def status_text(app: DipReaderApp) -> str:
    return str(app.query_one("#status", Static).render())


def background_spans(reader: ArticleReader) -> list[tuple[int, int]]:
    return [
        (start, end)
        for start, end, style in reader.spans()
        if isinstance(style, Style) and style.bgcolor is not None
    ]


async def show_notes_tab(pilot: Pilot[Any], app: DipReaderApp) -> NotesList:
    await pilot.press("4")
    await pilot.pause()
    await wait_for_workers(app)
    await pilot.pause()
    return app.query_one(NotesList)


async def test_select_note_quit_and_the_note_is_there_in_a_new_app(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = make_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_first_article(pilot, app)
        assert reader.article is not None
        await pilot.press("J", "v", "j")
        first, second = reader.reading.sentences[1], reader.reading.sentences[2]
        assert reader.reading.selection() == (first[0], second[1])
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Worth quoting", "tab", *"energy, #follow-up", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        assert app.store is not None
        (saved,) = app.store.annotations()
        assert (saved.start, saved.end) == (first[0], second[1])
        assert saved.exact == reader.article.body[first[0] : second[1]]
        assert saved.note == "Worth quoting"
        assert saved.tags == ("energy", "follow-up")
        assert reader.reading.selection() is None
        await pilot.press("q")

    again = make_app(data)
    async with again.run_test(size=(120, 40)) as pilot:
        reader = await open_first_article(pilot, again)
        assert [ann.id for ann in reader.annotations] == [saved.id]
        assert (saved.start, saved.end) in background_spans(reader)
        assert reader.article is not None
        paragraphs = reader.article.paragraphs
        marked = reader.annotated_paragraphs()
        assert marked and all(
            paragraphs[index].start < saved.end and paragraphs[index].end > saved.start for index in marked
        )
        line = reader.offset_to_y(saved.start)
        assert line is not None and reader.rendered_line(line).text.startswith(GUTTER_MARK)
        unmarked = next(index for index in range(len(paragraphs)) if index not in marked)
        line = reader.offset_to_y(paragraphs[unmarked].start)
        assert line is not None and not reader.rendered_line(line).text.startswith(GUTTER_MARK)
        # Moving the reading cursor onto the passage shows the note in the status line.
        reader.place_reading_cursor(0)
        await pilot.press("J")
        await pilot.pause()
        assert "Worth quoting" in status_text(again)
        notes = await show_notes_tab(pilot, again)
        entries = [row for row in notes.rows if not isinstance(row, str)]
        assert [entry.annotation.note for entry in entries] == ["Worth quoting"]
        assert reader.article is not None and entries[0].title == reader.article.title


async def test_highlight_picks_a_colour_and_escape_cancels(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_first_article(pilot, app)
        await pilot.press("h", "escape")
        assert app.store is not None and app.store.annotations() == []
        # While picking a colour, 2 means green rather than the Who's who tab.
        await pilot.press("J", "h", "2")
        (ann,) = app.store.annotations()
        assert ann.color == "green" and ann.note == ""
        assert (ann.start, ann.end) == reader.reading.sentences[1]
        assert app.query_one("#tabs", TabbedContent).active == "tab-article"
        assert (ann.start, ann.end) in background_spans(reader)
        # A selection cancelled with escape leaves nothing behind.
        await pilot.press("J", "v", "j", "escape")
        assert reader.reading.selection() is None
        assert len(app.store.annotations()) == 1


async def test_edit_then_delete_with_confirmation(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_first_article(pilot, app)
        assert app.store is not None
        await pilot.press("h", "h")
        (ann,) = app.store.annotations()
        await pilot.press("e")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"added later", "tab", *"#one #two", "ctrl+s")
        await pilot.pause()
        (edited,) = app.store.annotations()
        assert (edited.id, edited.note, edited.tags) == (ann.id, "added later", ("one", "two"))
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert len(app.store.annotations()) == 1
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.store.annotations() == []
        assert reader.annotations == []
        assert (ann.start, ann.end) not in background_spans(reader)


async def test_a_failing_store_keeps_the_note_modal_open_with_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first_article(pilot, app)
        assert app.store is not None

        def refuse(ann: Annotation) -> Annotation:
            raise StoreError("Could not save the note: the disk is full; free some space.")

        monkeypatch.setattr(app.store, "add_annotation", refuse)
        await pilot.press("a", *"my precious note", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "my precious note"
        error = app.screen.query_one("#note-error", Static)
        assert error.display and "disk is full" in str(error.render())
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        assert [ann.note for ann in app.store.annotations()] == ["my precious note"]


async def test_mouse_selection_can_be_annotated(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_first_article(pilot, app)
        assert reader.article is not None
        paragraph = reader.article.paragraphs[1]
        y = reader.offset_to_y(paragraph.start)
        assert y is not None
        # Selection offsets count the characters of the drawn line, the gutter included.
        app.screen.selections = {reader: Selection(Offset(GUTTER + 4, y), Offset(GUTTER + 30, y))}
        assert reader.mouse_selection() == (paragraph.start + 4, paragraph.start + 30)
        selected = reader.get_selection(app.screen.selections[reader])
        assert selected is not None and selected[0] == paragraph.text[4:30]
        await pilot.press("h", "4")
        assert app.store is not None
        (ann,) = app.store.annotations()
        assert ann.color == "pink"
        assert ann.exact == paragraph.text[4:30].strip()


async def test_a_click_puts_the_reading_cursor_on_that_sentence(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_first_article(pilot, app)
        assert reader.article is not None
        paragraph = reader.article.paragraphs[1]
        y = reader.offset_to_y(paragraph.start)
        assert y is not None
        sentence_before = reader.reading.sentence()
        # Second wrapped line, a few cells in: inside the paragraph, past its first sentence start.
        left = reader.styles.padding.left + GUTTER
        await pilot.click(reader, offset=(left + 4, y + 1 - int(reader.scroll_y)))
        sentence = reader.reading.sentence()
        assert sentence is not None and sentence != sentence_before
        assert paragraph.start <= sentence[0] < paragraph.end


async def test_notes_tab_filters_lists_orphans_apart_and_opens_the_passage(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_first_article(pilot, app)
        article = reader.article
        assert article is not None and app.store is not None
        first, second = reader.reading.sentences[0], reader.reading.sentences[2]
        body, digest = article.body, article.meta.content_hash
        app.store.add_annotation(make_annotation(article.id, body, digest, *first, note="alpha"))
        app.store.add_annotation(
            make_annotation(article.id, body, digest, *second, note="beta", tags=["Energy"])
        )
        lost = make_annotation(article.id, body, digest, *first, note="gone")
        app.store.add_annotation(replace(lost, exact="words no longer there", orphan=True))
        notes = await show_notes_tab(pilot, app)
        headings = [index for index, row in enumerate(notes.rows) if isinstance(row, str)]
        assert len(headings) == 1
        orphans = [row.annotation.note for row in notes.rows[headings[0] + 1 :] if not isinstance(row, str)]
        assert orphans == ["gone"]
        placed = [row.annotation.note for row in notes.rows[: headings[0]] if not isinstance(row, str)]
        assert sorted(placed) == ["alpha", "beta"]

        await pilot.press("slash", *"#energy")
        assert [row.annotation.note for row in notes.rows if not isinstance(row, str)] == ["beta"]
        await pilot.press("escape")
        assert app.query_one("#notes-filter", Input).value == ""
        assert notes.has_focus
        await pilot.press("slash", *"alpha", "enter")
        assert notes.has_focus and notes.row_count() == 1
        await pilot.press("enter")
        for _ in range(MAX_PAUSES):
            if reader.flash_span is not None:
                break
            await pilot.pause(0.01)
        assert reader.flash_span == first
        assert reader.reading.sentence() == first
        assert app.query_one("#tabs", TabbedContent).active == "tab-article"


async def test_notes_tab_shows_notes_another_instance_wrote(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_first_article(pilot, app)
        notes = await show_notes_tab(pilot, app)
        assert notes.row_count() == 0
        article = reader.article
        assert article is not None and app.store is not None
        other = type(app.store).open(app.store.path)
        try:
            other.add_annotation(
                make_annotation(article.id, article.body, article.meta.content_hash, 0, 10, note="elsewhere")
            )
        finally:
            other.close()
        await pilot.press("1")
        notes = await show_notes_tab(pilot, app)
        assert [row.annotation.note for row in notes.rows if not isinstance(row, str)] == ["elsewhere"]
        assert isinstance(app.query_one(NotesView), NotesView)


async def test_showing_the_notes_tab_again_reads_the_store_only_when_its_notes_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_first_article(pilot, app)
        article = reader.article
        assert article is not None and app.store is not None
        digest = article.meta.content_hash
        app.store.add_annotation(make_annotation(article.id, article.body, digest, 0, 10, note="first"))
        notes = await show_notes_tab(pilot, app)
        read = notes.rows.listing
        assert read is not None and len(read) == 1
        listings: list[str] = []

        def counted(*args: Any, **kwargs: Any) -> Any:
            listings.append("read")
            return list_notes(*args, **kwargs)

        monkeypatch.setattr(view_module, "list_notes", counted)
        app.store.set_position(article.id, 5)  # a write to the store that is not a note's
        await pilot.press("1")
        notes = await show_notes_tab(pilot, app)
        assert notes.rows.listing is read and listings == []

        other = type(app.store).open(app.store.path)
        try:
            other.add_annotation(make_annotation(article.id, article.body, digest, 20, 30, note="second"))
        finally:
            other.close()
        await pilot.press("1")
        notes = await show_notes_tab(pilot, app)
        assert listings == ["read"] and notes.rows.listing is not read
        assert sorted(row.annotation.note for row in notes.rows if not isinstance(row, str)) == [
            "first",
            "second",
        ]
        await pilot.press("r")  # r reads the store whatever changed
        await wait_for_workers(app)
        assert listings == ["read", "read"]


async def test_opening_an_article_reanchors_and_reports_orphans(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_first_article(pilot, app)
        article = reader.article
        assert article is not None and app.store is not None
        start, end = reader.reading.sentences[1]
        kept = make_annotation(article.id, article.body, "an older hash", start, end, note="kept")
        # Written against an older text whose passage is gone from this one.
        lost = replace(
            make_annotation(article.id, article.body, "an older hash", start, end, note="lost"),
            exact="a sentence the agency later removed",
        )
        app.store.add_annotation(kept)
        app.store.add_annotation(lost)
        app.main.open_article(article.id)
        for _ in range(MAX_PAUSES):
            if reader.orphans:
                break
            await pilot.pause(0.01)
        assert [ann.note for ann in reader.orphans] == ["lost"]
        assert [(ann.note, ann.start, ann.end) for ann in reader.annotations] == [("kept", start, end)]
        await pilot.pause()
        assert any("no longer match" in str(note.message) for note in app._notifications)
        stored = {ann.note: ann for ann in app.store.annotations()}
        assert stored["lost"].orphan and not stored["kept"].orphan


@pytest.mark.parametrize(
    ("typed", "tags"),
    [
        ("energy, follow-up", ("energy", "follow-up")),
        ("#energy #follow up", ("energy", "follow up")),
        ("energy trade", ("energy", "trade")),
        ("  ", ()),
    ],
)
def test_parse_tags(typed: str, tags: tuple[str, ...]) -> None:
    assert parse_tags(typed) == tags
