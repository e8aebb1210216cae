"""The tick once a minute across instances on one PostgreSQL database (SQLite: as before)."""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from ingest.http import Fetcher
from runtime.services import BotServices
from storage.engine import create_engine, create_session_factory
from storage.models import DeliveryKind
from tests.support.database import Database, empty_tables
from tests.support.factories import make_source
from tests.support.world import START, World, outbox_world, summarize_first_sentence
from tick import run_tick, run_tick_once

SOURCES = ("https://port.example.org/quiet/a", "https://port.example.org/quiet/b")


class SlowFeeds:
    """Answers 304 to every URL, counting fetches; the first fetch waits to be released."""

    def __init__(self) -> None:
        self.fetched: collections.Counter[str] = collections.Counter()
        self.fetching = asyncio.Event()
        self.release = asyncio.Event()

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.fetched[str(request.url)] += 1
        self.fetching.set()
        await asyncio.wait_for(self.release.wait(), 10)
        return httpx.Response(304)


@pytest.fixture
def postgres(migrated_postgres: Database) -> Database:
    """The run's PostgreSQL schema, emptied: where several instances can share one database."""
    asyncio.run(empty_tables(migrated_postgres))
    return migrated_postgres


@asynccontextmanager
async def second_instance(w: World, database: Database, feeds: SlowFeeds) -> AsyncIterator[
    BotServices
]:
    """Another instance's services on the same database: its own engine and fetcher."""
    engine = create_engine(database.url, schema=database.schema)
    try:
        async with Fetcher(allow_private=True, transport=httpx.MockTransport(feeds)) as fetcher:
            yield BotServices(
                w.services.settings, engine, create_session_factory(engine),
                summarize_first_sentence, fetcher, w.clock,
            )
    finally:
        await engine.dispose()


async def due_work(w: World) -> None:
    """One subscriber whose digest is due, a brief for it, and two due feeds."""
    await w.add_subscriber(next_digest_at=START - dt.timedelta(minutes=1))
    await w.add_brief(title="Harbour reopens")
    await w.add(*(make_source(url=url) for url in SOURCES))


async def digests(w: World) -> int:
    return sum(row.kind is DeliveryKind.DIGEST for row in await w.deliveries())


async def test_of_two_instances_ticking_at_once_one_runs_and_the_other_skips(
    postgres: Database,
) -> None:
    feeds = SlowFeeds()
    async with outbox_world(postgres, transport=httpx.MockTransport(feeds)) as w, second_instance(
        w, postgres, feeds
    ) as other:
        await due_work(w)
        first = asyncio.create_task(run_tick_once(w.services))
        await asyncio.wait_for(feeds.fetching.wait(), 10)  # it holds the tick, mid-poll

        second = await asyncio.wait_for(run_tick_once(other), 10)
        feeds.release.set()
        report = await asyncio.wait_for(first, 10)
        digest_rows = await digests(w)

    assert second.skipped == "another instance is running the tick"
    assert (second.digests.enqueued, second.polls.polled) == (0, 0)
    assert report.skipped is None
    assert (report.digests.enqueued, report.polls.polled, report.errors) == (1, 2, [])
    assert feeds.fetched == dict.fromkeys(SOURCES, 1)
    assert digest_rows == 1


async def test_a_minute_whose_tick_ran_is_skipped_and_the_next_minute_runs(
    postgres: Database,
) -> None:
    feeds = SlowFeeds()
    feeds.release.set()
    async with outbox_world(postgres, transport=httpx.MockTransport(feeds)) as w, second_instance(
        w, postgres, feeds
    ) as other:
        await due_work(w)
        ran = await run_tick_once(w.services)
        later_same_minute = await run_tick_once(other)
        w.clock.advance(minutes=1)
        next_minute = await run_tick_once(other)
        and_again = await run_tick_once(w.services)
        digest_rows = await digests(w)

    assert (ran.skipped, ran.digests.enqueued, ran.polls.polled) == (None, 1, 2)
    assert later_same_minute.skipped == "this minute's tick already ran"
    assert (next_minute.skipped, next_minute.errors) == (None, [])
    assert and_again.skipped == "this minute's tick already ran"
    assert feeds.fetched == dict.fromkeys(SOURCES, 1)  # not due again within their interval
    assert digest_rows == 1


async def test_overlapping_ticks_fetch_each_due_source_once(postgres: Database) -> None:
    """Even without the tick's lock (an overrun, a skewed clock) a source is claimed once."""
    feeds = SlowFeeds()
    async with outbox_world(postgres, transport=httpx.MockTransport(feeds)) as w, second_instance(
        w, postgres, feeds
    ) as other:
        await due_work(w)
        first = asyncio.create_task(run_tick(w.services))
        await asyncio.wait_for(feeds.fetching.wait(), 10)

        second = await asyncio.wait_for(run_tick(other), 10)
        feeds.release.set()
        report = await asyncio.wait_for(first, 10)
        digest_rows = await digests(w)

    assert (report.polls.polled, second.polls.polled) == (2, 0)
    assert (report.digests.enqueued, second.digests.enqueued) == (1, 0)
    assert feeds.fetched == dict.fromkeys(SOURCES, 1)
    assert digest_rows == 1


async def test_on_sqlite_every_call_runs_the_tick(database: Database) -> None:
    async with outbox_world(database) as w:
        await w.add_subscriber(next_digest_at=START - dt.timedelta(minutes=1))
        await w.add_brief(title="Harbour reopens")
        reports = [await run_tick_once(w.services) for _ in range(2)]
    assert [report.skipped for report in reports] == [None, None]
    assert [report.digests.enqueued for report in reports] == [1, 0]


async def test_an_unreachable_database_skips_the_tick_without_raising(postgres: Database) -> None:
    async with outbox_world(postgres) as w:
        unreachable = create_engine("postgresql+asyncpg://postgres@127.0.0.1:9/none")
        try:
            report = await run_tick_once(dataclasses.replace(w.services, engine=unreachable))
        finally:
            await unreachable.dispose()
    assert report.skipped == "the database is unreachable"
    assert len(report.errors) == 1 and report.errors[0].startswith("lock: ")
