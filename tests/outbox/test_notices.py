"""Workers in other processes wake when rows are announced (PostgreSQL LISTEN/NOTIFY).

Each side has an engine of its own, as two ``briefbot run`` processes would.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from sqlalchemy import text

from local_bot_api import LocalBotApi
from outbox.notices import ANNOUNCE_SECONDS, DeliveryNotices, announce_deliveries
from outbox.worker import DeliveryWorker
from runtime.episodes import FaultEpisode
from runtime.services import BotServices
from storage.engine import create_engine, create_session_factory
from tests.support.database import Database, empty_tables, enqueue_message
from tests.support.instances import shared_budget_instance
from tests.support.world import World

WAIT_SECONDS = 10.0  # far below the worker's poll below: only a notice wakes it in time
POLL_SECONDS = 600.0


@asynccontextmanager
async def listening(
    database: Database, retry_seconds: float = 5.0
) -> AsyncIterator[tuple[BotServices, DeliveryNotices, asyncio.Event]]:
    """An instance that announces, and a running :class:`DeliveryNotices` (on an engine of its
    own) once it listens, with the event it sets."""
    woken = asyncio.Event()
    episode = FaultEpisode(logging.getLogger("tests.notices"), "listening for deliveries")
    engine = database.engine()
    notices = DeliveryNotices(engine, woken, episode, retry_seconds=retry_seconds)
    async with (
        LocalBotApi() as api,
        shared_budget_instance(api, database, 30) as (announcer, _),
    ):
        task = asyncio.create_task(notices.run())
        try:
            await asyncio.wait_for(notices.listening.wait(), WAIT_SECONDS)
            woken.clear()  # set once when it started listening
            yield announcer, notices, woken
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await engine.dispose()


async def test_a_notice_from_another_engine_wakes_the_listener(
    migrated_postgres: Database,
) -> None:
    async with listening(migrated_postgres) as (announcer, _, woken):
        await announce_deliveries(announcer)
        await asyncio.wait_for(woken.wait(), WAIT_SECONDS)


async def test_the_listener_listens_again_after_its_connection_is_cut(
    migrated_postgres: Database, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="tests.notices"):
        async with listening(migrated_postgres, retry_seconds=0.1) as (announcer, notices, woken):
            first = notices.server_pid
            assert first is not None
            async with announcer.engine.connect() as connection:
                await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
            async with asyncio.timeout(WAIT_SECONDS):
                while notices.server_pid == first or not notices.listening.is_set():
                    await asyncio.sleep(0.05)
            woken.clear()
            await announce_deliveries(announcer)
            await asyncio.wait_for(woken.wait(), WAIT_SECONDS)
    # One episode: a line when the connection was lost, one when it listened again.
    lines = [r.getMessage() for r in caplog.records if r.name == "tests.notices"]
    assert [line.split(":")[0].split(" after")[0] for line in lines] == [
        "listening for deliveries failing", "listening for deliveries recovered"
    ]


async def test_a_worker_idle_between_polls_delivers_rows_another_instance_announced(
    migrated_postgres: Database,
) -> None:
    await empty_tables(migrated_postgres)
    async with (
        LocalBotApi() as api,
        shared_budget_instance(api, migrated_postgres, 30) as (services, bot),
        shared_budget_instance(api, migrated_postgres, 30) as (scheduler, _),
    ):
        chat = api.create_private_chat(first_name="Ada")
        worker = DeliveryWorker(services, bot, idle_seconds=POLL_SECONDS)
        running = asyncio.create_task(worker.run())
        try:
            while worker.notices is None:
                await asyncio.sleep(0.01)
            await asyncio.wait_for(worker.notices.listening.wait(), WAIT_SECONDS)
            await asyncio.sleep(0.5)  # its first claim found nothing: it waits for the poll

            await enqueue_message(migrated_postgres, chat.id, "Announced")
            await announce_deliveries(scheduler)

            await api.wait_for_messages(chat.id, 1, timeout=WAIT_SECONDS)
            assert [m.text for m in api.messages(chat.id, from_bot=True)] == ["Announced"]
        finally:
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)


async def test_announcing_on_sqlite_wakes_this_process_only(w: World) -> None:
    w.services.delivery_wakeup.clear()
    await announce_deliveries(w.services)
    assert w.services.delivery_wakeup.is_set()


async def test_an_announcement_gives_up_soon_when_the_database_does_not_answer(w: World) -> None:
    async def silent(reader: asyncio.StreamReader, _: asyncio.StreamWriter) -> None:
        await reader.read()  # accepts the connection, never answers: an outage that hangs

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    engine = create_engine(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/test")
    old = w.services
    services = BotServices(
        old.settings, engine, create_session_factory(engine), old.summarize, old.fetcher
    )
    try:
        # asyncpg would wait 60 s for the server to answer; the tick must not.
        await asyncio.wait_for(announce_deliveries(services), ANNOUNCE_SECONDS + 5)
        assert services.delivery_wakeup.is_set()
    finally:
        server.close()
        await engine.dispose()
