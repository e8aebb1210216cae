"""Storage for work that runs once across instances: the advisory lock, cursors, source claims."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.engine import create_engine, create_session_factory
from storage.locks import lock_key, singleton
from storage.models import SourceKind
from storage.repositories import CursorRepository, SourceRepository
from tests.support.database import Database, empty_tables
from tests.support.factories import make_source

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
HOLD = dt.timedelta(minutes=5)
FETCHED = {SourceKind.FEED, SourceKind.PAGE}


@pytest.fixture
async def pg_engine(migrated_postgres: Database) -> AsyncIterator[AsyncEngine]:
    """An engine on the emptied PostgreSQL schema (what only PostgreSQL does: locks, waits)."""
    await empty_tables(migrated_postgres)
    engine = migrated_postgres.engine()
    try:
        yield engine
    finally:
        await engine.dispose()


async def test_the_lock_is_held_by_one_instance_at_a_time(
    migrated_postgres: Database, pg_engine: AsyncEngine
) -> None:
    engine = pg_engine
    other = migrated_postgres.engine()  # a second instance: its own pool and connections
    try:
        async with singleton(engine, "tick") as first:
            async with singleton(other, "tick") as second:
                assert (first, second) == (True, False)
            async with singleton(other, "another job") as unrelated:
                assert unrelated
        async with singleton(other, "tick") as after_release:
            assert after_release
    finally:
        await other.dispose()


async def test_the_lock_is_released_when_the_work_fails(
    migrated_postgres: Database, pg_engine: AsyncEngine
) -> None:
    engine = pg_engine
    other = migrated_postgres.engine()
    try:
        with pytest.raises(RuntimeError):
            async with singleton(engine, "tick") as taken:
                assert taken
                raise RuntimeError("the work failed")
        async with singleton(other, "tick") as taken_by_other:
            assert taken_by_other
    finally:
        await other.dispose()


async def test_the_same_name_in_another_schema_is_another_lock(
    migrated_postgres: Database, pg_engine: AsyncEngine
) -> None:
    elsewhere = create_engine(migrated_postgres.url)  # the default search_path: public
    try:
        async with singleton(pg_engine, "tick") as here, singleton(elsewhere, "tick") as there:
            assert (here, there) == (True, True)
    finally:
        await elsewhere.dispose()
    assert lock_key("a", "tick") != lock_key("b", "tick")


async def test_on_sqlite_the_lock_is_always_taken(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'one-process.db'}")
    try:
        async with singleton(engine, "tick") as first, singleton(engine, "tick") as second:
            assert (first, second) == (True, True)
    finally:
        await engine.dispose()


async def test_a_cursor_advances_only_upwards(session: AsyncSession) -> None:
    cursors = CursorRepository(session)
    moves = [await cursors.advance("tick", value) for value in (5, 5, 4, 6)]
    assert moves == [True, False, False, True]
    assert await cursors.get("tick") == 6


async def test_of_two_concurrent_advances_to_one_value_one_wins(pg_engine: AsyncEngine) -> None:
    session_factory = create_session_factory(pg_engine)
    for value in (7, 8):  # first on a missing row (insert), then on an existing one (update)
        async with session_factory() as first, session_factory() as second:
            await first.begin()
            await second.begin()
            second_pid = await second.scalar(text("SELECT pg_backend_pid()"))
            won_first = await CursorRepository(first).advance("tick", value)
            # The second waits on the first's row until it commits, then re-checks the row.
            pending = asyncio.create_task(CursorRepository(second).advance("tick", value))
            await wait_until_blocked(session_factory, second_pid)
            await first.commit()
            won_second = await asyncio.wait_for(pending, 10)
            await second.commit()
        assert (won_first, won_second) == (True, False)


async def wait_until_blocked(sessions: async_sessionmaker[AsyncSession], pid: int) -> None:
    """Wait (at most 5 s) until backend ``pid`` waits for a lock."""
    query = text("SELECT wait_event_type FROM pg_stat_activity WHERE pid = :pid")
    for _ in range(100):
        async with sessions() as session:
            if await session.scalar(query, {"pid": pid}) == "Lock":
                return
        await asyncio.sleep(0.05)
    raise AssertionError(f"backend {pid} never waited for a lock")


async def test_claiming_due_sources_moves_them_out_of_reach(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session, session.begin():
        await SourceRepository(session).add_all([
            make_source(url="https://a.example/feed"),
            make_source(url="https://b.example/page", kind=SourceKind.PAGE,
                        next_poll_at=NOW - dt.timedelta(minutes=1)),
            make_source(url="https://c.example/feed", next_poll_at=NOW + dt.timedelta(minutes=1)),
            make_source(url="/srv/briefs.txt", kind=SourceKind.FILE),
            make_source(url=None),
        ])
    async with session_factory() as session, session.begin():
        claimed = await SourceRepository(session).claim_due(
            NOW, kinds=FETCHED, limit=10, hold=HOLD
        )
    assert [source.url for source in claimed] == ["https://a.example/feed", "https://b.example/page"]
    assert {source.next_poll_at for source in claimed} == {NOW + HOLD}
    async with session_factory() as session, session.begin():
        again = await SourceRepository(session).claim_due(NOW, kinds=FETCHED, limit=10, hold=HOLD)
    assert again == []


async def test_claims_are_bounded(session_factory: async_sessionmaker[AsyncSession]) -> None:
    async with session_factory() as session, session.begin():
        await SourceRepository(session).add_all([make_source() for _ in range(5)])
    async with session_factory() as session, session.begin():
        first = await SourceRepository(session).claim_due(NOW, kinds=FETCHED, limit=3, hold=HOLD)
    async with session_factory() as session, session.begin():
        rest = await SourceRepository(session).claim_due(NOW, kinds=FETCHED, limit=3, hold=HOLD)
    assert (len(first), len(rest)) == (3, 2)
    assert not {source.id for source in first} & {source.id for source in rest}


async def test_concurrent_claims_take_disjoint_sources(
    migrated_postgres: Database, pg_engine: AsyncEngine
) -> None:
    session_factory = create_session_factory(pg_engine)
    async with session_factory() as session, session.begin():
        await SourceRepository(session).add_all([make_source() for _ in range(3)])
    other_engine = migrated_postgres.engine()
    other = create_session_factory(other_engine)
    try:
        async with session_factory() as first, other() as second:
            await first.begin()
            await second.begin()
            mine = await SourceRepository(first).claim_due(NOW, kinds=FETCHED, limit=2, hold=HOLD)
            # Not committed yet: the second instance skips the locked rows instead of waiting.
            theirs = await asyncio.wait_for(
                SourceRepository(second).claim_due(NOW, kinds=FETCHED, limit=2, hold=HOLD), 10
            )
            await first.commit()
            await second.commit()
        async with other() as third, third.begin():
            left = await SourceRepository(third).claim_due(NOW, kinds=FETCHED, limit=2, hold=HOLD)
    finally:
        await other_engine.dispose()
    assert (len(mine), len(theirs), left) == (2, 1, [])
    assert not {source.id for source in mine} & {source.id for source in theirs}
