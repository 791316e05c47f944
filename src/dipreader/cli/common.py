"""What every subcommand shares: the common options, the context, JSON output, the store, error exits."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dipreader.core.context import Context
from dipreader.model.terminal_text import json_for_terminal, safe_for_terminal, safe_one_line

if TYPE_CHECKING:
    from dipreader.core.indexer import Indexer
    from dipreader.core.json_stream import Write
    from dipreader.core.library import Library, ProblemFound
    from dipreader.model.analysis import ArticleAnalysis
    from dipreader.model.article import ArticleMeta
    from dipreader.store import Store

Handler = Callable[[argparse.Namespace, TextIO], int]
Subparsers = Any  # argparse's _SubParsersAction is private

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_UNEXPECTED = 3
"""An unexpected error: one line on stderr, the traceback in the log file."""


class CommandError(Exception):
    """A command cannot go on: the message is printed as one line and the command exits with `code`."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def add_common_options(parser: argparse.ArgumentParser, *, nested: bool = True) -> None:
    """The options every command takes, before or after its name.

    A subcommand's parser (`nested`) leaves an option out of the result when it is not given
    there, so one given before the subcommand's name is kept.
    """
    default = argparse.SUPPRESS if nested else None
    parser.add_argument(
        "--articles",
        metavar="DIR",
        default=default,
        help="folder of article files (default: $DIPREADER_ARTICLES or <data dir>/articles)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where state lives (default: $DIPREADER_DATA_DIR or the platform data dir)",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        default=default,
        help="the settings file (default: config.yaml in $DIPREADER_CONFIG_DIR or the platform config dir)",
    )
    parser.add_argument(
        "--log",
        metavar="FILE",
        default=default,
        help="write a log to this file (default: $TEXTUAL_LOG; none when neither is set)",
    )


def add_command(commands: Subparsers, name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
    """A subcommand with the common options, run by `handler`."""
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help_text)
    add_common_options(parser)
    parser.set_defaults(handler=handler)
    return parser


def context_from_args(args: argparse.Namespace) -> Context:
    from dipreader.paths import FolderError

    try:
        return Context.from_options(args.articles, args.data_dir, config_file=args.config)
    except FolderError as error:
        raise CommandError(str(error)) from None


def say_notices(context: Context) -> None:
    """Tell the user, once, how this session works around its folders (caches in memory...)."""
    for notice in context.take_notices():
        warn(notice)


def warn(message: str) -> None:
    print(f"dipreader: {safe_one_line(message, None)}", file=sys.stderr)


def write_line(out: TextIO, line: str) -> None:
    """One line of text output made safe for a terminal (ids, paths, titles, reasons)."""
    out.write(safe_one_line(line, None) + "\n")


def write_text(out: TextIO, text: str) -> None:
    """Text output of many lines (Markdown, CSV) made safe for a terminal; CSV's CRLF is kept."""
    out.write("\r\n".join(safe_for_terminal(part) for part in text.split("\r\n")))


def print_json(data: object, out: TextIO) -> None:
    """`data` as indented JSON (what `json.dumps(data, ensure_ascii=False, indent=2)` gives)."""
    from dipreader.core.json_stream import json_text  # not at the top: the app's start-up needs no JSON

    out.write(json_for_terminal(json_text(data)))
    out.write("\n")


def json_writer(out: TextIO) -> Write:
    """Writes pieces of JSON text made safe for a terminal (pieces can be made safe one by one)."""

    def write(piece: str) -> None:
        out.write(json_for_terminal(piece))

    return write


def print_json_items(items: Iterable[object], out: TextIO) -> int:
    """The items as one indented JSON array, each written as it comes; returns how many."""
    from dipreader.core.json_stream import write_json_array

    count = write_json_array(json_writer(out), items)
    out.write("\n")
    return count


def open_store(context: Context, *, writing: bool = False) -> Store:
    """The state file, with its warnings printed (once); a CommandError when it cannot be opened,
    or when `writing` and only a read-only copy could be."""
    store = context.store
    if store is None:
        raise CommandError(str(context.store_error))
    if writing and context.store_is_copy:
        raise CommandError(f"nothing was written: {context.store_error}", EXIT_PROBLEMS)
    for message in store.warnings:
        warn(message)
    store.warnings.clear()
    return store


def require_articles_folder(folder: Path) -> None:
    """A CommandError (bad input, exit 2) unless `folder` is a folder that can be read."""
    if not folder.exists():
        raise CommandError(f"articles folder not found: {folder}")
    if not folder.is_dir():
        raise CommandError(f"{folder} is a file, not a folder: --articles takes the folder of article files")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise CommandError(f"cannot read the articles folder {folder}: permission denied")


def say_if_empty(library: Library) -> None:
    """Say on stderr that the folder holds no readable article (output stays empty, not an error)."""
    if library.articles:
        return
    unreadable = f" ({len(library.problems)} file(s) that cannot be read: see 'dipreader check')"
    warn(f"no article in {library.root}{unreadable if library.problems else ''}")


def current_library(context: Context, found: ProblemFound | None = None) -> Library:
    """The articles folder as it is now (the metadata cache spares reading unchanged files; the
    records are kept encoded, a few hundred bytes an article), each
    problem file given to `found` as it is met; a CommandError when the folder is missing, a file
    or unreadable."""
    from dipreader.core.library import scan_compact

    require_articles_folder(context.articles_dir)
    cache = context.open_meta_cache()
    say_notices(context)
    try:
        return scan_compact(context.articles_dir, cache, found=found)
    finally:
        cache.close()


def indexed(context: Context, library: Library) -> Indexer:
    """The index brought up to date: what is not in the analysis cache yet is analysed (in worker
    processes when many are), with the knowledge file's problems and the cache notices said first.

    The search index is left to `search` and the app (they bring it up to date from the analysis
    cache by content hash): feeding it would cost a view its time and the memory of every note.
    """
    from dipreader.core.indexer import Indexer

    for problem in context.knowledge.problems:
        warn(problem)
    indexer = Indexer(context, feed_search=False)
    context.analysis_cache  # noqa: B018 - opened now, so that a notice about it is said first
    say_notices(context)
    for _batch in indexer.run(library):
        pass
    if context.analysis_cache.write_failure:
        warn(context.analysis_cache.write_failure)
    return indexer


def analysed(
    context: Context,
    library: Library,
    metas: Sequence[ArticleMeta] | None = None,
    indexer: Indexer | None = None,
) -> Iterator[tuple[ArticleMeta, ArticleAnalysis]]:
    """Each article (of `metas`, else of the library) that could be read, with its analysis, newest
    first: indexed first (on every core; not again when `indexer` indexed the library already), then
    read back from the cache one at a time (none is kept)."""
    from dipreader.core.library import Library

    chosen = library if metas is None else Library(library.root, tuple(metas), ())
    if indexer is None:
        indexer = indexed(context, chosen)
    for meta in chosen.articles:
        analysis = indexer.analysis_of(meta)
        if analysis is not None:
            yield meta, analysis
