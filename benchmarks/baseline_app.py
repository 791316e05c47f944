"""The baseline: a bare Textual app of dipreader's layout that reads nothing (sidebar, reader, tabs, footer).

python benchmarks/baseline_app.py                      10 titles in a Static
python benchmarks/baseline_app.py --titles FILE        an OptionList of every line of FILE
python benchmarks/baseline_app.py --text A --text B    the reader shows A; `n` swaps to the next text

It writes the same `<monotonic> <event>` marker lines as dipreader (DIPREADER_READY_FILE):
`first-screen` after the first paint, `article-shown <n>` after a swapped text is painted.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static, TabbedContent, TabPane

CSS = """
#main { height: 1fr; }
#sidebar { width: 40; max-width: 40%; border-right: vkey $foreground 20%; }
#sidebar-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
#tabs { width: 1fr; }
#reader-text { padding: 0 1; }
#status { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
"""


def mark_ready(event: str) -> None:
    target = os.environ.get("DIPREADER_READY_FILE")
    if target:
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with open(target, "a", encoding="utf-8") as marker:
            marker.write(f"{time.monotonic():.6f} {event} maxrss_kib={peak_kib}\n")


class BaselineApp(App[None]):
    """dipreader's shape with nothing behind it."""

    CSS = CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("n", "next_text", "Next article"),
    ]

    def __init__(self, titles: list[str] | None, texts: list[str]) -> None:
        super().__init__()
        self.titles = titles
        self.texts = texts or ["Choose an article in the sidebar and press Enter."]
        self.shown = 0

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        with Horizontal(id="main"):
            with Vertical(id="sidebar"):
                yield Static("Articles", id="sidebar-title")
                if self.titles is None:
                    yield Static("\n".join(f"● Article number {n}" for n in range(1, 11)), markup=False)
                else:
                    yield OptionList(*self.titles, id="articles")
            with TabbedContent(id="tabs", initial="tab-article"):
                with TabPane("Article", id="tab-article"), VerticalScroll():
                    yield Static(self.texts[0], id="reader-text", markup=False)
                with TabPane("Chronology", id="tab-chronology"):
                    yield Static("Chronology")
                with TabPane("Who's who", id="tab-who"):
                    yield Static("Who's who")
                with TabPane("Notes", id="tab-notes"):
                    yield Static("Notes")
        yield Static("10 articles", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(mark_ready, "first-screen")

    def action_next_text(self) -> None:
        self.shown = (self.shown + 1) % len(self.texts)
        self.query_one("#reader-text", Static).update(self.texts[self.shown])
        self.call_after_refresh(mark_ready, f"article-shown {self.shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=Path, help="file with one title a line, shown in an OptionList")
    parser.add_argument("--text", type=Path, action="append", default=[], help="a text for the reader")
    args = parser.parse_args()
    titles = args.titles.read_text(encoding="utf-8").splitlines() if args.titles else None
    texts = [path.read_text(encoding="utf-8") for path in args.text]
    BaselineApp(titles, texts).run()


if __name__ == "__main__":
    main()
