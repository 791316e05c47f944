"""The dipreader Textual app: lifecycle, settings, keys, global commands; the main screen does the rest."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen

from dipreader.core.context import Context
from dipreader.core.logs import log, log_unexpected, one_line
from dipreader.store import Store
from dipreader.ui.commands import ArticleCommands, PeopleCommands, ViewCommands
from dipreader.ui.key_scopes import APP_BINDINGS
from dipreader.ui.screens.main import MainScreen

EXIT_UNEXPECTED = 3
"""The app's return code after an unexpected error (as the command line's)."""
SCREENSHOTS_FOLDER = "screenshots"


def screenshot_folder(data_dir: Path) -> Path:
    """~/Downloads when it exists (where Textual saves), else <data dir>/screenshots, created."""
    downloads = Path.home() / "Downloads"
    if downloads.is_dir():
        return downloads
    folder = data_dir / SCREENSHOTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class DipReaderApp(App[int]):
    """Read diplomatic news: pick an article on the left, read it on the right."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ArticleCommands, PeopleCommands, ViewCommands}
    TITLE = "dipreader"

    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    def __init__(
        self, context: Context, resume_gc_after_first_screen: bool = False, *, contain_errors: bool = False
    ) -> None:
        self.context = context  # before App.__init__, which asks for the CSS variables
        super().__init__()
        self.startup_messages: list[str] = []
        self.resume_gc_after_first_screen = resume_gc_after_first_screen
        """Set by the command line, which turns the garbage collector off for start-up."""
        self.contain_errors = contain_errors
        """An unexpected error stops the app with one line (`fatal_message`) instead of a traceback
        over the screen (the command line sets it; tests leave it off so that errors fail them)."""
        self.fatal_message: str | None = None
        """The one line printed after the app stops on an unexpected error."""
        self._clashes_reported: set[str] = set()
        settings = context.settings
        self._pending_messages = [("Settings", message) for message in context.settings_problems]
        self.keymap = self._checked_keymap(settings.keymap)
        """The user's keymap as applied (entries with problems left out)."""
        self.set_keymap(self.keymap)
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        else:
            known = ", ".join(sorted(self.available_themes))
            self._pending_messages.append(("Settings", f"theme {settings.theme} is not known ({known})"))
        self._saved_theme = self.theme

    def _checked_keymap(self, keymap: Mapping[str, str]) -> dict[str, str]:
        if not keymap:
            return {}  # the panes' modules stay unimported until they are needed
        from dipreader.ui.key_scopes import scopes
        from dipreader.ui.keys import keymap_problems, usable_keymap

        every_scope = scopes()
        self._pending_messages += [("Keys", problem) for problem in keymap_problems(keymap, every_scope)]
        return usable_keymap(keymap, every_scope)

    @property
    def store(self) -> Store | None:
        return self.context.store

    @property
    def main(self) -> MainScreen:
        """The main screen (the one under any dialog)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen(self.context, self.resume_gc_after_first_screen, self.keymap)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables and `$sector-<key>` for each sector colour in the settings."""
        variables = super().get_css_variables()
        for sector, colour in self.context.settings.sector_colours.items():
            resolved = variables.get(colour[1:]) if colour.startswith("$") else colour
            if resolved:
                variables[f"sector-{sector}"] = resolved
        self.theme_variables = variables
        return variables

    def on_mount(self) -> None:
        self._report_store()
        for title, message in self._pending_messages:
            self._report(title, message)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        log.info("started: articles %s, data %s", self.context.articles_dir, self.context.data_dir)

    def _report(self, title: str, message: str, severity: str = "warning") -> None:
        self.startup_messages.append(message)
        log.warning("%s: %s", title, message)
        self.notify(message, title=title, severity="error" if severity == "error" else "warning", timeout=15)

    def _report_store(self) -> None:
        self.context.cache_file("metadata.sqlite3")  # a cache that cannot be written is said now, once
        for notice in self.context.take_notices():
            self.startup_messages.append(notice)
            self.notify(notice, title="Caches", severity="warning", timeout=15)
        if self.context.store is None:
            self._report("State file", f"Reading state cannot be saved: {self.context.store_error}", "error")
            return
        for warning in self.context.store.warnings:
            self._report("State file", warning)

    def _theme_changed(self, _theme: object) -> None:
        self.main.theme_changed()
        if self.theme != self._saved_theme:
            self._save_theme(self.theme)

    def _save_theme(self, name: str) -> None:
        from dipreader.core.config import SettingsError, save_setting

        try:
            save_setting(self.context.settings_path, "theme", name)
        except (SettingsError, OSError) as error:
            self.notify(f"Theme not saved: {error}", title="Settings", severity="warning", timeout=10)
            return
        self._saved_theme = name

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        """A keymap clash Textual met while keys were pressed: reported once."""
        from dipreader.ui.keys import clash_message

        message = clash_message(clashed_bindings, node)
        if message not in self._clashes_reported:
            self._clashes_reported.add(message)
            self._report("Keys", message)

    def action_help(self) -> None:
        from dipreader.ui.key_scopes import help_rows
        from dipreader.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(help_rows(self.keymap)))

    def action_show_problems(self) -> None:
        library = self.main.library
        problems = library.problems if library else ()
        if not problems and not self.startup_messages:
            self.notify("Every article file loaded.")
            return
        from dipreader.ui.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(problems, self.startup_messages))

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG of the screen in a folder that exists; Textual says where once it is written."""
        try:
            folder = Path(path).expanduser() if path else screenshot_folder(self.context.data_dir)
        except OSError as error:
            self.notify(f"No folder for the screenshot: {error}", title="Screenshot", severity="error")
            return
        self.deliver_screenshot(filename, str(folder))

    async def action_quit(self) -> None:
        self.main.save_position()
        self.exit(0)

    def _handle_exception(self, error: Exception) -> None:
        """Log the traceback; when errors are contained, stop with one line instead of a traceback.

        Textual stops the message loop of whatever raised, so going on would leave a dead pane:
        the app saves the reading position and stops, and the command line prints the line.
        """
        written = log_unexpected(error, self.context.data_dir, "unexpected error in the app")
        if not self.contain_errors:
            super()._handle_exception(error)
            return
        if self.fatal_message is not None:
            return  # already stopping
        where = f"details in {written}" if written else "no log could be written"
        self.fatal_message = f"unexpected error: {one_line(error)} ({where})"
        with contextlib.suppress(Exception):
            self.main.save_position()
        self._return_code = EXIT_UNEXPECTED
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        self.context.close()
