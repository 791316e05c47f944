"""`dipreader add`, `feeds` and `fetch`: articles from files, web pages, standard input and feeds."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dipreader.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    CommandError,
    Subparsers,
    add_command,
    context_from_args,
    print_json,
    warn,
    write_line,
    write_text,
)

if TYPE_CHECKING:
    from dipreader.core.context import Context
    from dipreader.sources.feeds import FeedFailure, FetchProgress


def register(commands: Subparsers) -> None:
    add = add_command(commands, "add", "add articles from files, URLs or standard input (-)", command_add)
    add.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="a .html/.htm/.md/.markdown/.txt file, a URL, or -"
    )
    add.add_argument("--title", help="the title (else the page's or the first line)")
    add.add_argument("--date", help="the date, YYYY[-MM[-DD]] (else the page's or the text's)")
    add.add_argument("--source", help="the outlet (else the page's or the agency credit)")
    add.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)")
    add.add_argument("--json", action="store_true", help="print JSON")

    feeds = add_command(
        commands, "feeds", "the feed list: add, list, remove, import, export", command_feeds_help
    )
    actions = feeds.add_subparsers(dest="feeds_command", metavar="ACTION")
    feed_add = add_command(actions, "add", "subscribe to an RSS or Atom feed", command_feeds_add)
    feed_add.add_argument("url", metavar="URL")
    feed_add.add_argument("--name", help="a short name (default: the host)")
    feed_add.add_argument("--tag", help="a tag for every article of the feed")
    feed_list = add_command(actions, "list", "list the feeds", command_feeds_list)
    feed_list.add_argument("--json", action="store_true", help="print JSON")
    feed_remove = add_command(actions, "remove", "unsubscribe", command_feeds_remove)
    feed_remove.add_argument("feed", metavar="NAME|URL")
    feed_import = add_command(
        actions, "import", "add the feeds of an OPML file (- for stdin)", command_feeds_import
    )
    feed_import.add_argument("file", metavar="FILE.opml")
    add_command(actions, "export", "print the feed list as OPML", command_feeds_export)

    fetch = add_command(commands, "fetch", "read the feeds and add every new item", command_fetch)
    fetch.add_argument("names", nargs="*", metavar="NAME", help="only these feeds (default: all)")
    fetch.add_argument("--json", action="store_true", help="print JSON")


def writable_library(context: Context) -> Path:
    """The articles folder, refused when it is the bundled samples (nothing is written into the package)."""
    from dipreader import paths

    folder = context.articles_dir
    if paths.is_bundled(folder):
        raise CommandError(
            f"{folder} is the bundled sample folder, which is never written to; "
            "choose a library with --articles DIR or leave it at its default"
        )
    return folder


def command_add(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.sources.draft import DraftError, Overrides
    from dipreader.sources.intake import add_sources

    try:
        overrides = Overrides.from_strings(args.title, args.date, args.source, args.tag)
    except DraftError as error:
        raise CommandError(str(error)) from None
    context = context_from_args(args)
    results = add_sources(args.sources, writable_library(context), overrides, stdin=sys.stdin)
    if args.json:
        print_json([result.as_dict() for result in results], out)
    else:
        for result in results:
            if result.status == "added":
                write_line(out, f"{result.id}")
            elif result.status == "duplicate":
                warn(f"{result.input}: nothing added, {result.reason}")
            else:
                warn(f"{result.input}: {result.reason}")
    return EXIT_PROBLEMS if any(result.status == "failed" for result in results) else EXIT_OK


def _feeds_file(args: argparse.Namespace) -> Path:
    from dipreader.sources.feeds import feeds_path

    return feeds_path(context_from_args(args).data_dir)


def command_feeds_help(args: argparse.Namespace, out: TextIO) -> int:
    raise CommandError("feeds needs an action: add, list, remove, import or export")


def command_feeds_add(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.sources.feeds import FeedListError, add_feed

    try:
        feed = add_feed(_feeds_file(args), args.url, args.name, args.tag)
    except FeedListError as error:
        raise CommandError(str(error)) from None
    write_line(out, f"added feed {feed.name}: {feed.url}")
    return EXIT_OK


def command_feeds_list(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.sources.feeds import FeedListError, list_feeds

    try:
        feeds = list_feeds(_feeds_file(args))
    except FeedListError as error:
        raise CommandError(str(error)) from None
    if args.json:
        print_json([{"name": feed.name, "url": feed.url, "tag": feed.tag} for feed in feeds], out)
        return EXIT_OK
    for feed in feeds:
        tag = f"  [{feed.tag}]" if feed.tag else ""
        write_line(out, f"{feed.name}  {feed.url}{tag}")
    if not feeds:
        warn("no feeds yet: dipreader feeds add URL, or feeds import FILE.opml")
    return EXIT_OK


def command_feeds_remove(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.sources.feeds import FeedListError, remove_feed

    try:
        feed = remove_feed(_feeds_file(args), args.feed)
    except FeedListError as error:
        raise CommandError(str(error)) from None
    write_line(out, f"removed feed {feed.name}: {feed.url}")
    return EXIT_OK


def command_feeds_import(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.sources.feeds import FeedListError, import_opml

    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).expanduser().read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {args.file}: {error.strerror or error}") from None
    try:
        report = import_opml(_feeds_file(args), data)
    except FeedListError as error:
        raise CommandError(f"{args.file}: {error}") from None
    for url, reason in report.skipped:
        warn(f"{url}: {reason}")
    write_line(out, f"{len(report.added)} feed(s) added, {len(report.skipped)} skipped")
    return EXIT_OK


def command_feeds_export(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.sources.feeds import FeedListError, export_opml

    try:
        write_text(out, export_opml(_feeds_file(args)))
    except FeedListError as error:
        raise CommandError(str(error)) from None
    return EXIT_OK


class ProgressBar:
    """One line on a terminal's standard error, redrawn in place; nothing at all when it is not a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._shown = stream.isatty()
        self._drawn = False

    def update(self, progress: FetchProgress) -> None:
        if not self._shown:
            return
        width = shutil.get_terminal_size((80, 24)).columns
        total = max(progress.total, progress.done, 1)
        cells = 24
        filled = round(cells * progress.done / total)
        counts = f" {progress.done}/{total} "
        line = f"[{'█' * filled}{'░' * (cells - filled)}]{counts}{progress.message}"
        self._stream.write("\r" + line[: width - 1].ljust(width - 1))
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            width = shutil.get_terminal_size((80, 24)).columns
            self._stream.write("\r" + " " * (width - 1) + "\r")
            self._stream.flush()


def _failure_record(failure: FeedFailure) -> dict[str, str | None]:
    return {"feed": failure.feed, "item": failure.item, "reason": failure.reason}


def command_fetch(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.sources.feeds import FeedListError, feeds_path, fetch_feeds

    context = context_from_args(args)
    library = writable_library(context)
    bar = ProgressBar(sys.stderr)
    try:
        summary = fetch_feeds(feeds_path(context.data_dir), library, args.names, progress=bar.update)
    except FeedListError as error:
        raise CommandError(str(error)) from None
    finally:
        bar.close()
    if args.json:
        print_json(
            {
                "feeds": summary.feeds,
                "not_modified": summary.not_modified,
                "added": summary.added,
                "duplicates": summary.duplicates,
                "failed": len(summary.failures),
                "results": [result.as_dict() for result in summary.results],
                "failures": [_failure_record(failure) for failure in summary.failures],
            },
            out,
        )
    else:
        for failure in summary.failures:
            warn(failure.line())
        write_line(out, summary.line())
    return EXIT_PROBLEMS if summary.failures else EXIT_OK
