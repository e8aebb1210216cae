"""``briefbot sources add|list|remove|import|export``: the feeds briefbot polls."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.settings import Settings
from ingest.subscriptions import (
    DEFAULT_INTERVAL_SECONDS,
    OpmlFeed,
    format_interval,
    parse_interval,
    read_opml,
    write_opml,
)
from ingest.validation import MAX_INPUT_BYTES, InvalidInput, url_problem

# Heavy imports (SQLAlchemy, storage.*) are deferred into the functions that use them
# to keep CLI start-up fast. ingest.subscriptions and ingest.validation stay above: they
# are light (standard library and defusedxml) and the parser needs them when it is built.
if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from storage.models import Source

    Action = Callable[[async_sessionmaker[AsyncSession], argparse.Namespace], Awaitable[int]]


def _interval(value: str) -> int:
    try:
        return parse_interval(value)
    except InvalidInput as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def register(subcommands: argparse._SubParsersAction[Any]) -> None:
    parser = subcommands.add_parser("sources", help="manage the feeds briefbot polls")
    actions = parser.add_subparsers(dest="sources_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="subscribe to a feed URL")
    add.add_argument("url")
    add.add_argument(
        "--every",
        type=_interval,
        default=DEFAULT_INTERVAL_SECONDS,
        metavar="INTERVAL",
        help="polling interval: 90s, 30m, 2h, 1d (minimum 1m; default 1h)",
    )
    add.set_defaults(handler=_handler(_add))
    actions.add_parser("list", help="list feeds with next poll and last error").set_defaults(
        handler=_handler(_list)
    )
    remove = actions.add_parser("remove", help="unsubscribe by id or URL")
    remove.add_argument("source", metavar="ID|URL")
    remove.set_defaults(handler=_handler(_remove))
    imported = actions.add_parser("import", help="subscribe to every feed of an OPML file")
    imported.add_argument("file", type=Path, metavar="FILE.opml")
    imported.add_argument("--every", type=_interval, default=DEFAULT_INTERVAL_SECONDS)
    imported.set_defaults(handler=_handler(_import))
    actions.add_parser("export", help="print the feeds as OPML 2.0").set_defaults(
        handler=_handler(_export)
    )


def _handler(action: Action) -> Callable[[argparse.Namespace, Settings], int]:
    def run(args: argparse.Namespace, settings: Settings) -> int:
        from sqlalchemy.exc import SQLAlchemyError

        from storage.schema import SchemaError

        try:
            return asyncio.run(_with_database(settings, action, args))
        except (SchemaError, SQLAlchemyError, OSError) as error:
            first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
            print(f"briefbot sources: {first_line}", file=sys.stderr)
            return 2

    return run


async def _with_database(settings: Settings, action: Action, args: argparse.Namespace) -> int:
    from storage.engine import create_engine, create_session_factory
    from storage.schema import ensure_schema_current

    engine = create_engine(settings.database_url)
    try:
        await ensure_schema_current(engine)
        return await action(create_session_factory(engine), args)
    finally:
        await engine.dispose()


def _new_source(url: str, seconds: int, title: str | None = None) -> Source:
    from storage.models import Source, SourceKind

    return Source(
        kind=SourceKind.FEED,
        url=url,
        title=title,
        poll_interval_seconds=seconds,
        consecutive_failures=0,
        next_poll_at=dt.datetime.now(dt.UTC),
    )


async def _add(factory: async_sessionmaker[AsyncSession], args: argparse.Namespace) -> int:
    from storage.repositories.sources import SourceRepository

    problem = url_problem(args.url)
    if problem:
        print(f"briefbot sources: {problem}", file=sys.stderr)
        return 1
    async with factory() as session, session.begin():
        repository = SourceRepository(session)
        if existing := await repository.get_by_url(args.url):
            print(f"already subscribed: {existing.id} {args.url}", file=sys.stderr)
            return 1
        source = await repository.add(_new_source(args.url, args.every))
    print(f"added {source.id} {args.url} every {format_interval(args.every)}")
    return 0


def _when(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "-"


async def _list(factory: async_sessionmaker[AsyncSession], args: argparse.Namespace) -> int:
    from storage.repositories.sources import SourceRepository

    async with factory() as session:
        sources = await SourceRepository(session).list()
    if not sources:
        print("no sources; add one with `briefbot sources add URL`")
    for source in sources:
        line = (
            f"{source.id}\t{source.url}\tevery {format_interval(source.poll_interval_seconds)}"
            f"\tnext poll {_when(source.next_poll_at)}"
        )
        if source.consecutive_failures and source.last_error:
            line += (
                f"\tlast error ({source.consecutive_failures}x, {_when(source.last_error_at)}): "
                f"{source.last_error.splitlines()[0]}"
            )
        print(line)
    return 0


async def _remove(factory: async_sessionmaker[AsyncSession], args: argparse.Namespace) -> int:
    from storage.repositories.sources import SourceRepository

    key: int | str = int(args.source) if args.source.isdigit() else args.source
    async with factory() as session, session.begin():
        removed = await SourceRepository(session).remove(key)
    if not removed:
        print(f"briefbot sources: no source {args.source}", file=sys.stderr)
        return 1
    print(f"removed {args.source}")
    return 0


async def _import(factory: async_sessionmaker[AsyncSession], args: argparse.Namespace) -> int:
    from storage.repositories.sources import SourceRepository

    try:
        if args.file.stat().st_size > MAX_INPUT_BYTES:
            raise InvalidInput(f"too large: cap {MAX_INPUT_BYTES:,} bytes")
        feeds, skipped = read_opml(args.file.read_bytes())
    except InvalidInput as error:
        print(f"{args.file}: {error}", file=sys.stderr)
        return 1
    added = existing = 0
    async with factory() as session, session.begin():
        repository = SourceRepository(session)
        for feed in feeds:
            if await repository.get_by_url(feed.url):
                existing += 1
            else:
                await repository.add(_new_source(feed.url, args.every, feed.title))
                added += 1
    for line in skipped:
        print(f"{args.file}: skipped: {line}", file=sys.stderr)
    print(f"added {added}, already subscribed {existing}, skipped {len(skipped)}")
    return 1 if skipped else 0


async def _export(factory: async_sessionmaker[AsyncSession], args: argparse.Namespace) -> int:
    from storage.models import SourceKind
    from storage.repositories.sources import SourceRepository

    async with factory() as session:
        sources = await SourceRepository(session).list()
    feeds = [OpmlFeed(s.url, s.title) for s in sources if s.url and s.kind is SourceKind.FEED]
    sys.stdout.write(write_opml(feeds))
    return 0
