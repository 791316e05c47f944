"""`dipreader config path|show`: where the settings file is, and the settings in force."""

from __future__ import annotations

import argparse
from typing import TextIO

from dipreader.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    Subparsers,
    add_common_options,
    context_from_args,
    warn,
)


def register(commands: Subparsers) -> None:
    config = commands.add_parser("config", help="where the settings file is and what it sets")
    add_common_options(config)
    actions = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)

    path = actions.add_parser("path", help="print the settings file's path (it may not exist yet)")
    add_common_options(path)
    path.set_defaults(handler=command_config_path)

    show = actions.add_parser(
        "show", help="print the settings in force (the file's valid values, defaults for the rest)"
    )
    add_common_options(show)
    show.set_defaults(handler=command_config_show)


def command_config_path(args: argparse.Namespace, out: TextIO) -> int:
    out.write(f"{context_from_args(args).settings_path}\n")
    return EXIT_OK


def command_config_show(args: argparse.Namespace, out: TextIO) -> int:
    """The effective settings as YAML; each problem of the file on stderr, and exit 1 if any."""
    from dipreader.core.config import load_settings, settings_as_yaml
    from dipreader.model.knowledge import sector_keys

    context = context_from_args(args)
    settings, problems = load_settings(context.settings_path, known_sectors=sector_keys(context.knowledge))
    for problem in problems:
        warn(problem)
    out.write(f"# {context.settings_path}{'' if context.settings_path.exists() else ' (not created yet)'}\n")
    out.write(settings_as_yaml(settings))
    return EXIT_PROBLEMS if problems else EXIT_OK
