"""Every binding has an id; keymaps are checked against the bindings of each scope."""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding

from dipreader.ui.key_scopes import help_rows, scopes
from dipreader.ui.keys import binding_ids as ids_of
from dipreader.ui.keys import in_force, is_known_key, key_display
from dipreader.ui.keys import keymap_problems as problems_of


def binding_ids() -> dict[str, list[str]]:
    return ids_of(scopes())


def keymap_problems(keymap: dict[str, str]) -> list[str]:
    return problems_of(keymap, scopes())


def test_every_binding_of_every_scope_has_an_id() -> None:
    import dipreader.ui.app
    from dipreader.ui.keys import class_layers

    checked = 0
    for scope in scopes():
        for binding in scope.declared:
            assert binding.id, (scope.title, binding)
            checked += 1
    for layer in class_layers(dipreader.ui.app.DipReaderApp)[-1:]:
        assert all(binding.id for binding in layer)
    assert checked > 60


def test_the_ids_are_named_after_their_actions() -> None:
    ids = binding_ids()
    for expected in ("quit", "help", "toggle_read", "show_tab_who", "copy_quote", "back", "toggle_sidebar"):
        assert expected in ids
    assert "Reader" in ids["scroll_down"] and "Help" in ids["scroll_down"]


def test_known_keys() -> None:
    for key in ("ctrl+x", "f5", "j", "question_mark", "alt+left", "shift+tab", "space", "G"):
        assert is_known_key(key), key
    for key in ("ctrl+nothing", "hyperdrive+x", "f99x"):
        assert not is_known_key(key), key


def test_a_clean_keymap_has_no_problems() -> None:
    assert keymap_problems({"quit": "ctrl+x", "help": "f1", "toggle_read": "ctrl+r"}) == []


def test_unknown_ids_bad_keys_and_clashes_are_each_reported() -> None:
    problems = keymap_problems({"qiut": "x", "help": "ctrl+nothing", "toggle_read": "u"})
    assert any("qiut is not a binding id (did you mean quit?)" in line for line in problems)
    assert any("help: ctrl+nothing is not a key" in line for line in problems)
    assert any("toggle_read: u is also toggle_unread_only in Main screen" in line for line in problems)


def test_two_ids_moved_onto_one_key_clash() -> None:
    problems = keymap_problems({"toggle_officials": "z", "toggle_sectors": "z"})
    assert any("toggle_officials: z is also toggle_sectors" in line for line in problems)


def test_a_key_a_pane_uses_is_reported_as_shadowed() -> None:
    problems = keymap_problems({"toggle_read": "j"})
    assert any("j is also cursor_down in Sidebar and lists, which wins" in line for line in problems)


def test_keys_in_force_and_how_they_are_shown() -> None:
    bindings = [Binding("q", "quit", "Quit", id="quit"), Binding("j,down", "down", "Down", id="down")]
    moved = in_force(bindings, {"quit": "ctrl+x,?"})
    assert [binding.key for binding in moved] == ["ctrl+x,question_mark", "j,down"]
    assert key_display("ctrl+x,question_mark") == "^x / ?"
    assert key_display("j,down") == "j / ↓"


def test_the_help_rows_follow_the_keymap() -> None:
    rows = help_rows({"toggle_read": "R"})
    toggles = [keys for _, keys, _, binding_id in rows if binding_id == "toggle_read"]
    assert toggles == ["R"]
    sections = [section for section, *_ in rows]
    assert sections.index("Main screen") < sections.index("Reader") < sections.index("Notes tab")
    assert "Everywhere" not in sections  # its quit and help are the main screen's
    reader_descriptions = [description for section, _, description, _ in rows if section == "Reader"]
    assert (
        "Copy with citation" in reader_descriptions
        and "Next sentence (reading cursor)" in reader_descriptions
    )


def test_the_readme_keys_table_lists_every_binding_id() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z_0-9]+)` \|", readme, re.MULTILINE))
    assert set(binding_ids()) <= listed, sorted(set(binding_ids()) - listed)
