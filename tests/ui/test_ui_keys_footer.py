"""The footer after each tab switch shows the keys of the focused view, as a footer made afresh would."""

from __future__ import annotations

from pathlib import Path

from apphelpers import make_app, wait_for_index
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from dipreader.ui.app import DipReaderApp
from dipreader.ui.widgets.common.keys_footer import KeysFooter


def shown_keys(app: DipReaderApp) -> list[tuple[str, str, bool]]:
    """(key, description, enabled) of every key the footer shows, in order."""
    footer = app.screen.query_one(Footer)
    return [(key.key, key.description, not key._disabled) for key in footer.query(FooterKey)]


def fresh_keys(app: DipReaderApp) -> list[tuple[str, str, bool]]:
    """What the footer composes for the bindings now."""
    footer = app.screen.query_one(KeysFooter)
    return [
        (key.key, key.description, not key._disabled)
        for key in footer.compose()
        if isinstance(key, FooterKey)
    ]


async def test_the_footer_follows_every_tab_switch(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_index(pilot, app)
        seen: list[list[tuple[str, str, bool]]] = []
        for key in ("2", "3", "4", "5", "1", "3", "2", "1"):
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            assert shown_keys(app) == fresh_keys(app), key
            seen.append(shown_keys(app))
        assert len({tuple(keys) for keys in seen}) >= 3  # the tabs' keys differ: the footer did change
