"""The options of commands that work through the stored briefs a batch at a time."""

from __future__ import annotations

import argparse

from cli.numbers import database_int

# ingest.language_backfill's and ingest.brief_refresh's DEFAULT_BATCH, without importing
# them at start-up.
DEFAULT_BATCH = 500


def add_batch_options(parser: argparse.ArgumentParser, *, dry_run: str) -> None:
    """``--dry-run`` (``dry_run`` is its help) and ``--batch N``."""
    parser.add_argument("--dry-run", action="store_true", help=dry_run)
    parser.add_argument(
        "--batch",
        type=database_int("a positive integer", 1),
        default=DEFAULT_BATCH,
        metavar="N",
        help=f"briefs per batch and transaction (default {DEFAULT_BATCH})",
    )
