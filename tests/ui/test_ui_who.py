"""Pilot tests of the Who's who tab: table, filter, sort, entry -> passage, reader -> entry, `f`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from apphelpers import make_app, wait_for_index
from textual.pilot import Pilot
from textual.widgets import Input, Static, TabbedContent

from dipreader.core.builds import CachedAnalyses, PeopleBuilder
from dipreader.model.article import OfficialMention, PartialDate
from dipreader.model.people import MentionRef, Person, RoleRecord
from dipreader.ui.app import DipReaderApp
from dipreader.ui.widgets.reader.reader import ArticleReader
from dipreader.ui.widgets.sidebar.article_list import ArticleList
from dipreader.ui.widgets.who.person_detail import (
    PassageList,
    PersonDetail,
    role_periods,
    snippet_bounds,
)
from dipreader.ui.widgets.who.view import COLUMNS, PeopleTable, WhoView, column_widths

MAX_PAUSES = 300


async def open_who(pilot: Pilot[Any], app: DipReaderApp) -> WhoView:
    """Index the samples, press 3 and wait until the people are built."""
    await wait_for_index(pilot, app)
    await pilot.press("3")
    who = app.query_one(WhoView)
    for _ in range(MAX_PAUSES):
        if who.people:
            await pilot.pause()
            return who
        await pilot.pause(0.02)
    raise AssertionError("the who's who was never built")


def named(who: WhoView, name: str) -> Person:
    person = who.find_person(name)
    assert person is not None, f"{name} not in {[p.name for p in who.people]}"
    return person


async def test_tab_three_lists_people_one_row_each(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        who = await open_who(pilot, app)
        assert app.query_one(TabbedContent).active == "tab-who"
        table = app.query_one(PeopleTable)
        assert app.focused is table
        names = [person.name for person in table.shown]
        assert names.count("Edmondo Cirielli") == 1
        assert "Edmondo Chirielli" not in names
        assert {"Ilham Aliyev", "Heydar Aliyev", "Mehriban Aliyeva"} <= set(names)
        assert not any("Foundation" in name for name in names)
        assert named(who, "Edmondo Chirielli") is named(who, "Edmondo Cirielli")
        detail = app.query_one(PersonDetail)
        assert detail.person is table.highlighted
        rzayev = named(who, "Fariz Rzayev")
        assert who.select_name("Fariz Rzayev") and detail.person is rzayev
        periods = role_periods(rzayev.roles)
        assert [(p.first.title, p.when()) for p in periods] == [("Deputy Foreign Minister", "9 Apr 2024")]
        assert rzayev.mentions == () and rzayev.mention_count == 2  # listed without their passages
        assert [m.surface for m in detail.passages.mentions] == ["Fariz Rzayev", "Rzayev"]


def full_build(app: DipReaderApp, who: WhoView) -> dict[str, Person]:
    """The who's-who merged in memory from the analyses, every person with every mention."""
    assert who.library is not None
    known = frozenset(person.name for person in app.context.knowledge.people)
    analyses = CachedAnalyses(app.context.analysis_cache)
    return {person.name: person for person in PeopleBuilder(known)(who.library, analyses.reader(who.library))}


