"""`dipreader relations [PAIR]`: each relationship's figures as JSON, CSV, or a one-page Markdown brief."""

from __future__ import annotations

import argparse
import csv
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from dipreader.cli.common import (
    EXIT_OK,
    CommandError,
    Subparsers,
    add_command,
    context_from_args,
    current_library,
    indexed,
    open_store,
    print_json,
    write_text,
)

if TYPE_CHECKING:
    from dipreader.core.context import Context
    from dipreader.core.library import Library
    from dipreader.core.pair_figures import PairFigures, PairSummary
    from dipreader.core.relations import RelationsSource
    from dipreader.extract.pairs import Pair

CSV_FIELDS = ("pair", "figure", "period", "key", "value", "detail")


def register(commands: Subparsers) -> None:
    relations = add_command(
        commands, "relations", "each bilateral relationship: contacts, sectors, people", command_relations
    )
    relations.add_argument("pair", nargs="?", metavar="PAIR", help='two countries, like "Azerbaijan-Italy"')
    form = relations.add_mutually_exclusive_group()
    form.add_argument(
        "--json",
        dest="format",
        action="store_const",
        const="json",
        help="JSON (default: a table of the pairs; with PAIR, its brief)",
    )
    form.add_argument("--csv", dest="format", action="store_const", const="csv", help="CSV, one figure a row")
    form.add_argument("--md", dest="format", action="store_const", const="md", help="a Markdown brief")
    relations.add_argument(
        "--period", choices=("year", "month"), default="year", help="count contacts per year or per month"
    )
    relations.set_defaults(format="table")  # the pairs as a table; one pair as its brief


def _chosen_pair(text: str, relations: RelationsSource) -> Pair:
    from dipreader.extract.pairs import pair_label, parse_pair

    pair = parse_pair(text)
    if pair is None:
        raise CommandError(f"not a pair of countries: {text!r} (write it like Azerbaijan-Italy)")
    if relations.get(pair) is None:
        raise CommandError(f"no article is about {pair_label(pair)}")
    return pair


