"""`dipreader notes export|import`: move or merge highlights and notes as Markdown, JSON or W3C."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from dipreader import paths
from dipreader.sources.files import load_corpus


def register_notes_commands(commands: Any, add_common: Any) -> None:
    notes = commands.add_parser("notes", help="export or import highlights and notes")
    add_common(notes)
    actions = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    export = actions.add_parser("export", help="print every annotation")
    add_common(export)
    export.add_argument("--format", choices=["md", "json", "w3c"], default="md")
    export.set_defaults(handler=command_notes_export)

    importer = actions.add_parser("import", help="merge annotations from a JSON or W3C file")
    add_common(importer)
    importer.add_argument("file", metavar="FILE", help="a file written by 'notes export'")
    importer.set_defaults(handler=command_notes_import)


def _open_store(args: argparse.Namespace) -> Any:
    from dipreader.store import Store

    store = Store.open(paths.store_path(paths.data_dir(args.data_dir)))
    for warning in store.warnings:
        print(f"dipreader: {warning}", file=sys.stderr)
    return store


def command_notes_export(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.core.notes_io import export_json, export_markdown, export_w3c
    from dipreader.store import StoreError

    try:
        store = _open_store(args)
    except StoreError as error:
        print(f"dipreader: {error}", file=sys.stderr)
        return 2
    try:
        annotations = store.annotations()
    finally:
        store.close()
    if args.format == "json":
        out.write(export_json(annotations))
    elif args.format == "w3c":
        out.write(export_w3c(annotations))
    else:
        corpus = load_corpus(paths.articles_dir(args.articles))
        titles = {article.id: article.title for article in corpus.articles}
        out.write(export_markdown(annotations, titles))
    return 0


def command_notes_import(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.core.notes_io import parse_import
    from dipreader.store import StoreError

    source = Path(args.file)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"dipreader: cannot read {source}: {error}", file=sys.stderr)
        return 2
    try:
        annotations = parse_import(text)
    except ValueError as error:
        print(f"dipreader: {source}: {error}", file=sys.stderr)
        return 2
    corpus = load_corpus(paths.articles_dir(args.articles))
    try:
        store = _open_store(args)
    except StoreError as error:
        print(f"dipreader: {error}", file=sys.stderr)
        return 2
    try:
        merged = store.merge_annotations(annotations)
        orphans = 0
        for article in corpus.articles:
            for annotation in store.reanchor(article.id, article.body, article.meta.content_hash):
                orphans += annotation.orphan
    except StoreError as error:
        print(f"dipreader: {error}", file=sys.stderr)
        return 2
    finally:
        store.close()
    out.write(f"{merged} annotation(s) imported or updated from {source}")
    out.write(f"; {orphans} could not be placed and are kept as orphans\n" if orphans else "\n")
    return 0
