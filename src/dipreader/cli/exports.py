"""`dipreader export obsidian|csl-json|bibtex|ris`: the library as an Obsidian vault or as citations."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dipreader.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    Subparsers,
    add_common_options,
    analysed,
    context_from_args,
    current_library,
    indexed,
    open_store,
)
from dipreader.core.library import Library
from dipreader.model.article import ArticleMeta

if TYPE_CHECKING:
    from dipreader.model.people import Person

CITATION_FORMATS = ("csl-json", "bibtex", "ris")


def register(commands: Subparsers) -> None:
    export = commands.add_parser("export", help="write an Obsidian vault, or print citations for Zotero")
    add_common_options(export)
    formats = export.add_subparsers(dest="export_format", metavar="FORMAT", required=True)

    vault = formats.add_parser(
        "obsidian",
        help="a vault folder: a note per article (with its highlights) and per person; re-run to update",
    )
    add_common_options(vault)
    vault.add_argument("folder", metavar="DIR", help="the vault (or a folder inside one); created if needed")
    vault.add_argument(
        "--overwrite-edited",
        action="store_true",
        help="also rewrite generated notes edited since they were written (notes you made stay untouched)",
    )
    vault.set_defaults(handler=command_export_obsidian)

    for name in CITATION_FORMATS:
        citations = formats.add_parser(name, help=f"print the articles as {name.upper()} citations")
        add_common_options(citations)
        citations.add_argument("ids", nargs="*", metavar="ID", help="article ids (default: all)")
        citations.set_defaults(handler=command_export_citations)


def chosen_articles(library: Library, ids: list[str]) -> Sequence[ArticleMeta]:
    """The articles with these ids, in the order given; every article when none are given."""
    if not ids:
        return library.articles
    missing = [identifier for identifier in ids if library.by_id(identifier) is None]
    if missing:
        raise CommandError(f"no such article: {', '.join(missing)}", EXIT_USAGE)
    return [meta for meta in map(library.by_id, ids) if meta is not None]


def command_export_citations(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.core.exports.citations import write_bibtex, write_csl_json, write_ris
    from dipreader.core.exports.records import ArticleRecord

    library = current_library(context_from_args(args))
    records = map(ArticleRecord.from_meta, chosen_articles(library, args.ids))
    writer = {"csl-json": write_csl_json, "bibtex": write_bibtex, "ris": write_ris}[args.export_format]

    def write(text: str) -> None:
        out.write(text)

    writer(write, records)
    return EXIT_OK


def command_export_obsidian(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.cli.views import people_reader
    from dipreader.core.exports.from_library import streamed_vault
    from dipreader.core.exports.obsidian import export_obsidian

    folder = Path(args.folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{folder} is not a folder", EXIT_USAGE)
    context = context_from_args(args)
    library = current_library(context)
    store = open_store(context)
    notes_count = sum(group.count for group in store.annotation_groups())
    indexer = indexed(context, library)
    # The who's-who from the persisted index, a person at a time; the analyses read as each
    # article's note is written: no record is held, only each note's path and a few fields.
    who = people_reader(context, library, indexer)
    articles_count = 0

    def outline() -> Iterator[ArticleMeta]:
        nonlocal articles_count
        articles_count = 0
        for meta in library.articles:
            if indexer.is_current(meta):
                articles_count += 1
                yield meta

    people_count = 0

    def people() -> Iterator[Person]:
        nonlocal people_count
        people_count = 0
        for person in who():
            people_count += 1
            yield person

    articles, records = streamed_vault(
        outline, lambda: analysed(context, library, indexer=indexer), context.knowledge, people
    )
    try:
        summary = export_obsidian(
            folder,
            articles,
            store.annotations,
            records,
            overwrite_edited=args.overwrite_edited,
            list_paths=False,
        )
    except OSError as error:
        raise CommandError(
            f"cannot write the vault in {folder}: {error.strerror or error}", EXIT_USAGE
        ) from None
    out.write(
        f"{folder}: {summary.written_count} note(s) written, {summary.unchanged_count} unchanged"
        f" ({articles_count} articles, {people_count} people, {notes_count} notes and highlights)\n"
    )
    for path in summary.skipped:
        out.write(f"skipped (edited since it was written; --overwrite-edited replaces it): {path}\n")
    return EXIT_OK
