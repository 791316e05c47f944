"""`dipreader entities`, `chronology` and `who`: the app's views of the library, as tables or for scripts.

Each writes its rows as they are made: articles and their analyses are read one at a time from the
cache, and the chronology's entries and the who's-who are read in order, one at a time, from the
persisted index the app keeps (`core.chronology_stream`, `core.people_stream`).
"""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dipreader.cli.common import (
    EXIT_OK,
    CommandError,
    Subparsers,
    add_command,
    analysed,
    context_from_args,
    current_library,
    indexed,
    print_json_items,
    say_if_empty,
    write_text,
)
from dipreader.cli.table import Column, Table, fit, terminal_width
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import ArticleMeta

if TYPE_CHECKING:
    from dipreader.core.context import Context
    from dipreader.core.indexer import Indexer
    from dipreader.core.library import Library
    from dipreader.model.chronology import ChronologyEntry
    from dipreader.model.knowledge import Knowledge
    from dipreader.model.people import Person

CHRONOLOGY_CSV_FIELDS = ("date", "precision", "expression", "text", "article", "start", "end", "status")
"""`status` says whether the event had happened when the article was written (`past`), was
`planned` or `ongoing`."""


def register(commands: Subparsers) -> None:
    entities = add_command(commands, "entities", "officials and sectors of articles", command_entities)
    entities.add_argument("ids", nargs="*", metavar="ID", help="article ids (default: all)")
    entities.add_argument("--json", action="store_true", help="print JSON (default: a table)")

    chronology = add_command(commands, "chronology", "dated events across the articles", command_chronology)
    form = chronology.add_mutually_exclusive_group()
    form.add_argument(
        "--json", dest="format", action="store_const", const="json", help="print JSON (default: a table)"
    )
    form.add_argument("--csv", dest="format", action="store_const", const="csv", help="print CSV")
    form.add_argument("--md", dest="format", action="store_const", const="md", help="print Markdown")
    chronology.set_defaults(format="table")

    who = add_command(commands, "who", "the people in the articles", command_who)
    who.add_argument("--json", action="store_true", help="print JSON (default: a table)")


# entities


