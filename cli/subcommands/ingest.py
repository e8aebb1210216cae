"""``briefbot ingest PATH|URL ...``: read, validate, deduplicate, summarize and store briefs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from cli.subcommands.db import run_database_command
from cli.terminal import terminal_safe
from runtime.settings import Settings

# Heavy imports (SQLAlchemy, storage.*, the ingest readers and pipeline, the summary pool)
# are deferred into the functions that use them to keep CLI start-up fast.
if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from ingest.pipeline import IngestReport

# Below this many briefs, one worker process: starting one per core costs more than it
# saves. Never none: a summary in a thread of this process could not be stopped at its
# deadline (the thread ran on, and the process could not exit until it finished).
POOL_THRESHOLD = 32


def register(subcommands: argparse._SubParsersAction[Any]) -> None:
    parser = subcommands.add_parser(
        "ingest",
        help="store briefs from files, directories, URLs or stdin",
        description=(
            "Store briefs from seed-format .txt, .md, .json and .jsonl files, directories "
            "(recursively), RSS/Atom feed or article URLs, or - for stdin. Prints one line "
            "per file read with a caveat (bad UTF-8 replaced, cp1252 read) and per rejected "
            "item on stderr, then 'stored N, duplicate N, rejected N'. "
            "Exit status 0 when nothing was rejected, 1 otherwise, 2 when nothing could run."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="PATH|URL", help="what to ingest; - is stdin")
    parser.set_defaults(handler=run_ingest)


def run_ingest(args: argparse.Namespace, settings: Settings) -> int:
    status, report = run_database_command(
        "ingest",
        settings,
        lambda engine: ingest_inputs(args.inputs, settings, engine),
        failure_status=2,
    )
    return status if report is None else print_report(report, sys.stdout, sys.stderr)


def print_report(report: IngestReport, out: TextIO, err: TextIO) -> int:
    for line in (*report.notices, *report.problems):
        print(terminal_safe(line), file=err)  # they name inputs: a file name may hold escapes
    print(report.summary_line(), file=out)
    return 1 if report.rejected else 0


async def ingest_inputs(
    inputs: Sequence[str], settings: Settings, engine: AsyncEngine
) -> IngestReport:
    """Read ``inputs`` and store them through the services of :mod:`runtime.root`."""
    from ingest.pipeline import ingest_items
    from ingest.reading import read_inputs
    from runtime.root import open_services, open_summarizer

    # The services' own summarizer is not used (0 workers: nothing started); the pool is
    # sized once the number of briefs is known.
    async with open_services(settings, engine=engine, summary_workers=0) as services:
        read_stdin = sys.stdin.buffer.read
        items = await read_inputs(inputs, fetcher=services.fetcher, read_stdin=read_stdin)
        workers = 1 if len(items) < POOL_THRESHOLD else None
        with open_summarizer(settings, workers=workers) as summarize:
            return await ingest_items(
                items, session_factory=services.session_factory, summarize=summarize
            )
