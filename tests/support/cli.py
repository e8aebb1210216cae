"""Running one ``briefbot`` subcommand in-process, as the command line parses it."""

from __future__ import annotations

import argparse

from cli.subcommands import register_all
from runtime.settings import load_settings


def run_command(*argv: str, database_url: str) -> int:
    """``briefbot ARGV`` with every subcommand registered, against ``database_url``; its status
    (argparse's usage errors raise ``SystemExit`` 2, as on the command line)."""
    parser = argparse.ArgumentParser(prog="briefbot")
    register_all(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    status: int = args.handler(args, load_settings(database_url=database_url))
    return status