def entity_record(meta: ArticleMeta, analysis: ArticleAnalysis) -> dict[str, object]:
    """One article's `entities --json` record: its officials, sectors and pairs."""
    from dipreader.core.relations import article_pairs
    from dipreader.extract.pairs import pairs_fields
    from dipreader.model.people import name_parts_record

    return {
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


def entity_records(pairs: Iterable[tuple[ArticleMeta, ArticleAnalysis]]) -> Iterator[dict[str, object]]:
    return (entity_record(meta, analysis) for meta, analysis in pairs)


def command_entities(args: argparse.Namespace, out: TextIO) -> int:
    context = context_from_args(args)
    library = current_library(context)
    say_if_empty(library)
    chosen: list[ArticleMeta] | None = None
    if args.ids:
        missing = [identifier for identifier in args.ids if library.by_id(identifier) is None]
        if missing:
            raise CommandError(f"no such article: {', '.join(missing)}")
        chosen = [meta for meta in map(library.by_id, args.ids) if meta is not None]
    found = analysed(context, library, chosen)
    if args.json:
        print_json_items(entity_records(found), out)
    else:
        write_entities_table(found, context.knowledge, out)
    return EXIT_OK


def _officials_rows(analysis: ArticleAnalysis) -> list[tuple[str, str, str, int]]:
    """(name, first role stated, first country read, mentions) per official, in order of first mention."""
    roles: dict[str, str] = {}
    countries: dict[str, str] = {}
    mentions: dict[str, int] = {}
    for mention in analysis.entities.officials:
        name = mention.name
        mentions[name] = mentions.get(name, 0) + 1
        roles[name] = roles.get(name) or " ".join((mention.role or "").split())
        countries[name] = countries.get(name) or mention.country or ""
    return [(name, roles[name], countries[name], count) for name, count in mentions.items()]


def _sectors_line(analysis: ArticleAnalysis, knowledge: Knowledge) -> str:
    counts: dict[str, int] = {}
    for mention in analysis.entities.sectors:
        counts[mention.sector] = counts.get(mention.sector, 0) + 1

    def label(key: str) -> str:
        sector = knowledge.sector(key)
        return sector.label if sector is not None else key

    return ", ".join(f"{label(key)} ({count})" for key, count in counts.items())


def write_entities_table(
    found: Iterable[tuple[ArticleMeta, ArticleAnalysis]], knowledge: Knowledge, out: TextIO
) -> None:
    """A block per article: its date, title and id, then a row per official and a line of sectors."""
    from dipreader.core.relations import article_pairs
    from dipreader.extract.pairs import pair_label

    width = terminal_width(out)
    table = Table(
        (
            Column("NAME", 14, share=3),
            Column("ROLE", 12, share=4),
            Column("COUNTRY", 10, share=1),
            Column("MENTIONS", 8, right=True),
        ),
        width,
        indent="  ",
    )
    articles = officials = 0
    for meta, analysis in found:
        table.write_header(out)
        articles += 1
        pairs = ", ".join(pair_label(pair) for pair in article_pairs(meta, analysis).pairs)
        date = meta.date.iso() if meta.date else "undated"
        about = f"  ({pairs})" if pairs else ""
        out.write("\n" + fit(f"{date}  {meta.title}  [{meta.id}]{about}", width) + "\n")
        rows = _officials_rows(analysis)
        officials += len(rows)
        for name, role, country, count in rows:
            table.write_row(out, (name, role or "—", country or "—", str(count)))
        if not rows:
            out.write(fit("  no official named", width) + "\n")
        sectors = _sectors_line(analysis, knowledge)
        out.write(fit(f"  sectors: {sectors or 'none named'}", width) + "\n")
    out.write(f"\n{officials} official(s) in {articles} article(s)\n" if articles else "No article.\n")


# chronology


def chronology_entries(context: Context, library: Library) -> Iterator[ChronologyEntry]:
    """Every dated event of the library merged across articles, by date, in bounded memory: the
    persisted index's entries, the index brought in step first (as the app reads them); merged
    here from the analyses, sorted on disk, when the index cannot be kept or read."""
    from dipreader.core.chronology_stream import indexed_chronology, merged_chronology

    indexer = indexed(context, library)
    path = _index_in_step(context, library)
    entries = indexed_chronology(path) if path is not None else None
    if entries is not None:
        return entries
    analyses = analysed(context, library, indexer=indexer)
    return merged_chronology(event for _, analysis in analyses for event in analysis.events)


def _index_in_step(context: Context, library: Library) -> Path | None:
    """The persisted index file, in step with the library (every article analysed already); None
    when it cannot be kept on disk."""
    from dipreader.core.builds import CachedAnalyses, LibraryIndex

    known = frozenset(person.name for person in context.knowledge.people)
    return LibraryIndex(library, CachedAnalyses(context.analysis_cache), known).index_file()


def chronology_record(entry: ChronologyEntry) -> dict[str, object]:
    from dipreader.model.chronology import chronology_records

    return chronology_records([entry])[0]


def markdown_lines(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The Markdown chronology, a line at a time: a section per year, an item per event."""
    yield "# Chronology"
    yield ""
    year = None
    for record in records:
        record_year = str(record["date"])[:4]
        if record_year != year:
            if year is not None:
                yield ""
            year = record_year
            yield f"## {year}"
            yield ""
        sources = ", ".join(source["article"] for source in record.get("sources", [])) or str(
            record["article"]
        )
        until = f"/{record['end_date']}" if record.get("end_date") else ""
        planned = " (planned)" if record.get("status") == "planned" else ""
        yield f"- **{record['date']}{until}**{planned} {record['text']} _({sources})_"


def chronology_markdown(records: Sequence[dict[str, Any]]) -> str:
    return "".join(line + "\n" for line in markdown_lines(records))


def write_chronology_csv(records: Iterable[dict[str, object]], out: TextIO) -> None:
    """One row per event, with its status (past, planned, ongoing), written as each comes."""
    row = io.StringIO()
    writer = csv.DictWriter(
        row, fieldnames=CHRONOLOGY_CSV_FIELDS, extrasaction="ignore", lineterminator="\r\n"
    )
    writer.writeheader()
    for record in records:
        writer.writerow(record)
        write_text(out, row.getvalue())
        row.seek(0)
        row.truncate()
    write_text(out, row.getvalue())


def write_chronology_table(entries: Iterable[ChronologyEntry], out: TextIO) -> None:
    from dipreader.core.timeline import span_label

    table = Table(
        (
            Column("DATE", 19),
            Column("STATUS", 8),
            Column("EVENT", 20, share=4),
            Column("REPORTED BY", 12, share=1),
        ),
        terminal_width(out),
    )
    count = 0
    for entry in entries:
        count += 1
        articles = entry.articles
        sources = articles[0] if len(articles) == 1 else f"{articles[0]} +{len(articles) - 1}"
        table.write_row(out, (span_label(entry.date, entry.end_date), entry.status, entry.text, sources))
    out.write(f"\n{count} event(s)\n" if count else "No dated event.\n")


def command_chronology(args: argparse.Namespace, out: TextIO) -> int:
    context = context_from_args(args)
    library = current_library(context)
    say_if_empty(library)
    entries = chronology_entries(context, library)
    if args.format == "json":
        print_json_items(map(chronology_record, entries), out)
    elif args.format == "md":
        for line in markdown_lines(map(chronology_record, entries)):
            write_text(out, line + "\n")
    elif args.format == "csv":
        write_chronology_csv(map(chronology_record, entries), out)
    else:
        write_chronology_table(entries, out)
    return EXIT_OK


# who


def people_of(context: Context, library: Library, indexer: Indexer | None = None) -> Iterator[Person]:
    """The who's-who as the app reads it, a person at a time: from the persisted index, brought in
    step with the library first (only articles added or changed since are read); built from the
    analyses when the index cannot be kept on disk. The library is indexed first unless `indexer`
    did it."""
    from dipreader.core.builds import CachedAnalyses, PeopleBuilder
    from dipreader.core.people_stream import streamed_people

    if indexer is None:
        indexed(context, library)
    path = _index_in_step(context, library)
    people = streamed_people(path) if path is not None else None
    if people is not None:
        return people
    known = frozenset(person.name for person in context.knowledge.people)
    return iter(CachedAnalyses(context.analysis_cache).build(PeopleBuilder(known), library))


def people_reader(
    context: Context, library: Library, indexer: Indexer | None = None
) -> Callable[[], Iterator[Person]]:
    """`people_of` to read as many times as needed, each time a person at a time from the persisted
    index (brought in step once); when the index cannot be kept on disk, built once and held."""
    from dipreader.core.builds import CachedAnalyses, PeopleBuilder
    from dipreader.core.people_stream import streamed_people

    if indexer is None:
        indexed(context, library)
    path = _index_in_step(context, library)
    built: list[Person] = []

    def read() -> Iterator[Person]:
        people = streamed_people(path) if path is not None else None
        if people is not None:
            return people
        if not built:
            known = frozenset(person.name for person in context.knowledge.people)
            built.extend(CachedAnalyses(context.analysis_cache).build(PeopleBuilder(known), library))
        return iter(built)

    return read


def who_record(person: Person) -> dict[str, object]:
    from dipreader.model.people import who_records

    return who_records([person])[0]


def write_who_table(people: Iterable[Person], out: TextIO) -> None:
    table = Table(
        (
            Column("NAME", 16, share=3),
            Column("ROLE", 12, share=4),
            Column("COUNTRY", 10, share=1),
            Column("MENTIONS", 8, right=True),
            Column("ARTICLES", 8, right=True),
        ),
        terminal_width(out),
    )
    count = 0
    for person in people:
        count += 1
        role, country = person.latest_role or "—", person.country or "—"
        table.write_row(
            out, (person.name, role, country, str(person.mention_count), str(len(person.articles)))
        )
    out.write(f"\n{count} people\n" if count else "No person named.\n")


def command_who(args: argparse.Namespace, out: TextIO) -> int:
    context = context_from_args(args)
    library = current_library(context)
    say_if_empty(library)
    people = people_of(context, library)
    if args.json:
        print_json_items(map(who_record, people), out)
    else:
        write_who_table(people, out)
    return EXIT_OK
