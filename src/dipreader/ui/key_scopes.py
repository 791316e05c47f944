"""Every scope of the key bindings (the app, the main screen, each pane and dialog) and the help rows."""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from dipreader.ui.keys import Scope, class_layers, in_force, key_display, merged, own_bindings

APP_WIDE = "Everywhere"
APP_BINDINGS: list[BindingType] = [
    # The main screen shows these in its footer; on the app they also work over a dialog.
    Binding("q", "quit", "Quit", show=False, id="quit"),
    Binding("question_mark", "help", "Help", show=False, id="help"),
]
"""The app's own bindings (DipReaderApp.BINDINGS), here so that the scopes need not import the app."""

HelpRow = tuple[str, str, str, str]
"""(section, keys as shown, description, binding id)."""


def scopes() -> list[Scope]:
    """Every scope, in the help screen's order (the panes' modules are imported on first use)."""
    from textual.app import App

    from dipreader.ui.screens.add_article import AddArticleScreen
    from dipreader.ui.screens.confirm import ConfirmScreen
    from dipreader.ui.screens.edit_metadata import EditMetadataScreen
    from dipreader.ui.screens.help import HelpScreen
    from dipreader.ui.screens.main import MainScreen
    from dipreader.ui.screens.name_prompt import NamePrompt
    from dipreader.ui.screens.note_editor import NoteEditor
    from dipreader.ui.screens.problems import ProblemsScreen
    from dipreader.ui.screens.search import SearchScreen
    from dipreader.ui.widgets.chronology.view import ChronologyList, ChronologyView
    from dipreader.ui.widgets.common.virtual_list import VirtualList
    from dipreader.ui.widgets.notes.view import NotesView
    from dipreader.ui.widgets.reader.reader import ArticleReader
    from dipreader.ui.widgets.reader.search_bar import SearchBar
    from dipreader.ui.widgets.relations.view import RelationsView
    from dipreader.ui.widgets.sidebar.article_list import ArticleList
    from dipreader.ui.widgets.sidebar.saved_searches import SavedSearchList
    from dipreader.ui.widgets.who.person_detail import PersonDetail
    from dipreader.ui.widgets.who.view import WhoView

    app_bindings = [binding for binding in APP_BINDINGS if isinstance(binding, Binding)]
    found = [Scope(APP_WIDE, tuple(merged([*class_layers(App), app_bindings])), tuple(app_bindings))]
    nodes: list[tuple[str, type[DOMNode]]] = [
        ("Main screen", MainScreen),
        ("Sidebar and lists", VirtualList),
        ("Sidebar", ArticleList),
        ("Saved searches", SavedSearchList),
        ("Reader", ArticleReader),
        ("Reader search", SearchBar),
        ("Chronology list", ChronologyList),
        ("Chronology", ChronologyView),
        ("Who's who", WhoView),
        ("Who's who passages", PersonDetail),
        ("Notes tab", NotesView),
        ("Relations", RelationsView),
        ("Note editor", NoteEditor),
        ("Add an article", AddArticleScreen),
        ("Article details", EditMetadataScreen),
        ("Search", SearchScreen),
        ("Name prompt", NamePrompt),
        ("Confirm", ConfirmScreen),
        ("Help", HelpScreen),
        ("Problem files", ProblemsScreen),
    ]
    classes = {node for _, node in nodes}
    for title, node in nodes:
        found.append(Scope(title, tuple(own_bindings(node)), tuple(declared_bindings(node, classes))))
    return found


def declared_bindings(node: type[DOMNode], others: set[type[DOMNode]]) -> list[Binding]:
    """The bindings a scope declares: its own and its bases' in dipreader, less other scopes' own."""
    found: list[Binding] = []
    for base in reversed(node.__mro__):
        if not issubclass(base, DOMNode) or not base.__module__.startswith("dipreader."):
            continue
        if base is not node and base in others:
            continue
        found += [binding for binding in base.__dict__.get("BINDINGS", []) if isinstance(binding, Binding)]
    return found


def help_rows(keymap: Mapping[str, str]) -> list[HelpRow]:
    """Every described binding of every scope, with the keys in force after the keymap."""
    rows: list[HelpRow] = []
    for scope in scopes():
        for binding in in_force(scope.declared, keymap):
            if binding.description:
                rows.append((scope.title, key_display(binding.key), binding.description, binding.id or ""))
    # The app-wide keys repeat the main screen's (they also work over dialogs): listed once.
    elsewhere = {(keys, binding_id) for section, keys, _, binding_id in rows if section != APP_WIDE}
    return [row for row in rows if row[0] != APP_WIDE or (row[1], row[3]) not in elsewhere]
