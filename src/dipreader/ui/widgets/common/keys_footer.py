"""The footer of key bindings, recomposed without restyling each key twice."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

KeySpec = tuple[str, str, str, str, bool, str]
"""What a footer key shows: key, how it is displayed, description, action, enabled, tooltip."""


class QuietFooterKey(FooterKey):
    """A footer key that starts as wide as the footer it is in (Textual's starts compact, so each
    key mounted in a wide footer was restyled twice: once to add `-compact`, once to remove it)."""

    compact = reactive(False)


class KeysFooter(Footer):
    """Textual's footer, whose keys are mounted already in the footer's style: the footer is
    recomposed on every focus change (every tab switch), so that was two restyles per key each time.
    When the bindings change but as many keys are shown, the keys already mounted are given their
    new text instead (mounting a footer's keys again was a third of a tab switch)."""

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._show_bindings)

    def _wanted(self) -> list[KeySpec] | None:
        """The keys the plain layout shows for the bindings now (None: the grouped or compact layout)."""
        shown = [
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        ]
        if self.compact or any(binding.group is not None for binding, _, _ in shown):
            return None
        first_of_action: dict[str, KeySpec] = {}
        for binding, enabled, tooltip in shown:
            spec = (
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
            )
            first_of_action.setdefault(binding.action, spec)
        return list(first_of_action.values())

    async def _show_bindings(self) -> None:
        if not self.is_attached:
            return
        wanted = self._wanted()
        keys = list(self.query_children(QuietFooterKey))
        if wanted is None or not keys or not wanted:
            await self.recompose()
            return
        for key, spec in zip(keys, wanted, strict=False):
            if _spec_of(key) != spec:
                _give(key, spec)
        if len(keys) > len(wanted):
            await self.remove_children(keys[len(wanted) :])
        elif len(keys) < len(wanted):
            palette = self.query_children(".-command-palette")
            added = [_key_of(spec) for spec in wanted[len(keys) :]]
            await self.mount_all(added, before=palette.first() if palette else None)
        self.styles.grid_size_columns = len(wanted)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        shown = [
            (binding, enabled, tooltip) for (_, binding, enabled, tooltip) in active.values() if binding.show
        ]
        if self.compact or any(binding.group is not None for binding, _, _ in shown):
            yield from super().compose()  # the grouped and compact layouts, as Textual makes them
            return
        first_of_action: dict[str, tuple[Binding, bool, str]] = {}
        for binding, enabled, tooltip in shown:
            first_of_action.setdefault(binding.action, (binding, enabled, tooltip))
        self.styles.grid_size_columns = len(first_of_action)
        for binding, enabled, tooltip in first_of_action.values():
            yield QuietFooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            )
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                yield FooterKey(  # compact, as Textual's footer leaves it (one key)
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )


def _spec_of(key: FooterKey) -> KeySpec:
    tooltip = key.tooltip if isinstance(key.tooltip, str) else ""
    return (key.key, key.key_display, key.description, key.action, not key._disabled, tooltip)


def _give(key: FooterKey, spec: KeySpec) -> None:
    """Show another binding in a key already mounted."""
    key.key, key.key_display, key.description, key.action, enabled, tooltip = spec
    key._disabled = not enabled
    key.set_class(not enabled, "-disabled")
    key.tooltip = tooltip or None
    key.refresh(layout=True)


def _key_of(spec: KeySpec) -> QuietFooterKey:
    binding_key, display, description, action, enabled, tooltip = spec
    return QuietFooterKey(binding_key, display, description, action, disabled=not enabled, tooltip=tooltip)
