"""``briefbot refresh-briefs [--languages] [--summaries] [--dry-run] [--batch N]``: stored
briefs' topics and search stems (and, with ``--summaries``, summaries; with ``--languages``,
languages first) recomputed as ingest computes them now (after a release changes how).

Batch by batch, each committed on its own: an interrupted run keeps what it stored and running
it again writes only what still differs. Never migrates: a schema behind is one line naming
``briefbot db upgrade`` and exit 1.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from cli.batches import add_batch_options
from cli.subcommands.db import checked, run_database_command
from runtime.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from ingest.brief_refresh import RefreshReport, Resummarize


def register(subcommands: argparse._SubParsersAction[Any]) -> None:
    """Add ``refresh-briefs`` to the CLI."""
    parser = subcommands.add_parser(
        "refresh-briefs",
        help="recompute stored briefs' topics and search stems",
        description="Recompute every stored brief's topics and search stems from its text and "
        "stored language, as ingest computes them now, a batch at a time; safe to interrupt "
        "and run again.",
    )
    parser.add_argument(
        "--summaries",
        action="store_true",
        help="summarise every brief again too, at the bot's length (BRIEFBOT_SUMMARY_SENTENCES) "
        "with the configured algorithm, in its stored language (or BRIEFBOT_SUMMARY_LANGUAGE's, "
        "if set); its topics then come from the new summary",
    )
    parser.add_argument(
        "--languages",
        action="store_true",
        help="detect every brief's language again first, as ingest detects it now (or take "
        "BRIEFBOT_SUMMARY_LANGUAGE's, if set), and store a changed one; the rest is then "
        "computed in it",
    )
    add_batch_options(parser, dry_run="recompute and count, store nothing")
    parser.set_defaults(handler=run_refresh)


def run_refresh(args: argparse.Namespace, settings: Settings) -> int:
    """Refresh the briefs: a progress line per batch on stderr, then the summary line."""

    async def refresh(engine: AsyncEngine) -> RefreshReport:
        from ingest.brief_refresh import refresh_briefs
        from storage.engine import create_session_factory

        await checked(engine)
        with contextlib.ExitStack() as stack:
            resummarize = (
                stack.enter_context(open_resummarizer(settings)) if args.summaries else None
            )
            return await refresh_briefs(
                create_session_factory(engine),
                batch=args.batch,
                dry_run=args.dry_run,
                resummarize=resummarize,
                redetect=args.languages,
                pinned=settings.summary_language,
                progress=lambda report: print(f"read {report.read} ...", file=sys.stderr),
            )

    status, report = run_database_command("refresh-briefs", settings, refresh)
    if report is not None:
        print(report.summary_line(dry_run=args.dry_run))
    return status


@contextlib.contextmanager
def open_resummarizer(settings: Settings) -> Iterator[Resummarize]:
    """Ingest's summarizer at the bot's length, given each brief's stored language."""
    from runtime.root import open_summarizer_at

    with open_summarizer_at(settings) as at_length:

        async def resummarize(text: str, title: str, language: str | None) -> Sequence[str]:
            return await at_length(text, title, settings.summary_sentences, language)

        yield resummarize
