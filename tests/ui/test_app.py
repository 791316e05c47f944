"""Pilot tests of the foundation: sidebar, reader, read state, positions, problems, help."""

from __future__ import annotations

from pathlib import Path

from apphelpers import MAX_WAIT_PAUSES, make_app, wait_for_corpus, wait_for_index
from textual.widgets import Static, TabbedContent

from dipreader.store import Store
from dipreader.ui.contrast import contrast_ratio
from dipreader.ui.screens.help import HelpScreen
from dipreader.ui.screens.problems import ProblemsScreen
from dipreader.ui.widgets.reader.reader import ArticleReader
from dipreader.ui.widgets.sidebar.article_list import ArticleList

LONG_ARTICLE = "---\ntitle: Long one\ndate: 2024-01-02\n---\n" + "\n\n".join(
    f"Paragraph {n}. " + "The ministers discussed energy cooperation in detail. " * 6 for n in range(60)
)


async def test_sidebar_lists_articles_newest_first_with_unread_marks(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        article_list = app.query_one(ArticleList)
        assert len(article_list.shown) == 5
        assert article_list.shown[0].date is not None
        assert article_list.shown[0].date.iso() == "2025-11-27"
        assert article_list.shown[-1].date is None
        assert not any(article_list.is_read(meta.id) for meta in article_list.shown)
        assert app.focused is article_list


async def test_open_with_enter_marks_read_and_shows_article(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        await pilot.press("j", "enter")
        await pilot.pause()
        article_list = app.query_one(ArticleList)
        opened = article_list.shown[1]
        reader = app.query_one(ArticleReader)
        assert reader.article is not None and reader.article.id == opened.id
        assert article_list.is_read(opened.id)
        assert app.focused is reader
        header = " ".join(line.strip() for line in reader.lines_text()[:8])
        assert opened.title in header
    store = Store.open(tmp_path / "data" / "dipreader.sqlite3")
    assert store.read_ids() == {opened.id}
    store.close()


async def test_m_toggles_read_and_u_shows_unread_only(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        article_list = app.query_one(ArticleList)
        first = article_list.shown[0].id
        await pilot.press("m")
        assert article_list.is_read(first)
        await pilot.press("u")
        assert first not in [meta.id for meta in article_list.shown]
        assert len(article_list.shown) == 4
        await pilot.press("u")
        assert len(article_list.shown) == 5
        assert article_list.is_read(first)
        await pilot.press("g", "m")
        assert not article_list.is_read(first)


async def test_read_state_and_position_survive_a_restart(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "long.md").write_text(LONG_ARTICLE, encoding="utf-8")
    (articles / "short.md").write_text("---\ntitle: Short\ndate: 2020\n---\nHello.\n")
    app = make_app(tmp_path / "data", articles)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_corpus(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.query_one(ArticleReader)
        for _ in range(40):
            await pilot.press("j")
        await pilot.pause()
        saved = reader.current_offset()
        assert saved > 0
        await pilot.press("q")
    app = make_app(tmp_path / "data", articles)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_corpus(pilot, app)
        article_list = app.query_one(ArticleList)
        assert article_list.is_read("long")
        assert not article_list.is_read("short")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        reader = app.query_one(ArticleReader)
        assert reader.scroll_y > 0
        restored = reader.current_offset()
        paragraph_length = len(reader.article.paragraphs[1].text) if reader.article else 0
        assert abs(restored - saved) <= paragraph_length


async def test_problem_files_show_a_notice_that_opens_the_list(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "good.md").write_text("---\ntitle: Good\n---\nFine text.\n")
    (articles / "bad.md").write_text("---\ntitle: [oops\n---\nText\n")
    (articles / "empty.txt").write_text("")
    app = make_app(tmp_path / "data", articles)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        notice = app.query_one("#problems-notice", Static)
        assert notice.display
        assert "2 file(s)" in str(notice.render())
        assert len(app.query_one(ArticleList).shown) == 1
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, ProblemsScreen)


async def test_corrupt_state_file_is_moved_aside_and_reported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "dipreader.sqlite3").write_bytes(b"this is not a database at all" * 100)
    app = make_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        assert app.store is not None
        assert app.startup_messages
        assert list(data.glob("dipreader.sqlite3.corrupt-*"))
        await pilot.press("enter")
        assert app.store.read_ids()


async def test_markup_in_articles_is_shown_literally(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "m.md").write_text(
        "---\ntitle: '[bold]T[/]'\n---\nSee [@click=app.quit]here[/] and [link=x]y[/link].\n"
    )
    app = make_app(tmp_path / "data", articles)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.query_one(ArticleReader)
        text = " ".join(reader.lines_text())
        assert "[@click=app.quit]here[/]" in text
        assert app.is_running


async def test_help_lists_every_binding(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_entities_are_highlighted_and_navigable(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.query_one(ArticleReader)
        assert reader.entities is not None and reader.entities.officials
        await pilot.press("right_square_bracket")
        first = reader.current_mention()
        assert first is not None
        status = str(app.query_one("#status", Static).render())
        assert status.startswith(f"1 of {len(reader.mentions())} · ") and (
            "Official:" in status or "Sector:" in status
        )
        await pilot.press("right_square_bracket")
        assert reader.current_mention() != first
        await pilot.press("left_square_bracket")
        assert reader.current_mention() == first
        await pilot.press("o")
        assert all(not hasattr(m, "role") for m in reader.mentions())
        await pilot.press("s")
        assert reader.mentions() == []


async def test_number_keys_switch_tabs(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        await pilot.press("1")
        assert app.query_one(TabbedContent).active == "tab-article"


async def test_search_in_the_article_with_n_and_shift_n(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.query_one(ArticleReader)
        await pilot.press("slash")
        await pilot.press(*"ENERGY", "enter")
        await pilot.pause()
        assert reader.article is not None
        assert len(reader.search_matches) == reader.article.body.lower().count("energy") > 1
        assert reader.search_index == 0
        assert app.focused is reader
        await pilot.press("n")
        assert reader.search_index == 1
        await pilot.press("N", "N")
        assert reader.search_index == len(reader.search_matches) - 1
        await pilot.press("slash", "escape")
        assert reader.search_matches == []
        await pilot.press("slash", *"zzzz", "enter")
        assert "No match" in str(app.query_one("#status", Static).render())


async def test_command_palette_opens_an_article_by_title(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.press(*"Open: Bayramov and Tajani")
        await pilot.pause(0.5)
        await pilot.press("enter")
        for _ in range(50):
            await pilot.pause(0.05)
            if app.query_one(ArticleReader).article is not None:
                break
        article = app.query_one(ArticleReader).article
        assert article is not None and article.id == "2025-11-27-bayramov-meets-tajani"


async def test_command_palette_finds_a_person_of_the_who_s_who(tmp_path: Path) -> None:
    from dipreader.ui.widgets.who.view import WhoView

    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        for _ in range(MAX_WAIT_PAUSES):
            if app.query(WhoView) and app.query_one(WhoView).people:
                break
            await pilot.pause(0.02)
        await pilot.press("ctrl+p")
        await pilot.press(*"Who's who: Mattarella")
        await pilot.pause(0.5)
        await pilot.press("enter")
        for _ in range(MAX_WAIT_PAUSES):
            await pilot.pause(0.02)
            if app.query_one(TabbedContent).active == "tab-who":
                break
        assert app.query_one(TabbedContent).active == "tab-who"
        shown = app.query_one(WhoView).table.highlighted
        assert shown is not None and "Mattarella" in shown.name


async def test_entity_colours_follow_the_theme(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.query_one(ArticleReader)
        before = reader.highlighter.official_style
        app.theme = "solarized-light"
        await pilot.pause()
        await pilot.pause()
        after = reader.highlighter.official_style
        assert after != before
        assert after.color is not None and after.color.triplet is not None
        background = reader.rich_style.bgcolor
        assert background is not None and background.triplet is not None
        assert contrast_ratio(after.color.triplet, background.triplet) >= 4.5


async def test_malformed_user_knowledge_file_is_reported_not_fatal(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "knowledge.yaml").write_text("people:\n  - name: [unclosed\n")
    app = make_app(tmp_path / "data")
    app.context.config_dir = config
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        assert app.context.knowledge is not None and app.context.knowledge.problems
        assert "line" in app.context.knowledge.problems[0]
        assert len(app.main.indexer.indexed) == 5


async def test_missing_articles_folder_is_said_plainly(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data", tmp_path / "no-such-folder")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        notice = str(app.query_one("#problems-notice", Static).render())
        assert "Articles folder not found" in notice
        assert app.query_one(ArticleList).shown == []
