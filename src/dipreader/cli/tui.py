"""`dipreader` with no subcommand: the Textual app."""

from __future__ import annotations

import argparse

from dipreader.cli.common import context_from_args


def run_tui(args: argparse.Namespace) -> int:
    import gc

    # Start-up allocates many long-lived objects (modules, styles, widgets): collecting them
    # over and over is wasted time. The app collects again once the first screen is painted.
    gc.disable()
    from dipreader.ui.app import DipReaderApp

    app = DipReaderApp(context_from_args(args), resume_gc_after_first_screen=True)
    try:
        app.run()
    finally:
        gc.enable()
    return app.return_code or 0
