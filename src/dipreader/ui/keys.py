"""Key bindings by scope: the user's keymap checked against them, and the keys in force after it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.keys import Keys, _normalize_key_list, key_to_character


def normalize_keys(keys: str) -> str:
    """`?,ctrl+x` -> `question_mark,ctrl+x`: keys as Textual names them (as App.set_keymap does)."""
    return _normalize_key_list(keys)


MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_SPECIAL_KEYS = frozenset(key.value for key in Keys)


@dataclass(frozen=True)
class Scope:
    """Where a set of bindings is active together: a screen, a pane, a dialog (a help section)."""

    title: str
    bindings: tuple[Binding, ...]
    """Every binding in force there, its bases' included (as Textual merges them)."""
    declared: tuple[Binding, ...]
    """The bindings it adds itself (what the help lists under its title)."""
    follow_ups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(lead id, follower ids): keys that act only right after the lead's key (a colour after h);
    the help lists them as one row after the lead, not as keys of their own."""


def class_layers(node: type[DOMNode]) -> list[list[Binding]]:
    """Each class's own bindings, from the furthest base to the class itself."""
    return [
        list(_as_bindings(base.__dict__.get("BINDINGS", [])))
        for base in reversed(node.__mro__)
        if issubclass(base, DOMNode)
    ]


def own_bindings(node: type[DOMNode]) -> list[Binding]:
    """The bindings a class has, its bases' included, as Textual merges them: a key a subclass
    binds is no longer its base's."""
    return merged(class_layers(node))


def merged(layers: Sequence[Sequence[Binding]]) -> list[Binding]:
    """Layers of bindings, later ones taking the keys they bind from earlier ones."""
    found: list[Binding] = []
    for depth, layer in enumerate(layers):
        later = {
            key.strip()
            for deeper in layers[depth + 1 :]
            for binding in deeper
            for key in binding.key.split(",")
        }
        for binding in layer:
            kept = [key.strip() for key in binding.key.split(",") if key.strip() not in later]
            if kept:
                found.append(
                    binding if len(kept) == len(binding.key.split(",")) else binding.with_key(",".join(kept))
                )
    return found


def _as_bindings(bindings: Iterable[BindingType]) -> Iterator[Binding]:
    for binding in bindings:
        if isinstance(binding, Binding):
            yield binding
        else:
            yield from Binding.make_bindings([binding])


def binding_ids(scopes: Sequence[Scope]) -> dict[str, list[str]]:
    """Every binding id of the scopes, with the titles of the scopes that have it."""
    found: dict[str, list[str]] = {}
    for scope in scopes:
        for binding in scope.bindings:
            if binding.id:
                titles = found.setdefault(binding.id, [])
                if scope.title not in titles:
                    titles.append(scope.title)
    return found


def in_force(bindings: Sequence[Binding], keymap: Mapping[str, str]) -> list[Binding]:
    """The bindings with the keymap applied: a remapped binding gets the keymap's keys (one
    binding, keys comma-separated, so the help shows it once)."""
    normalized = {binding_id: normalize_keys(keys) for binding_id, keys in keymap.items()}
    return [
        binding.with_key(normalized[binding.id]) if binding.id in normalized else binding
        for binding in bindings
    ]


def is_known_key(key: str) -> bool:
    """A key Textual can report: modifiers and a key name (`ctrl+x`, `f5`, `question_mark`, `j`)."""
    *modifiers, name = key.split("+") if key != "+" else ["+"]
    if any(modifier not in MODIFIERS for modifier in modifiers) or not name:
        return False
    return len(name) == 1 or name in _SPECIAL_KEYS or key_to_character(name) is not None


def usable_keymap(keymap: Mapping[str, str], scopes: Sequence[Scope]) -> dict[str, str]:
    """The entries with a known id and keys Textual knows (what the app applies)."""
    known = binding_ids(scopes)
    return {
        binding_id: keys
        for binding_id, keys in keymap.items()
        if binding_id in known and all(map(is_known_key, normalize_keys(keys).split(",")))
    }