async def test_each_person_shows_what_the_full_build_gives_their_passages_and_met_read_when_shown(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        who = await open_who(pilot, app)
        table, detail = who.table, who.detail
        expected = full_build(app, who)
        assert sorted(person.name for person in table.people) == sorted(expected)
        assert all(person.mentions == () for person in table.people)
        for index in range(table.row_count()):
            table.cursor = index
            await pilot.pause()
            person = table.highlighted
            assert person is not None and detail.person is person
            full = expected[person.name]
            every_role = detail.roles_of(person)  # read for the highlighted person only
            assert replace(person, roles=every_role, role_total=None) == replace(
                full, mentions=(), mention_total=len(full.mentions), met=()
            )
            assert person.latest_role == full.latest_role
            assert {role.title for role in person.roles} == {role.title for role in full.roles}
            assert person.role_total == (None if len(person.roles) == len(full.roles) else len(full.roles))
            assert detail.passages.mentions == full.mentions
            assert detail.met_of(person) == full.met
            title = str(detail.query_one("#person-passages-title", Static).render())
            assert title.startswith(f"{len(full.mentions)} passage")


async def test_filter_as_you_type_and_escape_clears(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        who = await open_who(pilot, app)
        table = app.query_one(PeopleTable)
        everyone = len(table.shown)
        await pilot.press("slash")
        assert isinstance(app.focused, Input), app.focused
        await pilot.press(*"aliyev")
        await pilot.pause()
        shown = {person.name for person in table.shown}
        assert {"Ilham Aliyev", "Heydar Aliyev", "Mehriban Aliyeva"} <= shown
        assert "Edmondo Cirielli" not in shown
        await pilot.press("ctrl+u", *"chirielli")
        await pilot.pause()
        assert [person.name for person in table.shown] == ["Edmondo Cirielli"]
        assert who.detail.person is named(who, "Edmondo Cirielli")
        await pilot.press("escape")
        await pilot.pause()
        assert len(table.shown) == everyone
        assert app.focused is table  # type: ignore[comparison-overlap]  # mypy keeps the Input narrowing


async def test_sort_key_cycles_columns_and_reverses(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_who(pilot, app)
        table = app.query_one(PeopleTable)
        names = [person.name.casefold() for person in table.shown]
        assert names == sorted(names)
        mentions_column = [column.heading for column in COLUMNS].index("Ment")
        for _ in range(mentions_column):
            await pilot.press("S")
        assert table.sort_column == mentions_column and table.descending
        counts = [person.mention_count for person in table.shown]
        assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
        await pilot.press("R")
        counts = [person.mention_count for person in table.shown]
        assert counts == sorted(counts)


async def test_entry_to_passage_opens_the_article_flashing_the_name(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        who = await open_who(pilot, app)
        assert who.select_name("Edmondo Cirielli")
        await pilot.press("enter")
        passages = app.query_one(PassageList)
        assert app.focused is passages
        mention = passages.highlighted
        assert isinstance(mention, MentionRef)
        await pilot.press("enter")
        reader = app.query_one(ArticleReader)
        for _ in range(MAX_PAUSES):
            if reader.article is not None and reader.flash_span is not None:
                break
            await pilot.pause(0.01)
        assert app.query_one(TabbedContent).active == "tab-article"
        assert reader.article is not None and reader.article.id == mention.article
        assert reader.flash_span is not None
        flashed = reader.article.body[slice(*reader.flash_span)]
        assert "Cirielli" in flashed or "Chirielli" in flashed


async def test_reader_enter_on_an_official_opens_their_entry(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        await pilot.press("enter")
        reader = app.query_one(ArticleReader)
        for _ in range(MAX_PAUSES):
            if reader.article is not None and reader.entities is not None:
                break
            await pilot.pause(0.01)
        assert app.focused is reader
        for _ in range(len(reader.mentions())):
            await pilot.press("right_square_bracket")
            if isinstance(reader.current_mention(), OfficialMention):
                break
        mention = reader.current_mention()
        assert isinstance(mention, OfficialMention), "the first article names no official"
        assert reader.article is not None
        article_id = reader.article.id
        await pilot.press("enter")
        who = app.query_one(WhoView)
        for _ in range(MAX_PAUSES):
            if who.people and who.table.highlighted is not None:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "tab-who"
        person = who.table.highlighted
        assert person is not None
        assert who.detail.person is person
        assert (article_id, mention.start) in {(m.article, m.start) for m in who.detail.passages.mentions}


async def test_f_narrows_the_sidebar_to_their_articles_and_again_clears(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        who = await open_who(pilot, app)
        articles = app.query_one(ArticleList)
        assert who.select_name("Fariz Rzayev")
        person = named(who, "Fariz Rzayev")
        await pilot.press("f")
        await pilot.pause()
        assert articles.only_ids == frozenset(person.articles)
        assert {meta.id for meta in articles.shown} == set(person.articles)
        assert len(articles.shown) < 5
        await pilot.press("f")
        await pilot.pause()
        assert articles.only_ids is None and len(articles.shown) == 5
        await pilot.press("f", "F")
        await pilot.pause()
        assert articles.only_ids is None


def test_column_widths_fill_the_width() -> None:
    for width in (30, 47, 60, 80, 117):
        widths = column_widths(width)
        shown = [cell for cell in widths if cell]
        assert sum(shown) + len(shown) + 1 == width


def test_narrow_tables_drop_columns_in_order_and_keep_the_name_readable() -> None:
    headings = [column.heading for column in COLUMNS]

    def shown(width: int) -> list[str]:
        return [heading for heading, cell in zip(headings, column_widths(width), strict=True) if cell]

    assert shown(117) == headings
    assert shown(47) == ["Name", "Latest role"]
    assert shown(60) == ["Name", "Country", "Latest role", "Last seen"]
    assert shown(25) == ["Name"]
    for width in (25, 47, 60, 80, 117):
        assert column_widths(width)[0] >= 18


def test_snippet_bounds_keep_the_name_inside_the_window() -> None:
    text = " ".join(f"word{n}" for n in range(60))
    start = text.index("word30")
    end = start + len("word30")
    left, right = snippet_bounds(text, start, end, 40)
    assert left <= start and end <= right
    assert right - left <= 40
    assert snippet_bounds("short text", 0, 5, 40) == (0, 10)


def test_role_periods_merge_repeats_and_keep_changes() -> None:
    def role(title: str, date: str | None, article: str) -> RoleRecord:
        return RoleRecord(title, article, PartialDate.parse(date) if date else None, "X")

    roles = [
        role("Deputy Minister", "2020-01", "a"),
        role("deputy minister", "2021-05-02", "b"),
        role("Minister", "2023", "c"),
        role("Minister", None, "d"),
    ]
    periods = role_periods(roles)
    assert [(p.first.title, p.count, p.when()) for p in periods] == [
        ("Deputy Minister", 2, "Jan 2020 – 2 May 2021"),
        ("Minister", 2, "2023"),
    ]
    assert role_periods([role("Envoy", None, "e")])[0].when() == "undated"
