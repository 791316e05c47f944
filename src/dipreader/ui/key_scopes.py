"""Every scope of the key bindings (the app, the main screen, each pane and dialog) and the help rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
    from dipreader.ui.screens.correction import CorrectionScreen
    from dipreader.ui.screens.edit_metadata import EditMetadataScreen
    from dipreader.ui.screens.help import HelpScreen
    from dipreader.ui.screens.main import MainScreen
    from dipreader.ui.screens.main_tabs import MainTabs
    from dipreader.ui.screens.name_prompt import NamePrompt
    from dipreader.ui.screens.note_editor import NoteEditor
    from dipreader.ui.screens.problems import ProblemsScreen
    from dipreader.ui.screens.search import SearchScreen
    from dipreader.ui.screens.sector_passages import SectorPassagesScreen
    from dipreader.ui.screens.tags_prompt import TagsPrompt
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
        ("Tab bar", MainTabs),
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
        ("Correct an official", CorrectionScreen),
        ("Search", SearchScreen),
        ("Sector passages", SectorPassagesScreen),
        ("Name prompt", NamePrompt),
        ("Tags prompt", TagsPrompt),
        ("Confirm", ConfirmScreen),
        ("Help", HelpScreen),
        ("Problem files", ProblemsScreen),
    ]
    classes = {node for _, node in nodes}
    for title, node in nodes:
        declared = tuple(declared_bindings(node, classes))
        found.append(Scope(title, tuple(own_bindings(node)), declared, follow_ups(node, declared)))
    return found


def follow_ups(node: type[DOMNode], declared: Sequence[Binding]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The `FOLLOW_UPS` of a class and its bases (lead id -> follower ids) among the bindings it declares."""
    ids = {binding.id for binding in declared}
    found: dict[str, tuple[str, ...]] = {}
    for base in reversed(node.__mro__):
        for lead, followers in base.__dict__.get("FOLLOW_UPS", {}).items():
            if lead in ids:
                found[lead] = tuple(follower for follower in followers if follower in ids)
    return tuple(found.items())


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
    """Every described binding of every scope, with the keys in force after the keymap; keys that
    act only after another one are one row after it (`h, then 1 / 2 / 3 / 4`)."""
    rows: list[HelpRow] = []
    for scope in scopes():
        bindings = in_force(scope.declared, keymap)
        by_id = {binding.id: binding for binding in bindings if binding.id}
        following = {follower for _, followers in scope.follow_ups for follower in followers}
        for binding in bindings:
            if not binding.description or binding.id in following:
                continue
            rows.append((scope.title, key_display(binding.key), binding.description, binding.id or ""))
            for lead, followers in scope.follow_ups:
                after = [by_id[follower] for follower in followers if follower in by_id]
                if lead == binding.id and after:
                    keys = f"{key_display(binding.key)}, then {' / '.join(key_display(b.key) for b in after)}"
                    rows.append((scope.title, keys, joined_descriptions(after), after[0].id or ""))
    # The app-wide keys repeat the main screen's (they also work over dialogs): listed once.
    elsewhere = {(keys, binding_id) for section, keys, _, binding_id in rows if section != APP_WIDE}
    return [row for row in rows if row[0] != APP_WIDE or (row[1], row[3]) not in elsewhere]


def joined_descriptions(bindings: Sequence[Binding]) -> str:
    """`Highlight yellow / green / blue / pink` for bindings described `Highlight yellow`, ...: the
    words they all start with, once."""
    words = [binding.description.split() for binding in bindings]
    common = 0
    while all(len(these) > common + 1 and these[common] == words[0][common] for these in words):
        common += 1
    return " ".join([*words[0][:common], " / ".join(" ".join(these[common:]) for these in words)])
