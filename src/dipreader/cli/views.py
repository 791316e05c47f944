"""Subcommands that print the app's views: entities, chronology, who's-who and notes."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from dipreader import paths
from dipreader.cache.analysis import AnalysisCache
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import Article
from dipreader.sources.files import Corpus, load_corpus

AddOptions = Callable[[argparse.ArgumentParser], None]


def register_view_commands(commands: Any, add_common: AddOptions) -> None:
    entities = commands.add_parser("entities", help="officials and sectors of articles")
    add_common(entities)
    entities.add_argument("ids", nargs="*", metavar="ID", help="article ids (default: all)")
    entities.add_argument("--json", action="store_true", help="print JSON (the default)")
    entities.set_defaults(handler=command_entities)

    chronology = commands.add_parser("chronology", help="dated events across the articles")
    add_common(chronology)
    form = chronology.add_mutually_exclusive_group()
    form.add_argument("--json", dest="format", action="store_const", const="json")
    form.add_argument("--csv", dest="format", action="store_const", const="csv")
    form.add_argument("--md", dest="format", action="store_const", const="md")
    chronology.set_defaults(handler=command_chronology, format="json")

    who = commands.add_parser("who", help="the people in the articles")
    add_common(who)
    who.add_argument("--json", action="store_true", help="print JSON (the default)")
    who.set_defaults(handler=command_who)

    from dipreader.cli.notes import register_notes_commands

    register_notes_commands(commands, add_common)


def _corpus(args: argparse.Namespace) -> Corpus:
    return load_corpus(paths.articles_dir(args.articles))


def analyse_corpus(
    args: argparse.Namespace, articles: Sequence[Article] | None = None
) -> list[tuple[Article, ArticleAnalysis]]:
    """Every article with its analysis, using the on-disk cache of the data dir."""
    from dipreader.model.knowledge import load_knowledge

    config = paths.config_dir()
    user_file = paths.user_knowledge_path(config)
    knowledge = load_knowledge(user_file if user_file.exists() else None)
    for problem in knowledge.problems:
        print(f"dipreader: {problem}", file=sys.stderr)
    if articles is None:
        articles = _corpus(args).articles
    cache_file: Path | None = paths.cache_dir(paths.data_dir(args.data_dir)) / "analysis.sqlite3"
    salt = ""
    if user_file.exists():
        import hashlib

        salt = hashlib.sha256(user_file.read_bytes()).hexdigest()
    cache = AnalysisCache(cache_file, knowledge, salt)
    try:
        return [(article, cache.get(article)) for article in articles]
    finally:
        cache.close()


def entity_records(pairs: Sequence[tuple[Article, ArticleAnalysis]]) -> list[dict[str, object]]:
    return [
        {
            "article": article.id,
            "title": article.title,
            "date": article.date.iso() if article.date else None,
            "date_basis": article.meta.date_basis,
            "officials": [
                {
                    "name": m.name,
                    "surface": m.surface,
                    "start": m.start,
                    "end": m.end,
                    "role": m.role,
                    "country": m.country,
                }
                for m in analysis.entities.officials
            ],
            "sectors": [
                {"sector": m.sector, "surface": m.surface, "start": m.start, "end": m.end}
                for m in analysis.entities.sectors
            ],
        }
        for article, analysis in pairs
    ]


def command_entities(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.cli import print_json

    corpus = _corpus(args)
    chosen = list(corpus.articles)
    if args.ids:
        by_id = {article.id: article for article in corpus.articles}
        missing = [identifier for identifier in args.ids if identifier not in by_id]
        if missing:
            print(f"dipreader: no such article: {', '.join(missing)}", file=sys.stderr)
            return 2
        chosen = [by_id[identifier] for identifier in args.ids]
    print_json(entity_records(analyse_corpus(args, chosen)), out)
    return 0


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
    from dipreader.cli import print_json
    from dipreader.model.chronology import chronology_records, merge_events

    pairs = analyse_corpus(args)
    events = [event for _, analysis in pairs for event in analysis.events]
    records = chronology_records(merge_events(events))
    if args.format == "json":
        print_json(records, out)
    elif args.format == "md":
        out.write(chronology_markdown(records))
    else:
        buffer = io.StringIO()
        fields = ["date", "precision", "expression", "text", "article", "start", "end"]
        writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(records)
        out.write(buffer.getvalue())
    return 0


def command_who(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.cli import print_json
    from dipreader.model.people import build_people, who_records

    pairs = analyse_corpus(args)
    people = build_people((article.meta, analysis.entities, article.body) for article, analysis in pairs)
    print_json(who_records(people), out)
    return 0
