"""The worker keeps many chats in flight, claims whole chats, and never sends to one chat twice."""

from __future__ import annotations

import asyncio

from outbox.worker import BATCH_SIZE, MAX_IN_FLIGHT, chats_in_flight
from storage.models import DeliveryState
from storage.repositories import DeliveryRepository
from tests.support.database import Database, empty_tables
from tests.support.world import World, outbox_world

CHATS = 6
HOLD_SECONDS = 0.5  # each send is answered this late: long enough to see them overlap


def in_flight(w: World) -> int:
    """``sendMessage`` calls the server has received but not yet answered."""
    return sum(1 for call in w.api.calls("sendMessage") if call.status == 0)


async def test_run_sends_to_several_chats_at_once(w: World) -> None:
    subscribers = [await w.add_subscriber() for _ in range(CHATS)]
    for subscriber in subscribers:
        await w.enqueue(subscriber, f"hello {subscriber.chat_id}")
    w.api.delay_next("sendMessage", seconds=HOLD_SECONDS, times=CHATS)

    running = asyncio.create_task(w.worker.run())
    most = 0
    try:
        for _ in range(200):  # at most ~4 s
            most = max(most, in_flight(w))
            if sum(len(w.texts(r.chat_id)) for r in subscribers) == CHATS and in_flight(w) == 0:
                break
            await asyncio.sleep(0.02)
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)

    assert most >= 3  # one at a time would never show more than one
    expected = [[f"hello {r.chat_id}"] for r in subscribers]
    assert [w.texts(r.chat_id) for r in subscribers] == expected


def test_chats_in_flight_are_two_seconds_of_the_rate_this_process_may_send_at(w: World) -> None:
    overall = w.services.pacer.overall
    assert overall is not None
    overall.set_rate(40)  # a share of a budget shared with other instances
    assert chats_in_flight(w.services) == 80
    overall.set_rate(1000)
    assert chats_in_flight(w.services) == MAX_IN_FLIGHT
    overall.set_rate(0)  # no share yet: a batch, sent once the share comes
    assert chats_in_flight(w.services) == BATCH_SIZE


async def test_run_claims_no_more_chats_than_its_share_sends_in_two_seconds(w: World) -> None:
    overall = w.services.pacer.overall
    assert overall is not None
    overall.set_rate(BATCH_SIZE / 2)  # settings allow 30 msg/s: 60 chats; the share 20
    subscribers = [await w.add_subscriber() for _ in range(BATCH_SIZE + 10)]
    for subscriber in subscribers:
        await w.enqueue(subscriber, "hello")
    w.api.delay_next("sendMessage", seconds=3, times=len(subscribers))  # none finishes yet

    async def count(state: DeliveryState) -> int:
        return sum(1 for row in await w.deliveries() if row.state is state)

    running = asyncio.create_task(w.worker.run())
    try:
        for _ in range(100):
            if await count(DeliveryState.SENDING) >= BATCH_SIZE:
                break
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.2)  # room for a second claim, were one allowed
        sending, pending = await count(DeliveryState.SENDING), await count(DeliveryState.PENDING)
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)

    assert (sending, pending) == (BATCH_SIZE, 10)


async def test_a_chat_with_a_row_sending_is_not_claimed_again(w: World) -> None:
    busy, other = await w.add_subscriber(), await w.add_subscriber()
    first = await w.enqueue(busy, "one", key="a")
    second = await w.enqueue(busy, "two", key="b")
    third = await w.enqueue(other, "three", key="c")

    async with w.sessions() as session, session.begin():
        claimed = await DeliveryRepository(session).claim_due_chats(w.clock.now, 10, 1)
    async with w.sessions() as session, session.begin():
        again = await DeliveryRepository(session).claim_due_chats(w.clock.now, 10, 1)
    async with w.sessions() as session, session.begin():
        repository = DeliveryRepository(session)
        row = await repository.get(first)
        assert row is not None
        await repository.mark_sent(row, w.clock.now)
    async with w.sessions() as session, session.begin():
        after = await DeliveryRepository(session).claim_due_chats(w.clock.now, 10, 1)

    assert sorted(row.id for row in claimed) == [first, third]
    assert again == []  # both chats have a row sending
    assert [row.id for row in after] == [second]
    assert (await w.row(second)).state is DeliveryState.SENDING


async def test_three_workers_claiming_at_once_on_postgresql_each_take_chats(
    migrated_postgres: Database,
) -> None:
    await empty_tables(migrated_postgres)
    async with outbox_world(migrated_postgres) as w:
        subscribers = [await w.add_subscriber() for _ in range(6)]
        for subscriber in subscribers:
            await w.enqueue(subscriber, "hello")

        async with w.sessions() as first, first.begin():
            first_chats = await DeliveryRepository(first).claim_due_chats(w.clock.now, 2, 1)
            async with w.sessions() as second, second.begin():
                second_chats = await DeliveryRepository(second).claim_due_chats(w.clock.now, 2, 1)
                async with w.sessions() as third, third.begin():
                    # Before: candidates were twice what one claim asks (the four oldest
                    # chats), all locked by the first two claims: the third took nothing.
                    third_chats = await DeliveryRepository(third).claim_due_chats(
                        w.clock.now, 2, 1
                    )

    assert [row.subscriber_id for row in first_chats] == [s.id for s in subscribers[:2]]
    assert [row.subscriber_id for row in second_chats] == [s.id for s in subscribers[2:4]]
    assert [row.subscriber_id for row in third_chats] == [s.id for s in subscribers[4:]]
