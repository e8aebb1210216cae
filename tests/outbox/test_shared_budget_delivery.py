"""Two delivery workers on one PostgreSQL database share one send budget at the local Bot API.

Two :class:`BotServices` (as two ``briefbot run --role worker`` would have), each with its
own bot, pacer and :func:`outbox.shared_budget.shared_budget`, deliver 100 due messages to
100 private chats through a local Bot API enforcing ``L`` messages in any sliding second.
L = 10: this one process hosts the server and both workers, and keeps up on a loaded machine.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import datetime as dt
import time
from collections import Counter
from collections.abc import AsyncIterator

from sqlalchemy import func, insert, select

from local_bot_api import LocalBotApi, RateLimits
from outbox.worker import DeliveryWorker
from rendering.parts import MessagePart, parts_to_payload
from runtime.services import utc_now
from storage.models import ChatType, Delivery, DeliveryKind, DeliveryState, Subscriber
from tests.support.database import Database, empty_tables
from tests.support.instances import shared_budget_instance

L = 10
CHATS = 100
DEADLINE_SECONDS = 60.0  # 100 messages at 10/s take 10 s; a stall fails here, clearly


@contextlib.asynccontextmanager
async def instance(api: LocalBotApi, database: Database) -> AsyncIterator[DeliveryWorker]:
    """One instance on the shared budget of L: its delivery worker."""
    async with shared_budget_instance(api, database, L) as (services, bot):
        yield DeliveryWorker(services, bot, idle_seconds=0.05)


def max_in_any_second(times: list[float]) -> int:
    """The most instants within any sliding one-second window."""
    ordered = sorted(times)
    return max(
        (bisect.bisect_right(ordered, t + 1.0 - 1e-9) - i for i, t in enumerate(ordered)),
        default=0,
    )


async def sent_count(database: Database) -> int:
    """Rows marked sent."""
    engine = database.engine()
    try:
        async with engine.connect() as connection:
            count = await connection.scalar(
                select(func.count()).select_from(Delivery)
                .where(Delivery.state == DeliveryState.SENT)
            )
    finally:
        await engine.dispose()
    return int(count or 0)


async def test_two_workers_together_keep_one_budget_and_use_most_of_it(
    migrated_postgres: Database,
) -> None:
    await empty_tables(migrated_postgres)
    async with LocalBotApi(
        rate_limits=RateLimits(per_chat_per_second=1, global_per_second=L)
    ) as api:
        chats = [api.create_private_chat().id for _ in range(CHATS)]
        now = utc_now()
        engine = migrated_postgres.engine()
        async with engine.begin() as connection:
            await connection.execute(insert(Subscriber), [
                {"chat_id": chat, "chat_type": ChatType.PRIVATE, "timezone": "UTC",
                 "created_at": now - dt.timedelta(days=1)} for chat in chats
            ])
            ids = (await connection.execute(select(Subscriber.id))).scalars().all()
            await connection.execute(insert(Delivery), [
                {"subscriber_id": sid, "kind": DeliveryKind.MESSAGE, "dedup_key": "m",
                 "payload": parts_to_payload([MessagePart(f"hello {sid}")]), "due_at": now}
                for sid in ids
            ])
        await engine.dispose()

        async with instance(api, migrated_postgres) as one, instance(
            api, migrated_postgres
        ) as two:
            workers = [asyncio.create_task(w.run()) for w in (one, two)]
            began, sent = time.monotonic(), 0
            try:
                while (sent := await sent_count(migrated_postgres)) < CHATS:
                    assert not any(w.done() for w in workers), "a worker stopped"
                    assert time.monotonic() - began < DEADLINE_SECONDS, (
                        f"only {sent} of {CHATS} sent after {DEADLINE_SECONDS:g} s "
                        f"({len(api.calls('sendMessage'))} sendMessage calls at the server)"
                    )
                    await asyncio.sleep(0.1)
            finally:
                for task in workers:
                    task.cancel()
                await asyncio.gather(*workers, return_exceptions=True)

        calls = api.calls("sendMessage")
    accepted = sorted(call.time for call in calls if call.status == 200)
    per_chat = Counter(int(str(call.chat_id)) for call in calls if call.status == 200)
    assert [call.status for call in calls if call.status != 200] == []  # no 429
    assert sorted(per_chat) == sorted(chats)
    assert set(per_chat.values()) == {1}
    assert max_in_any_second(accepted) <= L
    rate = (len(accepted) - 1) / (accepted[-1] - accepted[0])
    assert rate >= 0.8 * L, f"{rate:.1f} msg/s, under 0.8 of {L}"
