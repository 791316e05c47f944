"""`dipreader list` and `dipreader check`: the articles of the folder and the files that cannot be read."""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dipreader.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    Subparsers,
    add_command,
    context_from_args,
    current_library,
    indexed,
    json_writer,
    open_store,
    print_json_items,
    say_if_empty,
    warn,
    write_line,
)
from dipreader.core.json_stream import write_json_document

if TYPE_CHECKING:
    from dipreader.core.context import Context
    from dipreader.core.library import Library
    from dipreader.model.article import Problem


def register(commands: Subparsers) -> None:
    listing = add_command(commands, "list", "list the articles", command_list)
    listing.add_argument("--json", action="store_true", help="print JSON")
    check = add_command(commands, "check", "report files that cannot be read; exit 1 if any", command_check)
    check.add_argument("--json", action="store_true", help="print JSON")


def command_list(args: argparse.Namespace, out: TextIO) -> int:
    context = context_from_args(args)
    library = current_library(context)
    for problem in library.problems:
        warn(f"{problem.path}: {problem.reason}")
    say_if_empty(library)
    read = open_store(context).read_ids()
    if args.json:
        print_json_items(_json_rows(context, library, read), out)
        return EXIT_OK
    for meta in library.articles:
        mark = " " if meta.id in read else "●"
        write_line(out, f"{mark} {meta.date.iso() if meta.date else 'undated':10}  {meta.title}  [{meta.id}]")
    return EXIT_OK


def _json_rows(context: Context, library: Library, read: set[str]) -> Iterator[dict[str, object]]:
    """Each article's `list --json` row, with its story key and its pairs (null where it could not
    be read), made as it is written: analyses are read back one at a time."""
    from dipreader.core.builds import CachedAnalyses
    from dipreader.core.relations import article_pairs
    from dipreader.core.story_groups import StoryKeysBuilder, story_cache_path
    from dipreader.extract.pairs import pairs_fields

    indexer = indexed(context, library)
    unknown = dict.fromkeys(("pairs", "pair_kind", "pair_countries", "pair_basis"))
    with tempfile.TemporaryDirectory(prefix="dipreader-stories-") as folder:
        # The app's groups (`StoriesBuilder`), found on disk: the keys are read back one at a time.
        keys = Path(folder) / "stories.sqlite3"
        builder = StoryKeysBuilder(story_cache_path(context), context.salt, keys)
        CachedAnalyses(context.analysis_cache).build(builder, library)
        with closing(sqlite3.connect(keys)) as stories:
            for meta in library.articles:
                analysis = indexer.analysis_of(meta)
                story = stories.execute("SELECT story FROM story WHERE article = ?", (meta.id,)).fetchone()
                yield {
                    "id": meta.id,
                    "title": meta.title,
                    "date": meta.date.iso() if meta.date else None,
                    "date_basis": meta.date_basis,
                    "source": meta.source,
                    "read": meta.id in read,
                    "story": story[0] if story is not None else meta.id,
                    **(pairs_fields(article_pairs(meta, analysis)) if analysis is not None else unknown),
                }


def _problem_record(problem: Problem) -> dict[str, object]:
    return {"path": problem.path, "id": problem.id, "reason": problem.reason}


def command_check(args: argparse.Namespace, out: TextIO) -> int:
    """The text form prints each problem file as the scan meets it; the JSON form, whose article
    count comes first, after the scan."""
    context = context_from_args(args)
    if args.json:
        library = current_library(context)
        document = {"articles": len(library.articles), "problems": []}
        write_json_document(json_writer(out), document, ("problems",), map(_problem_record, library.problems))
        out.write("\n")
    else:

        def say(problem: Problem) -> None:
            write_line(out, f"{problem.path}: {problem.reason}")
            out.flush()

        library = current_library(context, say)
        out.write(f"{len(library.articles)} article(s) loaded, {len(library.problems)} problem file(s)\n")
    return EXIT_PROBLEMS if library.problems else EXIT_OK
