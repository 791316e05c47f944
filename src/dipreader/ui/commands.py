"""Command palette (ctrl+p) providers: open an article by title, look a person up, run a view action."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from dipreader.model.terminal_text import safe_one_line
from dipreader.ui.messages import ShowPerson

if TYPE_CHECKING:
    from dipreader.ui.app import DipReaderApp

MAX_ARTICLE_HITS = 40


class ArticleCommands(Provider):
    """ "Open: <title>" for every article; fuzzy-matched on title, date and source."""

    @property
    def reader_app(self) -> DipReaderApp:
        return cast("DipReaderApp", self.app)

    async def search(self, query: str) -> Hits:
        main = self.reader_app.main
        if main.library is None:
            return
        matcher = self.matcher(query)
        found = 0
        for meta in main.library.articles:
            label = f"Open: {safe_one_line(meta.title)}"
            score = matcher.match(label)
            if score > 0:
                date = meta.date.label() if meta.date else "undated"
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(main.open_article, meta.id),
                    help=safe_one_line(f"{date} · {meta.source or 'unknown source'} · {meta.id}", None),
                )
                found += 1
                if found >= MAX_ARTICLE_HITS:
                    return


class PeopleCommands(Provider):
    """ "Who's who: <name>" for every official found so far."""

    def _names(self) -> list[str]:
        from dipreader.ui.widgets.who.view import WhoView

        views = cast("DipReaderApp", self.app).main.query(WhoView)
        people = views.first().people if views else []
        return sorted({name for person in people for name in (person.name, *person.aliases)})

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name in self._names():
            label = f"Who's who: {safe_one_line(name)}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self._show, name))

    def _show(self, name: str) -> None:
        cast("DipReaderApp", self.app).main.post_message(ShowPerson(name))


class ViewCommands(Provider):
    """The app's own actions (tabs, toggles, filters) by name, with the keys in force after the keymap."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        from dipreader.ui.keys import keys_for, own_bindings
        from dipreader.ui.screens.main import MainScreen

        app = cast("DipReaderApp", self.app)
        main = app.main
        bindings = own_bindings(MainScreen)

        def on_main(binding_id: str) -> str:
            return keys_for(binding_id, bindings, app.keymap)

        return [
            (
                "Show the article tab",
                partial(main.action_show_tab, "tab-article"),
                on_main("show_tab_article"),
            ),
            (
                "Show the chronology",
                partial(main.action_show_tab, "tab-chronology"),
                on_main("show_tab_chronology"),
            ),
            ("Show the who's who", partial(main.action_show_tab, "tab-who"), on_main("show_tab_who")),
            ("Show the notes", partial(main.action_show_tab, "tab-notes"), on_main("show_tab_notes")),
            (
                "Show the relations between countries",
                partial(main.action_show_tab, "tab-relations"),
                on_main("show_tab_relations"),
            ),
            ("Toggle unread articles only", main.action_toggle_unread_only, on_main("toggle_unread_only")),
            ("Toggle read / unread", main.action_toggle_read, on_main("toggle_read")),
            ("Show or hide officials", main.action_toggle_officials, on_main("toggle_officials")),
            ("Show or hide sectors", main.action_toggle_sectors, on_main("toggle_sectors")),
            ("Search the article", main.action_search_article, on_main("search_article")),
            (
                "Add an article (paste its text or a web address)",
                main.action_add_article,
                on_main("add_article"),
            ),
            ("Refresh every feed", main.action_refresh_feeds, on_main("refresh_feeds")),
            (
                "Edit the article's title, date, source and tags",
                main.action_edit_metadata,
                on_main("edit_metadata"),
            ),
            ("Show or hide the sidebar", main.action_toggle_sidebar, on_main("toggle_sidebar")),
            ("Back to the previous article or passage", main.action_back, on_main("back")),
            ("Forward again", main.action_forward, on_main("forward")),
            ("Open the article's web page", main.action_open_url, on_main("open_url")),
            (
                "Search the library (words, person:, #sector, from:…)",
                main.action_open_search,
                on_main("open_search"),
            ),
            ("Limit the sidebar to a query", main.action_limit_sidebar, on_main("limit_sidebar")),
            ("Next unread article", main.action_next_unread, on_main("next_unread")),
            ("Mark every article of the list read", main.action_mark_list_read, on_main("mark_list_read")),
            ("Files that could not be read", app.action_show_problems, on_main("show_problems")),
            ("Keys (help)", app.action_help, on_main("help")),
        ]

    async def discover(self) -> Hits:
        for label, command, keys in self._commands():
            yield DiscoveryHit(label, command, help=f"key: {keys}" if keys else None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, command, keys in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), command, help=f"key: {keys}" if keys else None)
