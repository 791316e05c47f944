"""The dipreader Textual app: lifecycle, global commands and the screens; the main screen does the rest."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from dipreader.core.context import Context
from dipreader.store import Store
from dipreader.ui.commands import ArticleCommands, PeopleCommands, ViewCommands
from dipreader.ui.screens.main import MainScreen


class DipReaderApp(App[int]):
    """Read diplomatic news: pick an article on the left, read it on the right."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ArticleCommands, PeopleCommands, ViewCommands}
    TITLE = "dipreader"

    BINDINGS: ClassVar[list[BindingType]] = [
        # The main screen shows these in its footer; here they also work over a dialog.
        Binding("q", "quit", "Quit", show=False),
        Binding("question_mark", "help", "Help", show=False),
    ]

    def __init__(self, context: Context, resume_gc_after_first_screen: bool = False) -> None:
        super().__init__()
        self.context = context
        self.startup_messages: list[str] = []
        self.resume_gc_after_first_screen = resume_gc_after_first_screen
        """Set by the command line, which turns the garbage collector off for start-up."""

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
        return MainScreen(self.context, self.resume_gc_after_first_screen)

    def on_mount(self) -> None:
        self._report_store()
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _report_store(self) -> None:
        if self.context.store is None:
            message = f"Reading state cannot be saved: {self.context.store_error}"
            self.startup_messages.append(message)
            self.notify(message, severity="error", timeout=15)
            return
        for warning in self.context.store.warnings:
            self.startup_messages.append(warning)
            self.notify(warning, title="State file", severity="warning", timeout=15)

    def _theme_changed(self, _theme: object) -> None:
        self.main.theme_changed()

    def action_help(self) -> None:
        from dipreader.ui.screens.help import HelpScreen, help_sections

        self.push_screen(HelpScreen(help_sections(MainScreen.BINDINGS)))

    def action_show_problems(self) -> None:
        library = self.main.library
        problems = library.problems if library else ()
        if not problems and not self.startup_messages:
            self.notify("Every article file loaded.")
            return
        from dipreader.ui.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(problems, self.startup_messages))

    async def action_quit(self) -> None:
        self.main.save_position()
        self.exit(0)

    def on_unmount(self) -> None:
        self.context.close()
