"""`dipreader entities`, `chronology` and `who`: the app's views of the library, for scripts."""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from dipreader.cli.common import (
    EXIT_OK,
    CommandError,
    Subparsers,
    add_command,
    analysed,
    context_from_args,
    current_library,
    print_json,
    write_text,
)
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import ArticleMeta


def register(commands: Subparsers) -> None:
    entities = add_command(commands, "entities", "officials and sectors of articles", command_entities)
    entities.add_argument("ids", nargs="*", metavar="ID", help="article ids (default: all)")
    entities.add_argument("--json", action="store_true", help="print JSON (the default)")

    chronology = add_command(commands, "chronology", "dated events across the articles", command_chronology)
    form = chronology.add_mutually_exclusive_group()
    form.add_argument("--json", dest="format", action="store_const", const="json")
    form.add_argument("--csv", dest="format", action="store_const", const="csv")
    form.add_argument("--md", dest="format", action="store_const", const="md")
    chronology.set_defaults(format="json")

    who = add_command(commands, "who", "the people in the articles", command_who)
    who.add_argument("--json", action="store_true", help="print JSON (the default)")


def entity_records(pairs: Iterable[tuple[ArticleMeta, ArticleAnalysis]]) -> list[dict[str, object]]:
    from dipreader.core.relations import article_pairs
    from dipreader.extract.pairs import pairs_fields
    from dipreader.model.people import name_parts_record

    return [
        {
            "article": meta.id,
            "title": meta.title,
            "date": meta.date.iso() if meta.date else None,
            "date_basis": meta.date_basis,
            "officials": [
                {
                    "name": m.name,
                    "surface": m.surface,
                    "start": m.start,
                    "end": m.end,
                    "role": m.role,
                    "country": m.country,
                    "country_basis": m.country_basis,
                    "name_parts": name_parts_record(m.name_parts),
                }
                for m in analysis.entities.officials
            ],
            "sectors": [
                {"sector": m.sector, "surface": m.surface, "start": m.start, "end": m.end}
                for m in analysis.entities.sectors
            ],
            **pairs_fields(article_pairs(meta, analysis)),
        }
        for meta, analysis in pairs
    ]


def command_entities(args: argparse.Namespace, out: TextIO) -> int:
    context = context_from_args(args)
    library = current_library(context)
    chosen: list[ArticleMeta] | None = None
    if args.ids:
        missing = [identifier for identifier in args.ids if library.by_id(identifier) is None]
        if missing:
            raise CommandError(f"no such article: {', '.join(missing)}")
        chosen = [meta for meta in map(library.by_id, args.ids) if meta is not None]
    print_json(entity_records(analysed(context, library, chosen)), out)
    return EXIT_OK


def chronology_markdown(records: Sequence[dict[str, Any]]) -> str:
    lines = ["# Chronology", ""]
    year = None
    for record in records:
        record_year = str(record["date"])[:4]
        if record_year != year:
            if year is not None:
                lines.append("")
            year = record_year
            lines += [f"## {year}", ""]
        sources = ", ".join(source["article"] for source in record.get("sources", [])) or str(
            record["article"]
        )
        until = f"/{record['end_date']}" if record.get("end_date") else ""
        planned = " (planned)" if record.get("status") == "planned" else ""
        lines.append(f"- **{record['date']}{until}**{planned} {record['text']} _({sources})_")
    return "\n".join(lines) + "\n"


def command_chronology(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.model.chronology import chronology_records, merge_events

    context = context_from_args(args)
    library = current_library(context)
    events = [event for _, analysis in analysed(context, library) for event in analysis.events]
    records = chronology_records(merge_events(events))
    if args.format == "json":
        print_json(records, out)
    elif args.format == "md":
        write_text(out, chronology_markdown(records))
    else:
        fields = ["date", "precision", "expression", "text", "article", "start", "end"]
        table = io.StringIO()
        writer = csv.DictWriter(table, fieldnames=fields, extrasaction="ignore", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(records)
        write_text(out, table.getvalue())
    return EXIT_OK


def command_who(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.model.people import build_people, who_records

    context = context_from_args(args)
    library = current_library(context)
    known = frozenset(person.name for person in context.knowledge.people)
    people = build_people(
        (
            (meta, analysis.entities, analysis.paragraph_starts)
            for meta, analysis in analysed(context, library)
        ),
        known_names=known,
    )
    print_json(who_records(people), out)
    return EXIT_OK
