"""``briefbot sources add|list|remove|import|export``: the feeds and pages briefbot polls.

A source is a feed (its new entries become briefs) or an article page (its article becomes
one brief). ``sources add URL`` declares a feed, ``sources add --page URL`` a page; each
successful poll dispatches on what the URL actually serves and corrects the recorded kind
if needed (see :mod:`ingest.polling`). ``sources list`` shows each source's kind, interval,
next poll and status: ``not polled yet``, ``ok`` with the last poll's time, or ``failing``
with the number of consecutive failures, the time of the last one and its error.
``sources export`` writes only feeds: OPML outlines are feed subscriptions, and a feed
reader would fail on an article page (the page sources are counted on stderr).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cli.numbers import database_int, is_number
from cli.subcommands.db import checked, run_database_command
from cli.terminal import terminal_safe
from ingest.subscriptions import DEFAULT_INTERVAL_SECONDS, format_interval, parse_interval
from ingest.validation import MAX_INPUT_BYTES, InvalidInput
from runtime.settings import Settings

# Heavy imports (SQLAlchemy, storage.*) are deferred into the functions that use them
# to keep CLI start-up fast. ingest.subscriptions and ingest.validation stay above: they
# are light (standard library and defusedxml) and the parser needs them when it is built.
if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

    from storage.models import Source

    Action = Callable[[async_sessionmaker[AsyncSession], argparse.Namespace], Awaitable[int]]


def _source_key(value: str) -> str:
    """A source's URL, or its id if all digits: an id the database cannot hold is refused."""
    if is_number(value):
        database_int("a source id", 1)(value)
    return value


def _interval(value: str) -> int:
    try:
        return parse_interval(value)
    except InvalidInput as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def register(subcommands: argparse._SubParsersAction[Any]) -> None:
    parser = subcommands.add_parser("sources", help="manage the feeds and pages briefbot polls")
    actions = parser.add_subparsers(dest="sources_action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="poll a feed URL (or, with --page, an article page)",
        description=(
            "Poll URL every INTERVAL. A feed's new entries become briefs; an article page "
            "becomes one brief (later polls of the same page store nothing new). Each "
            "successful poll checks what the URL serves (an RSS/Atom feed or an HTML page) "
            "and records that kind; anything else is a failure, and a failing source backs "
            "off (interval x 2 per consecutive failure, at most 24h) with its last error "
            "shown by `briefbot sources list`."
        ),
    )
    add.add_argument("url")
    add.add_argument(
        "--page",
        action="store_true",
        help="the URL is an article page, not a feed (a poll corrects this if it is wrong)",
    )
    add.add_argument(
        "--every",
        type=_interval,
        default=DEFAULT_INTERVAL_SECONDS,
        metavar="INTERVAL",
        help="polling interval: 90s, 30m, 2h, 1d (from 1m to 30d; default 1h)",
    )
    add.set_defaults(handler=_handler(_add))
    actions.add_parser(
        "list", help="list sources with kind, next poll and status (ok, or the last error)"
    ).set_defaults(handler=_handler(_list))
    remove = actions.add_parser("remove", help="unsubscribe by id or URL")
    remove.add_argument("source", type=_source_key, metavar="ID|URL")
    remove.set_defaults(handler=_handler(_remove))
    imported = actions.add_parser("import", help="subscribe to every feed of an OPML file")
    imported.add_argument("file", type=Path, metavar="FILE.opml")
    imported.add_argument(
        "--every",
        type=_interval,
        default=DEFAULT_INTERVAL_SECONDS,
        metavar="INTERVAL",
        help="polling interval of each feed imported: 90s, 30m, 2h, 1d (from 1m to 30d; "
        "default 1h)",
    )
    imported.set_defaults(handler=_handler(_import))
    actions.add_parser(
        "export", help="print the feed sources (not pages) as OPML 2.0"
    ).set_defaults(handler=_handler(_export))