def command_relations(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.core.relations_index import IndexedRelations

    context = context_from_args(args)
    library = current_library(context)
    relations = relations_of(context, library)
    try:
        return _write_relations(args, relations, open_store(context).read_ids(), out)
    finally:
        if isinstance(relations, IndexedRelations):
            relations.close()


def relations_of(context: Context, library: Library) -> RelationsSource:
    """The Relations as the app reads them: from the persisted index, brought in step with the
    library first, a pair read when asked for; built whole when the index cannot be kept on disk."""
    from dipreader.core.builds import CachedAnalyses, LibraryIndex
    from dipreader.core.relations import build_relations

    indexer = indexed(context, library)
    known = frozenset(person.name for person in context.knowledge.people)
    found = LibraryIndex(library, CachedAnalyses(context.analysis_cache), known).indexed_relations()
    if found is not None:
        return found
    analysed = ((meta, analysis) for meta in library.articles if (analysis := indexer.analysis_of(meta)))
    return build_relations(analysed, known)


def _write_relations(
    args: argparse.Namespace, relations: RelationsSource, read: set[str], out: TextIO
) -> int:
    from dipreader.core.pair_figures import figures_record, pair_figures, pair_summaries

    if args.pair:
        pairs = [_chosen_pair(args.pair, relations)]
    else:
        pairs = [summary.pair for summary in pair_summaries(relations, read)]
    figures = [pair_figures(data, read, args.period) for pair in pairs if (data := relations.get(pair))]
    if args.format == "json":
        records = [figures_record(one) for one in figures]
        print_json(records[0] if args.pair else records, out)
    elif args.format == "csv":
        write_csv(figures, out)
    elif args.pair:
        write_text(out, brief_markdown(figures[0]))
    elif args.format == "md":
        write_text(out, overview_markdown([one.summary for one in figures]))
    else:
        write_overview_table([one.summary for one in figures], out)
    return EXIT_OK


def write_overview_table(summaries: Sequence[PairSummary], out: TextIO) -> None:
    """A row per pair: its articles, unread ones, dated contacts and the span of its articles."""
    from dipreader.cli.table import Column, Table, terminal_width

    table = Table(
        (
            Column("PAIR", 16, share=1),
            Column("ARTICLES", 8, right=True),
            Column("UNREAD", 6, right=True),
            Column("CONTACTS", 8, right=True),
            Column("FIRST – LAST", 16, share=1),
        ),
        terminal_width(out),
    )
    for summary in summaries:
        table.write_row(
            out,
            (
                summary.label,
                str(summary.articles),
                str(summary.unread),
                str(summary.contacts),
                _date(summary),
            ),
        )
    out.write(f"\n{len(summaries)} pair(s)\n" if summaries else "No article is about two countries.\n")


def write_csv(figures: Sequence[PairFigures], out: TextIO) -> None:
    """One row per number: summaries, contacts per period and level, sectors per year, people, milestones."""
    from dipreader.core.pair_figures import busiest
    from dipreader.extract.levels import LEVELS

    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for one in figures:
        summary, label = one.summary, one.summary.label
        for key, value in (
            ("articles", summary.articles),
            ("unread", summary.unread),
            ("contacts", summary.contacts),
            ("first", summary.first.iso() if summary.first else ""),
            ("last", summary.last.iso() if summary.last else ""),
        ):
            writer.writerow((label, "summary", "", key, value, ""))
        for row in busiest(one.contacts):
            for level, count in zip(LEVELS, row.counts, strict=True):
                writer.writerow((label, "contacts", row.period, level, count, ""))
        for sector, counts in one.sectors.rows:
            for year, count in zip(one.sectors.years, counts, strict=True):
                if count:
                    writer.writerow((label, "sectors", year, sector, count, ""))
        for country, people in one.sides:
            for person in people:
                then = "; ".join(
                    f"{role.title} ({role.date.iso() if role.date else 'undated'})"
                    for role in person.roles_then
                )
                writer.writerow(
                    (label, "person", "", country, person.name, f"then: {then}; now: {person.role_now}")
                )
        for milestone in one.milestones:
            writer.writerow(
                (label, "milestone", milestone.date.iso(), milestone.kind, milestone.status, milestone.text)
            )


def _date(summary: PairSummary) -> str:
    if summary.first is not None and summary.first == summary.last:
        return summary.first.label()
    first = summary.first.label() if summary.first else "—"
    last = summary.last.label() if summary.last else "—"
    return f"{first} – {last}"


def overview_markdown(summaries: Sequence[PairSummary]) -> str:
    lines = [
        "# Relations",
        "",
        "| Pair | Articles | Unread | Contacts | First – last |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    lines += [f"| {s.label} | {s.articles} | {s.unread} | {s.contacts} | {_date(s)} |" for s in summaries]
    return "\n".join(lines) + "\n"


def brief_markdown(figures: PairFigures) -> str:
    """A one-page brief of one relationship: the figures as short tables and lists."""
    from dipreader.core.pair_figures import busiest, distinct_roles
    from dipreader.core.timeline import span_label
    from dipreader.extract.levels import LEVEL_LABELS, LEVELS

    summary = figures.summary
    lines = [f"# {summary.label}", ""]
    lines.append(
        f"{summary.articles} article(s), {summary.unread} unread · "
        f"{summary.contacts} dated contacts and events · {_date(summary)}"
    )
    lines += ["", f"## Contacts by level, per {figures.period}", ""]
    rows = list(busiest(figures.contacts))
    if rows:
        lines.append(
            "| "
            + " | ".join([figures.period.title(), *(LEVEL_LABELS[level] for level in LEVELS), "Total"])
            + " |"
        )
        lines.append("| --- |" + " ---: |" * (len(LEVELS) + 1))
        lines += [
            "| " + " | ".join([row.period, *map(str, row.counts), str(row.total)]) + " |" for row in rows
        ]
        if figures.less_precise:
            lines += ["", f"{figures.less_precise} more dated to the year only."]
    else:
        lines.append("No dated contact.")
    years = figures.sectors.years
    lines += ["", "## Sectors by year (articles naming each)", ""]
    if figures.sectors.rows:
        lines.append("| Sector | " + " | ".join(years) + " | Total |")
        lines.append("| --- |" + " ---: |" * (len(years) + 1))
        lines += [
            f"| {sector} | " + " | ".join(str(c) if c else "·" for c in counts) + f" | {sum(counts)} |"
            for sector, counts in figures.sectors.rows
        ]
    else:
        lines.append("No sector named.")
    lines += ["", "## People", ""]
    for country, people in figures.sides:
        lines.append(f"**{country}**" if people else f"**{country}**: nobody named")
        for person in people:
            roles = "; ".join(
                f"{title} ({date.label() if date else 'undated'})" for title, date in distinct_roles(person)
            )
            now = ""
            if person.role_now and person.role_now not in {title for title, _ in distinct_roles(person)}:
                now = f" — now {person.role_now}"
            lines.append(f"- {person.name}: {roles or 'role not stated'}{now} ({person.articles} article(s))")
        lines.append("")
    lines += ["## Agreements, declarations and planned events", ""]
    if figures.milestones:
        lines += [
            f"- **{span_label(m.date, m.end_date)}** {m.kind}: {m.text} _({m.article})_"
            for m in figures.milestones
        ]
    else:
        lines.append("None found.")
    return "\n".join(lines) + "\n"
