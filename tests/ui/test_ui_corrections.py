"""Pilot tests of corrections: C on an official, each correction, the reader and who's who after, a restart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from apphelpers import wait_for_article, wait_for_index
from correction_articles import write_articles
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from dipreader.core.context import Context
from dipreader.model.article import OfficialMention
from dipreader.model.knowledge import load_knowledge
from dipreader.model.people import Person
from dipreader.ui.app import DipReaderApp
from dipreader.ui.screens.correction import CorrectionScreen
from dipreader.ui.widgets.reader.reader import ArticleReader
from dipreader.ui.widgets.who.view import WhoView

MAX_PAUSES = 300


def make_app(tmp_path: Path) -> DipReaderApp:
    articles = tmp_path / "articles"
    if not articles.exists():
        write_articles(articles)
    return DipReaderApp(Context(articles, tmp_path / "data", tmp_path / "config"))


def knowledge_text(tmp_path: Path) -> str:
    return (tmp_path / "config" / "knowledge.yaml").read_text(encoding="utf-8")


def status(app: DipReaderApp) -> str:
    return str(app.main.query_one("#status", Static).render())


async def people_when(
    pilot: Pilot[Any], app: DipReaderApp, ready: Callable[[dict[str, Person]], bool]
) -> dict[str, Person]:
    """The who's who once it shows what `ready` waits for (it is built in a worker)."""
    for _ in range(MAX_PAUSES):
        views = list(app.query(WhoView))
        people = {person.name: person for person in views[0].people} if views else {}
        if people and ready(people):
            return people
        await pilot.pause(0.02)
    raise AssertionError(f"the who's who never got there: {sorted(people)}")


async def on_official(pilot: Pilot[Any], app: DipReaderApp, article_id: str, surface: str) -> OfficialMention:
    """Open the article and move the entity cursor onto the official written `surface`."""
    await wait_for_index(pilot, app)
    await people_when(pilot, app, lambda people: True)
    app.main.open_article(article_id)
    await wait_for_article(pilot, app, article_id)
    reader = app.query_one(ArticleReader)
    reader.focus()
    await pilot.pause()
    for _ in range(len(reader.mentions())):
        await pilot.press("right_square_bracket")
        mention = reader.current_mention()
        if isinstance(mention, OfficialMention) and mention.surface == surface:
            await pilot.pause()
            return mention
    raise AssertionError(f"no official written {surface!r} in {article_id}")


async def correct(
    pilot: Pilot[Any], app: DipReaderApp, kind: str, value: str | None = None
) -> CorrectionScreen:
    """Press C, choose the kind; with a value, type it and save."""
    await pilot.press("C")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, CorrectionScreen), form
    await pilot.click(f"#kind-{kind}")
    await pilot.pause()
    assert form.kind == kind
    if value is not None:
        field = form.query_one("#correction-value", Input)
        field.focus()
        await pilot.press("ctrl+u", *value)
        await pilot.press("enter")
        await pilot.pause()
    return form


def officials(app: DipReaderApp) -> list[OfficialMention]:
    entities = app.query_one(ArticleReader).entities
    assert entities is not None
    return list(entities.officials)


async def test_the_status_line_shows_the_country_and_where_it_was_read(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(130, 40)) as pilot:
        await on_official(pilot, app, "cairo-finance", "Tariq Khan")
        assert status(app).endswith("Official: Tariq Khan — Ambassador · Pakistan (title) · enter: who's who")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Official: Ahmed Ali (written “Ali”) — Minister of Finance · Egypt (title) ·" in status(app)


async def test_not_a_person_takes_the_name_out_of_the_reader_and_the_who_s_who(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(130, 40)) as pilot:
        await on_official(pilot, app, "cairo-finance", "Tariq Khan")
        form = await correct(pilot, app, "not_person")
        assert form.query_one("#correction-value-row").display is False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, CorrectionScreen)
        assert "Tariq Khan" not in {mention.name for mention in officials(app)}
        assert "Ahmed Ali" in {mention.name for mention in officials(app)}
        assert status(app).startswith("Corrected: Tariq Khan is not a person in every article")
        await people_when(pilot, app, lambda people: "Tariq Khan" not in people)
        assert "  - not_person: Tariq Khan\n" in knowledge_text(tmp_path)


async def test_fixing_the_role_holds_in_this_article_and_keeps_the_cursor(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(130, 40)) as pilot:
        mention = await on_official(pilot, app, "tokyo-dialogue", "Park Jin")
        await correct(pilot, app, "role", "Minister of Foreign Affairs")
        reader = app.query_one(ArticleReader)
        current = reader.current_mention()
        assert isinstance(current, OfficialMention) and current.start == mention.start
        assert {m.role for m in officials(app) if m.name == "Park Jin"} == {"Minister of Foreign Affairs"}
        assert "Official: Park Jin — Minister of Foreign Affairs · South Korea (visitor)" in status(app)
        people = await people_when(
            pilot, app, lambda people: people["Park Jin"].latest_role == "Minister of Foreign Affairs"
        )
        assert people["Park Jin"].articles == ("tokyo-dialogue",)
        assert "    role: Minister of Foreign Affairs\n    article: tokyo-dialogue\n" in knowledge_text(
            tmp_path
        )


