"""Three ``briefbot run`` instances (updates, worker, scheduler) on one PostgreSQL: one bot."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.app import BotApplication
from bot.roles import Role
from cli.subcommands.run import RunOptions, serve
from local_bot_api import LocalBotApi
from runtime.services import utc_now
from storage.engine import create_engine, create_session_factory
from tests.support.database import Database, empty_tables
from tests.support.factories import make_brief, make_subscriber
from tests.support.world import make_settings

FAST = RunOptions(connect_attempts=2, connect_delay=0.01, poll_timeout=1)
ROLES = (Role.UPDATES, Role.WORKER, Role.SCHEDULER)


@pytest.fixture
def postgres(migrated_postgres: Database) -> Database:
    """The run's PostgreSQL schema, emptied."""
    asyncio.run(empty_tables(migrated_postgres))
    return migrated_postgres


async def add_due_digest_reader(database: Database, chat_id: int) -> None:
    """A subscriber in ``chat_id`` whose digest fell due a minute ago, and a brief for it."""
    engine = create_engine(database.url, schema=database.schema)
    now = utc_now()
    try:
        async with create_session_factory(engine)() as session, session.begin():
            session.add(make_subscriber(
                chat_id=chat_id, timezone="UTC", digest_time=dt.time(8, 0),
                created_at=now - dt.timedelta(days=1), next_digest_at=now - dt.timedelta(minutes=1),
            ))
            session.add(make_brief(title="Harbour", ingested_at=now - dt.timedelta(hours=1)))
    finally:
        await engine.dispose()


async def test_updates_worker_and_scheduler_instances_work_as_one_bot(
    postgres: Database, tmp_path: Path
) -> None:
    async with LocalBotApi() as api:
        subscriber, visitor = api.create_private_chat(), api.create_private_chat()
        await add_due_digest_reader(postgres, subscriber.id)
        settings = make_settings(api, tmp_path / "unused.db")
        engines = [create_engine(postgres.url, schema=postgres.schema) for _ in ROLES]
        stop = asyncio.Event()
        ready = [asyncio.Event() for _ in ROLES]

        def on_ready(n: int) -> Callable[[BotApplication], None]:
            return lambda _application: ready[n].set()

        instances = [
            asyncio.create_task(serve(
                settings, FAST, stop=stop, role=role, ready=on_ready(n), engine=engines[n],
                summary_workers=0, tick_interval=0.2, get_updates_read_timeout=3.0,
            ))
            for n, role in enumerate(ROLES)
        ]
        try:
            await asyncio.wait_for(asyncio.gather(*(event.wait() for event in ready)), 15)
            api.user_sends(visitor.id, "/start")
            [welcome] = await api.wait_for_messages(visitor.id, 1, timeout=10)
            [digest] = await api.wait_for_messages(subscriber.id, 1, timeout=15)
        finally:
            stop.set()
            statuses = await asyncio.wait_for(asyncio.gather(*instances), 15)
            for engine in engines:
                await engine.dispose()

    assert statuses == [0, 0, 0]  # nobody stopped on a 409 from a second poller
    assert welcome.text and digest.text and "Harbour" in digest.text
    assert len(api.messages(subscriber.id, from_bot=True)) == 1

