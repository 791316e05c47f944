"""The footer of key bindings, recomposed without restyling each key twice."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class QuietFooterKey(FooterKey):
    """A footer key that starts as wide as the footer it is in (Textual's starts compact, so each
    key mounted in a wide footer was restyled twice: once to add `-compact`, once to remove it)."""

    compact = reactive(False)


class KeysFooter(Footer):
    """Textual's footer, whose keys are mounted already in the footer's style: the footer is
    recomposed on every focus change (every tab switch), so that was two restyles per key each time."""

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