async def test_fixing_the_country_holds_everywhere_and_says_it_was_corrected(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(130, 40)) as pilot:
        await on_official(pilot, app, "islamabad-envoy", "Yoko Kamikawa")
        form = await correct(pilot, app, "country")
        assert form.query_one("#correction-value", Input).value == "Japan"  # what it was, to edit
        field = form.query_one("#correction-value", Input)
        field.focus()
        await pilot.press("ctrl+u", *"Japan (Tokyo)", "enter")
        await pilot.pause()
        assert {m.country_basis for m in officials(app) if m.name == "Yoko Kamikawa"} == {"correction"}
        assert "Japan (Tokyo) (your correction)" in status(app)
        people = await people_when(
            pilot, app, lambda people: people["Kamikawa Yoko"].country == "Japan (Tokyo)"
        )
        assert people["Kamikawa Yoko"].country_basis == "correction"
        assert "  - person: Yoko Kamikawa\n    country: Japan (Tokyo)\n" in knowledge_text(tmp_path)


async def test_merge_picks_a_who_s_who_name_and_the_two_become_one(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(130, 40)) as pilot:
        await on_official(pilot, app, "cairo-finance", "Tariq Khan")
        form = await correct(pilot, app, "merge")
        assert "Tariq Khan" not in form.target.people and "Park Jin" in form.target.people
        field = form.query_one("#correction-value", Input)
        field.focus()
        await pilot.press(*"nobody", "enter")
        await pilot.pause()
        error = str(form.query_one("#correction-error", Static).render())
        assert "not in the who's who" in error and isinstance(app.screen, CorrectionScreen)
        await pilot.press("ctrl+u", *"park")
        await pilot.pause()
        choices = form.query_one("#correction-people", OptionList)
        assert [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)] == [
            "Park Jin"
        ]
        choices.focus()
        choices.highlighted = 0
        await pilot.press("enter")  # picks the name into the field
        assert field.value == "Park Jin"
        await pilot.press("enter")
        await pilot.pause()
        assert {m.name for m in officials(app)} == {"Ahmed Ali", "Park Jin"}
        people = await people_when(pilot, app, lambda people: "Tariq Khan" not in people)
        assert people["Park Jin"].articles == ("cairo-finance", "tokyo-dialogue")
        assert "  - merge: Tariq Khan\n    into: Park Jin\n" in knowledge_text(tmp_path)


async def test_split_tells_two_people_of_one_name_apart(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(130, 40)) as pilot:
        await on_official(pilot, app, "islamabad-envoy", "Ahmed Ali")
        before = await people_when(pilot, app, lambda people: True)
        assert before["Ahmed Ali"].articles == ("cairo-finance", "islamabad-envoy")
        form = await correct(pilot, app, "split")
        assert form.query_one("#correction-value", Input).value == "Pakistan"
        assert form.query_one("#correction-here").disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Ahmed Ali (Pakistan)" in {m.name for m in officials(app)}
        people = await people_when(pilot, app, lambda people: "Ahmed Ali (Pakistan)" in people)
        assert people["Ahmed Ali"].articles == ("cairo-finance",)
        assert people["Ahmed Ali (Pakistan)"].articles == ("islamabad-envoy",)
        assert "  - split: Ahmed Ali\n    as: Ahmed Ali (Pakistan)\n    article: islamabad-envoy\n" in (
            knowledge_text(tmp_path)
        )


async def test_a_correction_survives_a_restart(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(130, 40)) as pilot:
        await on_official(pilot, app, "islamabad-envoy", "Ahmed Ali")
        await correct(pilot, app, "split", "Envoy")
        await people_when(pilot, app, lambda people: "Ahmed Ali (Envoy)" in people)
    again = make_app(tmp_path)
    assert again.context.knowledge.corrections.items[0].value == "Ahmed Ali (Envoy)"
    async with again.run_test(size=(130, 40)) as pilot:
        await on_official(pilot, again, "islamabad-envoy", "Ahmed Ali")
        assert "Ahmed Ali (Envoy)" in status(again)
        people = await people_when(pilot, again, lambda people: True)
        assert people["Ahmed Ali (Envoy)"].articles == ("islamabad-envoy",)


async def test_escape_writes_nothing_and_c_off_an_official_says_how(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(130, 40)) as pilot:
        await on_official(pilot, app, "cairo-finance", "Tariq Khan")
        await correct(pilot, app, "role")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CorrectionScreen)
        assert not (tmp_path / "config" / "knowledge.yaml").exists()
        await pilot.press("3")
        await pilot.press("C")
        await pilot.pause()
        assert not isinstance(app.screen, CorrectionScreen)
        assert status(app).startswith("Move onto an official in the reader")


async def test_a_broken_knowledge_file_is_reported_kept_and_the_app_goes_on(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir(parents=True)
    broken = "people:\n  - name: A B\n    roles: {title: [x]\n"
    (tmp_path / "config" / "knowledge.yaml").write_text(broken, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(130, 40)) as pilot:
        await on_official(pilot, app, "cairo-finance", "Tariq Khan")
        assert any("knowledge.yaml: line" in str(note.message) for note in app._notifications)
        await correct(pilot, app, "not_person")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("fix the file first" in str(note.message) for note in app._notifications)
        assert knowledge_text(tmp_path) == broken
        assert "Tariq Khan" in {m.name for m in officials(app)}
    assert load_knowledge(tmp_path / "config" / "knowledge.yaml").problems
