"""Command line: the TUI by default, and scriptable subcommands that print text, JSON, CSV or Markdown."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from dipreader import __version__
from dipreader.cli import articles, intake, notes, views
from dipreader.cli.common import CommandError, Handler, add_common_options, warn

SUBCOMMANDS = (articles, views, notes, intake)
"""Each module registers its subcommands; add a module here to add commands."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dipreader",
        description="A terminal reader for news about diplomatic relations.",
    )
    parser.add_argument("--version", action="version", version=f"dipreader {__version__}")
    add_common_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            from dipreader.cli.tui import run_tui

            return run_tui(args)
        return handler(args, sys.stdout)
    except CommandError as error:
        warn(str(error))
        return error.code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
