"""`dipreader correct`: the reader's corrections (C on an official) from the command line."""

from __future__ import annotations

import argparse
from typing import TextIO

from dipreader.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    CommandError,
    Subparsers,
    add_common_options,
    context_from_args,
    current_library,
    print_json,
    write_line,
)
from dipreader.model.corrections import COUNTRY, MERGE, ROLE, SPLIT, Correction, country_name, qualified_name


def register(commands: Subparsers) -> None:
    correct = commands.add_parser(
        "correct", help="correct an official: not a person, role, country, merge, split (knowledge.yaml)"
    )
    add_common_options(correct)
    actions = correct.add_subparsers(dest="correct_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str, *values: tuple[str, str]) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
        add_common_options(parser)
        parser.add_argument("name", metavar="NAME", help="the person as `entities` or `who` names them")
        for metavar, value_help in values:
            parser.add_argument(metavar.lower(), metavar=metavar, help=value_help)
        parser.add_argument("--article", metavar="ID", help="only in this article (default: every article)")
        parser.set_defaults(handler=command_correct, kind=name.replace("-", "_"))
        return parser

    action("not-person", "the name is not a person")
    action("role", "the person's role", ("ROLE", "the role as it should read"))
    action("country", "the person's country", ("COUNTRY", "the country the person serves"))
    action("merge", "the person is the same as another", ("INTO", "the name of the other person"))
    split = action("split", "in one article (--article), the name is someone else")
    split.add_argument(
        "--as", dest="qualifier", metavar="TEXT", help="what tells them apart (default: the article id)"
    )

    listing = actions.add_parser("list", help="the corrections in force")
    add_common_options(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=command_correct_list)

    undo = actions.add_parser("undo", help="remove the latest correction")
    add_common_options(undo)
    undo.set_defaults(handler=command_correct_undo)


def correction_from_args(args: argparse.Namespace) -> Correction:
    """The correction the arguments say (a CommandError when they say none)."""
    kind: str = args.kind
    value = {ROLE: getattr(args, "role", None), COUNTRY: getattr(args, "country", None)}.get(kind)
    if kind == COUNTRY:
        value = country_name(value or "")
    if kind == MERGE:
        value = args.into
    if kind == SPLIT:
        if not args.article:
            raise CommandError("correct split: --article ID says which article's person is someone else")
        value = qualified_name(args.name, args.qualifier or args.article)
    try:
        return Correction(kind, " ".join(args.name.split()), args.article, value)
    except ValueError as error:
        raise CommandError(f"correct {kind.replace('_', '-')}: {error}") from None


def command_correct(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.core.corrections import CorrectionError, apply_correction

    context = context_from_args(args)
    correction = correction_from_args(args)
    if correction.article is not None and current_library(context).by_id(correction.article) is None:
        raise CommandError(f"no article {correction.article!r} in {context.articles_dir}")
    try:
        apply_correction(context, correction)
    except CorrectionError as error:
        raise CommandError(str(error), EXIT_PROBLEMS) from None
    write_line(out, f"Saved in {context.user_knowledge_file}: {correction.describe()}")
    return EXIT_OK


def command_correct_list(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.core.corrections import CorrectionError, correction_record, user_corrections

    context = context_from_args(args)
    try:
        corrections = user_corrections(context.user_knowledge_file)
    except CorrectionError as error:
        raise CommandError(str(error), EXIT_PROBLEMS) from None
    if args.json:
        print_json([correction_record(item) for item in corrections.items], out)
    else:
        for item in corrections.items:
            write_line(out, item.describe())
    return EXIT_OK


def command_correct_undo(args: argparse.Namespace, out: TextIO) -> int:
    from dipreader.core.corrections import CorrectionError, undo_last_correction

    context = context_from_args(args)
    try:
        removed = undo_last_correction(context)
    except CorrectionError as error:
        raise CommandError(str(error), EXIT_PROBLEMS) from None
    write_line(out, f"Removed: {removed.describe()}" if removed else "No corrections to remove")
    return EXIT_OK
