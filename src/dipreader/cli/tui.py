"""`dipreader` with no subcommand: the Textual app."""

from __future__ import annotations

import argparse

from dipreader.cli.common import context_from_args, warn


def run_tui(args: argparse.Namespace) -> int:
    import gc

    # Start-up allocates many long-lived objects (modules, styles, widgets): collecting them
    # over and over is wasted time. The app collects again once the first screen is painted.
    gc.disable()
    from dipreader.ui.app import DipReaderApp

    app = DipReaderApp(context_from_args(args), resume_gc_after_first_screen=True, contain_errors=True)
    try:
        app.run()
    finally:
        gc.enable()
    if app.fatal_message:
        warn(app.fatal_message)
    return app.return_code or 0