def keymap_problems(keymap: Mapping[str, str], scopes: Sequence[Scope]) -> list[str]:
    """What is wrong with a keymap: unknown ids, keys Textual has no name for, clashes (two
    bindings on one key in one scope, where the remapped one takes the key from the other), and
    app-wide keys a pane uses too."""
    known = binding_ids(scopes)
    problems: list[str] = []
    usable: dict[str, str] = {}
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, list(known), n=1)
            hint = f" (did you mean {close[0]}?)" if close else " (see the Keys table in the README)"
            problems.append(f"keymap: {binding_id} is not a binding id{hint}; ignored")
            continue
        bad = [key for key in normalize_keys(keys).split(",") if not is_known_key(key)]
        if bad:
            problems.append(f"keymap: {binding_id}: {', '.join(bad)} is not a key Textual knows; ignored")
            continue
        usable[binding_id] = keys
    problems.extend(clashes(usable, scopes))
    problems.extend(shadowed(usable, scopes))
    return problems


OUTER_SCOPES = ("Everywhere", "Main screen")
MODAL_SCOPES = (
    "Note editor",
    "Add an article",
    "Article details",
    "Correct an official",
    "Confirm",
    "Help",
    "Problem files",
    "Sector passages",
)
TEXT_SCOPES = ("Reader search",)
"""Text fields: they keep their keys for typing, as anyone expects."""


def shadowed(keymap: Mapping[str, str], scopes: Sequence[Scope]) -> list[str]:
    """A key the keymap gives to an app-wide binding that a pane also uses: the pane's binding wins
    while the pane has the focus, so the remapped key does not work there."""
    normalized = {binding_id: normalize_keys(keys) for binding_id, keys in keymap.items()}
    outer = [scope for scope in scopes if scope.title in OUTER_SCOPES]
    panes = [scope for scope in scopes if scope.title not in (*OUTER_SCOPES, *MODAL_SCOPES, *TEXT_SCOPES)]
    outer_ids = {binding.id for scope in outer for binding in scope.bindings if binding.id}
    found: list[str] = []
    for binding_id, keys in normalized.items():
        if binding_id not in outer_ids:
            continue
        for key in keys.split(","):
            for pane in panes:
                for binding in in_force(pane.bindings, keymap):
                    if binding.id != binding_id and key in binding.key.split(","):
                        other = binding.id or binding.action
                        found.append(
                            f"keymap: {binding_id}: {key} is also {other} in {pane.title}, "
                            f"which wins while it has the focus"
                        )
    return list(dict.fromkeys(found))


def clashes(keymap: Mapping[str, str], scopes: Sequence[Scope]) -> list[str]:
    """One line per key the keymap gives to a binding that another binding of the same scope has:
    the remapped binding takes the key, the other one loses it."""
    normalized = {binding_id: normalize_keys(keys) for binding_id, keys in keymap.items()}
    found: list[str] = []
    for scope in scopes:
        holders: dict[str, list[Binding]] = {}
        for binding in in_force(scope.bindings, normalized):
            for key in binding.key.split(","):
                holders.setdefault(key.strip(), []).append(binding)
        for key, on_key in holders.items():
            takers = {binding.id: binding for binding in on_key if binding.id in normalized}
            for taker, taking in takers.items():
                for other in on_key:
                    if other.id != taker and _action(other) != _action(taking):
                        what = other.id or other.description or other.action
                        found.append(
                            f"keymap: {taker}: {key} is also {what} in {scope.title}; {taker} takes it"
                        )
    return list(dict.fromkeys(found))


def _action(binding: Binding) -> str:
    return binding.action.removeprefix("app.")


def clash_message(clashed: Iterable[Binding], node: DOMNode) -> str:
    """The line shown when Textual reports a clash it found while keys were pressed."""
    names = ", ".join(sorted(f"{binding.id or binding.action} ({binding.key})" for binding in clashed))
    return f"Keymap clash in {type(node).__name__}: {names} — the remapped binding takes the key"


def key_display(keys: str) -> str:
    """`j / down` for `j,down`, `^x` for `ctrl+x`, `?` for `question_mark` (as the footer shows them)."""
    from textual.keys import format_key

    shown: list[str] = []
    for key in keys.split(","):
        *modifiers, name = key.strip().split("+") if key.strip() != "+" else ["+"]
        label = format_key(name)
        if "ctrl" in modifiers:
            modifiers.remove("ctrl")
            label = f"^{label}"
        shown.append("+".join([*modifiers, label]))
    return " / ".join(shown)


def keys_for(binding_id: str, bindings: Sequence[Binding], keymap: Mapping[str, str]) -> str:
    """How the keys of one of these bindings are shown, after the keymap ("" when there is none)."""
    for binding in in_force(bindings, keymap):
        if binding.id == binding_id:
            return key_display(binding.key)
    return ""
