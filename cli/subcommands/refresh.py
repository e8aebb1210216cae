"""``briefbot refresh-briefs [--dry-run] [--batch N]``: stored briefs' topics and search stems
recomputed as ingest computes them now (after a release changes how).

Batch by batch, each committed on its own: an interrupted run keeps what it stored and running
it again writes only what still differs. Never migrates: a schema behind is one line naming
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

    from ingest.brief_refresh import RefreshReport


def register(subcommands: argparse._SubParsersAction[Any]) -> None:
    """Add ``refresh-briefs`` to the CLI."""
    parser = subcommands.add_parser(
        "refresh-briefs",
        help="recompute stored briefs' topics and search stems",
        description="Recompute every stored brief's topics and search stems from its text and "
        "stored language, as ingest computes them now, a batch at a time; safe to interrupt "
        "and run again.",
    )
    add_batch_options(parser, dry_run="recompute and count, store nothing")
    parser.set_defaults(handler=run_refresh)


def run_refresh(args: argparse.Namespace, settings: Settings) -> int:
    """Refresh the briefs: a progress line per batch on stderr, then the summary line."""

    async def refresh(engine: AsyncEngine) -> RefreshReport:
        from ingest.brief_refresh import refresh_briefs
        from storage.engine import create_session_factory

        await checked(engine)
        return await refresh_briefs(
            create_session_factory(engine),
            batch=args.batch,
            dry_run=args.dry_run,
            progress=lambda report: print(f"read {report.read} ...", file=sys.stderr),
        )

    status, report = run_database_command("refresh-briefs", settings, refresh)
    if report is not None:
        print(report.summary_line(dry_run=args.dry_run))
    return status
