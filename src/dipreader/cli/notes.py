"""`dipreader notes export|import`: move or merge highlights and notes as Markdown, JSON or W3C."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from dipreader.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    CommandError,
    Subparsers,
    add_common_options,
    context_from_args,
    current_library,
    json_writer,
    open_store,
    warn,
    write_line,
    write_text,
)


def register(commands: Subparsers) -> None:
    notes = commands.add_parser("notes", help="export or import highlights and notes")
    add_common_options(notes)
    actions = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    export = actions.add_parser("export", help="print every annotation")
    add_common_options(export)
    export.add_argument("--format", choices=["md", "json", "w3c"], default="md")
    export.set_defaults(handler=command_notes_export)

    importer = actions.add_parser("import", help="merge annotations from a JSON or W3C file")
    add_common_options(importer)
    importer.add_argument("file", metavar="FILE", help="a file written by 'notes export'")
    importer.set_defaults(handler=command_notes_import)


def command_notes_export(args: argparse.Namespace, out: TextIO) -> int:
    """Every note, streamed: read from the state file a page at a time, each written as it is read."""
    from dipreader.core.notes_io import write_json_export, write_w3c_export
    from dipreader.core.notes_reader import notes_of

    context = context_from_args(args)
    store = open_store(context)
    # The articles' titles (Markdown only): the folder is checked before anything is written.
    articles = current_library(context).articles if args.format == "md" else ()
    with notes_of(store) as notes:
        if args.format == "json":
            write_json_export(json_writer(out), notes.ordered())
        elif args.format == "w3c":
            write_w3c_export(json_writer(out), notes.ordered(), notes.count())
        else:
            from dipreader.core.exports.notes_markdown import write_notes_markdown
            from dipreader.core.exports.records import ArticleRecord

            records = (ArticleRecord.from_meta(meta) for meta in articles)
            write_notes_markdown(lambda text: write_text(out, text), notes, records)
    return EXIT_OK


def command_notes_import(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.core.annotations import import_annotations
    from dipreader.core.notes_io import read_import

    source = Path(args.file)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"cannot read {source}: {error}", EXIT_USAGE) from None
    try:
        found = read_import(text)
    except ValueError as error:
        raise CommandError(f"{source}: {error}", EXIT_USAGE) from None
    for _number, reason in found.rejected:
        warn(f"{source}: {reason}: not imported")
    if not found.annotations and found.rejected:
        raise CommandError(f"{source}: no annotation could be imported", EXIT_USAGE)
    context = context_from_args(args)
    store = open_store(context, writing=True)
    merged, orphans = import_annotations(store, found.annotations, current_library(context))
    placed = f"; {orphans} could not be placed and are kept as orphans" if orphans else ""
    rejected = f"; {len(found.rejected)} rejected" if found.rejected else ""
    write_line(out, f"{merged} annotation(s) imported or updated from {source}{placed}{rejected}")
    return EXIT_PROBLEMS if found.rejected else EXIT_OK
