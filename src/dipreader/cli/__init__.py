"""Command line: the TUI by default, and scriptable subcommands that print text, JSON, CSV or Markdown."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from dipreader import __version__
from dipreader.cli import articles, config, correct, exports, intake, notes, relations, search, serve, views
from dipreader.cli.common import (
    EXIT_PROBLEMS,
    EXIT_UNEXPECTED,
    CommandError,
    Handler,
    add_common_options,
    warn,
)

SUBCOMMANDS = (articles, views, notes, intake, exports, config, serve, search, relations, correct)
"""Each module registers its subcommands; add a module here to add commands."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dipreader",
        description="A terminal reader for news about diplomatic relations.",
        epilog="Exit codes: 0 done, 1 problems found, 2 bad usage or input, 3 an unexpected error "
        "(its traceback is in the log).",
    )
    parser.add_argument("--version", action="version", version=f"dipreader {__version__}")
    add_common_options(parser, nested=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from dipreader.core.logs import chosen_log_file, start_logging

    args = build_parser().parse_args(argv)
    problem = start_logging(chosen_log_file(args.log))
    if problem:
        warn(problem)
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
    except Exception as error:
        from dipreader.store.errors import StoreError  # here: the store is not imported up front

        if isinstance(error, StoreError):  # the state file failed mid-command (a full disk)
            warn(str(error))
            return EXIT_PROBLEMS
        return unexpected(error, args)


def unexpected(error: Exception, args: argparse.Namespace) -> int:
    """One line on stderr, the traceback in the log (or errors.log in the data dir)."""
    from dipreader import paths
    from dipreader.core.logs import log_unexpected, one_line

    try:
        data_dir = paths.data_dir(args.data_dir)
    except OSError:
        data_dir = None
    written = log_unexpected(error, data_dir)
    where = f"details in {written}" if written else "no log could be written"
    warn(f"unexpected error: {one_line(error)} ({where})")
    return EXIT_UNEXPECTED
