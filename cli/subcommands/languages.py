"""``briefbot backfill-languages [--dry-run] [--batch N]``: languages for briefs stored before
migration 0011 (``briefs.language`` NULL), detected as ingest detects them.

Batch by batch, each committed on its own: an interrupted run keeps what it stored and the
next one goes on with what is left. Never migrates: a schema behind is one line naming
``briefbot db upgrade`` and exit 1.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from cli.batches import add_batch_options
from cli.subcommands.db import checked, run_database_command
from runtime.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from ingest.language_backfill import BackfillReport


def register(subcommands: argparse._SubParsersAction[Any]) -> None:
    """Add ``backfill-languages`` to the CLI."""
    parser = subcommands.add_parser(
        "backfill-languages",
        help="detect and store the language of briefs stored without one",
        description="Detect and store briefs.language for briefs stored before it existed "
        "(migration 0011), a batch at a time; safe to interrupt and run again.",
    )
    add_batch_options(parser, dry_run="detect and count, store nothing")
    parser.set_defaults(handler=run_backfill)


def run_backfill(args: argparse.Namespace, settings: Settings) -> int:
    """Backfill the languages: a progress line per batch on stderr, then the summary line."""

    async def backfill(engine: AsyncEngine) -> BackfillReport:
        from ingest.language_backfill import backfill_languages
        from storage.engine import create_session_factory

        await checked(engine)
        return await backfill_languages(
            create_session_factory(engine),
            batch=args.batch,
            dry_run=args.dry_run,
            pinned=settings.summary_language,
            progress=lambda report: print(f"read {report.read} ...", file=sys.stderr),
        )

    status, report = run_database_command("backfill-languages", settings, backfill)
    if report is not None:
        print(report.summary_line(dry_run=args.dry_run))
    return status
