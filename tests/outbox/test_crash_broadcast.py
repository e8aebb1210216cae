"""Three kill -9s during a broadcast: nobody loses a message, only chats in flight repeat it.

Alone (``briefbot run`` on SQLite) and as one of two workers on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scratch_database import scratch_database
from local_bot_api import LocalBotApi, RateLimits
from rendering.parts import MessagePart, parts_to_payload
from storage.engine import create_engine, create_session_factory
from storage.models import ChatType, DeliveryKind
from storage.models.base import utc_now
from storage.repositories import DeliveryRepository, SubscriberRepository
from tests.support.bot_process import bots
from tests.support.crash import crash_broadcast
from tests.support.database import Database, postgres_url

SUBSCRIBERS = 60
RATE = 20  # messages a second overall: about three seconds of sending per run
LEASE_SECONDS = 2.0
# Two workers: a minute of sending at SEVERAL_RATE, time for three restarts of the killed one.
SEVERAL_SUBSCRIBERS, SEVERAL_RATE = 600, 10
# Longer than a claimed chat can wait for a place in its worker's half of SEVERAL_RATE, so the
# scheduler's tick never returns a live worker's row (a 2 s lease did: "taken over mid-send").
SEVERAL_LEASE_SECONDS = 10.0


async def one_message_each(database: Database, chats: list[int]) -> None:
    """A due outbox row of one message for a new subscriber in each chat."""
    engine = create_engine(database.url)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            subscribers = SubscriberRepository(session)
            outbox = DeliveryRepository(session)
            for chat in chats:
                subscriber = await subscribers.get_or_create(chat, ChatType.PRIVATE)
                payload = parts_to_payload([MessagePart(f"Digest for {chat}")])
                await outbox.enqueue(
                    subscriber.id, DeliveryKind.DIGEST, due_at=utc_now(), payload=payload
                )
    finally:
        await engine.dispose()


async def test_three_kills_lose_nothing_and_repeat_only_messages_in_flight(
    tmp_path: Path, database: Database
) -> None:
    limits = RateLimits(per_chat_per_second=1, global_per_second=RATE)
    async with LocalBotApi(rate_limits=limits) as api:
        chats = [api.create_private_chat().id for _ in range(SUBSCRIBERS)]
        await one_message_each(database, chats)
        async with bots(
            api.token, api.url, database.url, tmp_path, LEASE_SECONDS, rate_global_per_second=RATE
        ) as launcher:
            report = await crash_broadcast(
                launcher,
                api.url,
                database.url,
                chats,
                kills=3,
                seed=9,
                lease_seconds=LEASE_SECONDS,
                timeout=240,
            )

    print(report)
    assert len(report.kills) == 3
    assert [kill.accepted for kill in report.kills] == sorted(k.accepted for k in report.kills)
    assert report.kills[0].accepted > 0 and report.kills[-1].accepted < SUBSCRIBERS
    assert report.lost == []
    assert report.unexpected == []  # every repeat was in flight at a kill ...
    # ... and every send in flight repeats: its row was still `sending`, so it went again.
    assert set(report.duplicated) == {c for kill in report.kills for c in kill.in_flight}
    assert all(kill.resume_seconds is not None for kill in report.kills)
    assert len(report.duplicated) <= sum(len(kill.in_flight) for kill in report.kills)


@pytest.mark.usefixtures("migrated_postgres")  # skipped (or failed under CI) without PostgreSQL
async def test_a_worker_killed_three_times_beside_another_loses_nothing(tmp_path: Path) -> None:
    """PostgreSQL: a scheduler and two workers; one worker is killed and restarted three times.

    Each kill waits until the killed worker holds a share of the budget (it is sending), so its
    claimed rows are stranded until the scheduler's tick returns them after the lease.
    """
    limits = RateLimits(per_chat_per_second=1, global_per_second=SEVERAL_RATE)
    async with (
        LocalBotApi(rate_limits=limits) as api,
        scratch_database(postgres_url(), tmp_path, "crash_test") as url,
    ):
        chats = [api.create_private_chat().id for _ in range(SEVERAL_SUBSCRIBERS)]
        async with bots(
            api.token, api.url, url, tmp_path, SEVERAL_LEASE_SECONDS, SEVERAL_RATE
        ) as launcher:
            report = await crash_broadcast(
                launcher,
                api.url,
                url,
                chats,
                kills=3,
                seed=9,
                lease_seconds=SEVERAL_LEASE_SECONDS,
                timeout=240,
                workers=2,
                enqueue=lambda: one_message_each(Database(url), chats),
            )

    print(report)
    assert len(report.kills) == 3
    assert report.kills[0].accepted > 0 and report.kills[-1].accepted < SEVERAL_SUBSCRIBERS
    assert report.lost == []
    assert report.unexpected == []  # every repeat was the killed worker's send in flight ...
    assert set(report.duplicated) == {c for kill in report.kills for c in kill.in_flight}
