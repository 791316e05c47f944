"""Command line: the TUI by default, and scriptable subcommands that print JSON, CSV or Markdown."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dipreader import __version__, paths

if TYPE_CHECKING:
    from dipreader.sources.files import Corpus

Handler = Callable[[argparse.Namespace, TextIO], int]


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--articles",
        metavar="DIR",
        help="folder of article files (default: $DIPREADER_ARTICLES or the bundled samples)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where state lives (default: $DIPREADER_DATA_DIR or the platform data dir)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dipreader",
        description="A terminal reader for news about diplomatic relations.",
    )
    parser.add_argument("--version", action="version", version=f"dipreader {__version__}")
    _common_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser("list", help="list the articles")
    _common_options(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=command_list)

    check = commands.add_parser("check", help="report files that cannot be read; exit 1 if any")
    _common_options(check)
    check.add_argument("--json", action="store_true", help="print JSON")
    check.set_defaults(handler=command_check)

    from dipreader.cli.views import register_view_commands

    register_view_commands(commands, _common_options)
    return parser


def corpus_from_args(args: argparse.Namespace) -> Corpus:
    from dipreader.sources.files import load_corpus

    return load_corpus(paths.articles_dir(args.articles))


def data_dir_from_args(args: argparse.Namespace) -> Path:
    return paths.data_dir(args.data_dir)


def print_json(data: object, out: TextIO) -> None:
    import json  # not at the top: the app's start-up does not need it

    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def command_list(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.store import Store, StoreError

    corpus = corpus_from_args(args)
    for problem in corpus.problems:
        print(f"dipreader: {problem.path}: {problem.reason}", file=sys.stderr)
    try:
        store = Store.open(paths.store_path(data_dir_from_args(args)))
    except StoreError as error:
        print(f"dipreader: {error}", file=sys.stderr)
        return 2
    try:
        for warning in store.warnings:
            print(f"dipreader: {warning}", file=sys.stderr)
        read = store.read_ids()
    finally:
        store.close()
    rows = [
        {
            "id": article.id,
            "title": article.title,
            "date": article.date.iso() if article.date else None,
            "date_basis": article.meta.date_basis,
            "source": article.meta.source,
            "read": article.id in read,
        }
        for article in corpus.articles
    ]
    if args.json:
        print_json(rows, out)
        return 0
    for row in rows:
        mark = " " if row["read"] else "●"
        out.write(f"{mark} {row['date'] or 'undated':10}  {row['title']}  [{row['id']}]\n")
    return 0


def command_check(args: argparse.Namespace, out: TextIO) -> int:
    corpus = corpus_from_args(args)
    if args.json:
        print_json(
            {
                "articles": len(corpus.articles),
                "problems": [
                    {"path": problem.path, "id": problem.id, "reason": problem.reason}
                    for problem in corpus.problems
                ],
            },
            out,
        )
    else:
        for problem in corpus.problems:
            out.write(f"{problem.path}: {problem.reason}\n")
        out.write(f"{len(corpus.articles)} article(s) loaded, {len(corpus.problems)} problem file(s)\n")
    return 1 if corpus.problems else 0


def run_tui(args: argparse.Namespace) -> int:
    import gc

    # Start-up allocates many long-lived objects (modules, styles, widgets): collecting them
    # over and over is wasted time. The app collects again once the first screen is painted.
    gc.disable()
    from dipreader.ui.app import DipReaderApp

    app = DipReaderApp(
        articles_dir=paths.articles_dir(args.articles),
        data_dir=data_dir_from_args(args),
    )
    app.resume_gc_after_first_screen = True
    try:
        app.run()
    finally:
        gc.enable()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            return run_tui(args)
        return handler(args, sys.stdout)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
