"""`dipreader search QUERY`: ranked articles and notes for a query of the search language."""

from __future__ import annotations

import argparse
from typing import TextIO

from dipreader.cli.common import (
    EXIT_OK,
    CommandError,
    Subparsers,
    add_command,
    context_from_args,
    current_library,
    open_store,
    print_json,
    warn,
)

DEFAULT_LIMIT = 20


def register(commands: Subparsers) -> None:
    search = add_command(
        commands,
        "search",
        'search articles and notes: words, "phrases", -word, OR, person: sector: country: source: '
        "tag: from: to: is:unread has:notes",
        command_search,
    )
    search.add_argument("query", metavar="QUERY", help="the query (quote it for the shell)")
    search.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N", help="at most N results")
    search.add_argument("--json", action="store_true", help="print JSON")


def command_search(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.core.indexer import Indexer
    from dipreader.core.search import search, sync_notes
    from dipreader.model.query import QueryError, parse

    if args.limit < 1:
        raise CommandError("--limit must be at least 1")
    try:
        query = parse(args.query)
    except QueryError as error:
        raise CommandError(f"cannot read the query: {error}\n{error.caret()}") from error
    context = context_from_args(args)
    store = open_store(context)
    library = current_library(context)
    for problem in context.knowledge.problems:
        warn(problem)
    for _batch in Indexer(context).run(library):  # analyses and indexes what changed
        pass
    sync_notes(context.search_index, store)
    hits = search(context.search_index, query, context.knowledge, store.read_ids(), args.limit)
    if args.json:
        print_json([hit.to_json() for hit in hits], out)
        return EXIT_OK
    if not hits:
        out.write("No match.\n")
    for hit in hits:
        date = hit.date.iso() if hit.date else "undated"
        kind = "note " if hit.kind == "note" else ""
        snippet = "".join(f"[{text}]" if marked else text for text, marked in hit.snippet_spans())
        out.write(f"{hit.score:7.2f}  {date:10}  {kind}{hit.title}  [{hit.article_id}]\n")
        details = " · ".join(part for part in (hit.source, snippet) if part)
        out.write(f"         {details}\n")
    return EXIT_OK
