"""Command palette (ctrl+p) providers: open an article by title, look a person up, run a view action."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

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
            label = f"Open: {meta.title}"
            score = matcher.match(label)
            if score > 0:
                date = meta.date.label() if meta.date else "undated"
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(main.open_article, meta.id),
                    help=f"{date} · {meta.source or 'unknown source'} · {meta.id}",
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
            label = f"Who's who: {name}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self._show, name))

    def _show(self, name: str) -> None:
        cast("DipReaderApp", self.app).main.post_message(ShowPerson(name))


class ViewCommands(Provider):
    """The app's own actions (tabs, toggles, filters) by name."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = cast("DipReaderApp", self.app)
        main = app.main
        return [
            ("Show the article tab", partial(main.action_show_tab, "tab-article"), "1"),
            ("Show the chronology", partial(main.action_show_tab, "tab-chronology"), "2"),
            ("Show the who's who", partial(main.action_show_tab, "tab-who"), "3"),
            ("Show the notes", partial(main.action_show_tab, "tab-notes"), "4"),
            ("Toggle unread articles only", main.action_toggle_unread_only, "u"),
            ("Toggle read / unread", main.action_toggle_read, "m"),
            ("Show or hide officials", main.action_toggle_officials, "o"),
            ("Show or hide sectors", main.action_toggle_sectors, "s"),
            ("Search the article", main.action_search_article, "/"),
            ("Add an article (paste its text or a web address)", main.action_add_article, "A"),
            ("Refresh every feed", main.action_refresh_feeds, "R"),
            ("Edit the article's title, date, source and tags", main.action_edit_metadata, "E"),
            ("Files that could not be read", app.action_show_problems, "!"),
            ("Keys (help)", app.action_help, "?"),
        ]

    async def discover(self) -> Hits:
        for label, command, key in self._commands():
            yield DiscoveryHit(label, command, help=f"key: {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, command, key in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), command, help=f"key: {key}")
