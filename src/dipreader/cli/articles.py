"""`dipreader list` and `dipreader check`: the articles of the folder and the files that cannot be read."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from dipreader.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    Subparsers,
    add_command,
    analysed,
    context_from_args,
    current_library,
    open_store,
    print_json,
    warn,
    write_line,
)

if TYPE_CHECKING:
    from dipreader.core.context import Context
    from dipreader.core.library import Library


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
    read = open_store(context).read_ids()
    stories = _stories(context, library) if args.json else {}
    rows: list[dict[str, object]] = [
        {
            "id": meta.id,
            "title": meta.title,
            "date": meta.date.iso() if meta.date else None,
            "date_basis": meta.date_basis,
            "source": meta.source,
            "read": meta.id in read,
            **({"story": stories.get(meta.id, meta.id)} if args.json else {}),
        }
        for meta in library.articles
    ]
    if args.json:
        print_json(_with_pairs(rows, context, library), out)
        return EXIT_OK
    for row in rows:
        mark = " " if row["read"] else "●"
        write_line(out, f"{mark} {row['date'] or 'undated':10}  {row['title']}  [{row['id']}]")
    return EXIT_OK


def _stories(context: Context, library: Library) -> dict[str, str]:
    """Story keys (articles reporting one event share one), with the knowledge file's problems shown."""
    from dipreader.core.story_groups import library_stories

    for problem in context.knowledge.problems:
        warn(problem)
    return library_stories(context, library)


def _with_pairs(rows: list[dict[str, object]], context: Context, library: Library) -> list[dict[str, object]]:
    """Each row with its article's pairs (indexing what is not cached yet); null where none could be read."""
    from dipreader.core.relations import article_pairs
    from dipreader.extract.pairs import pairs_fields

    found = {
        meta.id: pairs_fields(article_pairs(meta, analysis)) for meta, analysis in analysed(context, library)
    }
    unknown = dict.fromkeys(("pairs", "pair_kind", "pair_countries", "pair_basis"))
    return [{**row, **found.get(str(row["id"]), unknown)} for row in rows]


def command_check(args: argparse.Namespace, out: TextIO) -> int:
    library = current_library(context_from_args(args))
    if args.json:
        print_json(
            {
                "articles": len(library.articles),
                "problems": [
                    {"path": problem.path, "id": problem.id, "reason": problem.reason}
                    for problem in library.problems
                ],
            },
            out,
        )
    else:
        for problem in library.problems:
            write_line(out, f"{problem.path}: {problem.reason}")
        out.write(f"{len(library.articles)} article(s) loaded, {len(library.problems)} problem file(s)\n")
    return EXIT_PROBLEMS if library.problems else EXIT_OK
