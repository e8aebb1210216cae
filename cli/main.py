"""The ``briefbot`` command line: parses arguments, builds settings, dispatches a subcommand."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cli.installation import version
from cli.subcommands import register_all
from runtime.settings import SettingsError, load_settings


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with one subparser per subcommand."""
    parser = argparse.ArgumentParser(
        prog="briefbot",
        description="Condense news briefs into short extractive summaries and deliver them.",
    )
    parser.add_argument("--version", action="version", version=f"briefbot {version()}")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    register_all(subcommands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"briefbot: {error}", file=sys.stderr)
        return 2
    try:
        status: int = args.handler(args, settings)
    except KeyboardInterrupt:
        print("briefbot: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of stdout went away (e.g. `| head`); nothing more to say.
        sys.stderr.close()
        return 0
    return status


if __name__ == "__main__":
    sys.exit(main())
