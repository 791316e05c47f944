"""`dipreader serve`: the app in a web browser (textual-serve), on this machine only unless asked."""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path
from typing import TextIO

from dipreader.cli.common import EXIT_OK, EXIT_USAGE, CommandError, Subparsers, add_command, warn

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(commands: Subparsers) -> None:
    serve = add_command(commands, "serve", "serve the app to a web browser", command_serve)
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)",
    )
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})")
    serve.add_argument(
        "--public-url", metavar="URL", help="the address browsers use, when not http://HOST:PORT (a proxy)"
    )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser: this Python, the same folders and files."""
    command = [sys.executable, "-m", "dipreader"]
    for option in ("articles", "data_dir", "config", "log"):
        value = getattr(args, option, None)
        if value:
            command += [f"--{option.replace('_', '-')}", str(Path(value).expanduser().resolve())]
    return shlex.join(command)


def command_serve(args: argparse.Namespace, out: TextIO) -> int:
    if not 0 < args.port < 65536:
        raise CommandError(f"--port {args.port}: not a port number (1 to 65535)", EXIT_USAGE)
    try:
        from textual_serve.server import Server
    except ImportError:
        raise CommandError("serve needs textual-serve: pip install textual-serve", EXIT_USAGE) from None
    if not is_loopback(args.host):
        warn(
            f"warning: serving on {args.host}: anyone who can reach this machine on port {args.port} "
            "can read your library and change your notes"
        )
    server = Server(
        app_command(args), host=args.host, port=args.port, title="dipreader", public_url=args.public_url
    )
    try:
        server.serve()
    except OSError as error:
        raise CommandError(f"cannot serve on {args.host}:{args.port}: {error.strerror or error}") from None
    return EXIT_OK