def _handler(action: Action) -> Callable[[argparse.Namespace, Settings], int]:
    def run(args: argparse.Namespace, settings: Settings) -> int:
        async def checked_action(engine: AsyncEngine) -> int:
            from storage.engine import create_session_factory

            await checked(engine)
            args.allow_private_urls = settings.allow_private_urls
            return await action(create_session_factory(engine), args)

        status, result = run_database_command(
            "sources", settings, checked_action, failure_status=2
        )
        return status if result is None else result

    return run


async def _add(factory: async_sessionmaker[AsyncSession], args: argparse.Namespace) -> int:
    from ingest.catalog import CatalogError, add_source

    try:
        source = await add_source(
            factory, args.url, args.every, page=args.page, allow_private=args.allow_private_urls
        )
    except CatalogError as error:
        print(f"briefbot sources: {error}", file=sys.stderr)
        return 1
    kind = "page" if args.page else "feed"
    print(f"added {source.id} {kind} {source.url} every {format_interval(args.every)}")
    return 0


def _when(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "-"


async def _list(factory: async_sessionmaker[AsyncSession], args: argparse.Namespace) -> int:
    from storage.repositories.sources import SourceRepository

    async with factory() as session:
        repository = SourceRepository(session)
        sources = await repository.list()
        counts = await repository.brief_counts()
    if not sources:
        print("no sources; add one with `briefbot sources add URL`")
    for source in sources:
        stored = counts.get(source.id, 0)
        # A URL or an error a feed's server wrote may hold escape sequences: never raw.
        print(
            f"{source.id}\t{source.kind.value}\t{terminal_safe(source.url or '')}"
            f"\tevery {format_interval(source.poll_interval_seconds)}"
            f"\tnext poll {_when(source.next_poll_at)}\t{terminal_safe(_status(source))}"
            f"\t{stored} brief{'' if stored == 1 else 's'}"
        )
    return 0


def _status(source: Source) -> str:
    """``failing`` (count, time and first line of the last error), ``ok`` or not polled."""
    if source.consecutive_failures:
        error = (source.last_error or "").splitlines()[0] if source.last_error else "?"
        return (
            f"failing ({source.consecutive_failures}x, last {_when(source.last_error_at)}): {error}"
        )
    if source.last_polled_at is None:
        return "not polled yet"
    return f"ok (polled {_when(source.last_polled_at)})"


async def _remove(factory: async_sessionmaker[AsyncSession], args: argparse.Namespace) -> int:
    from ingest.catalog import remove_source

    key: int | str = int(args.source) if is_number(args.source) else args.source
    if not await remove_source(factory, key):
        print(f"briefbot sources: no source {args.source}", file=sys.stderr)
        return 1
    print(f"removed {args.source}")
    return 0


async def _import(factory: async_sessionmaker[AsyncSession], args: argparse.Namespace) -> int:
    from ingest.catalog import CatalogError, import_opml

    try:
        # A device or FIFO (/dev/zero, a pipe with no writer) says size 0 and reads forever.
        path = args.file
        if path.exists() and not path.is_file() and not path.is_dir():
            raise CatalogError("not a regular file")
        with args.file.open("rb") as opml:
            data = opml.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise CatalogError(f"too large: cap {MAX_INPUT_BYTES:,} bytes")
        report = await import_opml(
            factory, data, args.every, allow_private=args.allow_private_urls
        )
    except CatalogError as error:
        print(f"{args.file}: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{args.file}: cannot read: {error.strerror or error}", file=sys.stderr)
        return 1
    for line in report.skipped:
        print(terminal_safe(f"{args.file}: skipped: {line}"), file=sys.stderr)
    print(report.summary_line())
    return 1 if report.skipped else 0


async def _export(factory: async_sessionmaker[AsyncSession], args: argparse.Namespace) -> int:
    from ingest.catalog import export_opml

    document, pages = await export_opml(factory)
    sys.stdout.write(document)
    if pages:
        print(
            f"briefbot sources: {pages} page source(s) not exported (OPML lists feeds)",
            file=sys.stderr,
        )
    return 0
