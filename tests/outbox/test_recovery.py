"""Crash recovery and shared work: the lease, the tick's release, two workers on one outbox."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from outbox.pacing import ChatPacer
from outbox.worker import DeliveryWorker, lease_of
from runtime.services import utc_now
from storage.models import Delivery, DeliveryState
from storage.repositories import DeliveryRepository
from tests.support.database import Database
from tests.support.world import World, outbox_world
from tick import run_tick


async def test_crash_after_one_of_three_parts_resends_only_the_rest_after_the_lease(
    any_database: Database,
) -> None:
    async with outbox_world(any_database) as w:
        subscriber = await w.add_subscriber()
        delivery_id = await w.enqueue(subscriber, "Part one", "Part two", "Part three")
        # A worker claims the row, sends part one, commits its progress, and dies.
        async with w.sessions() as session, session.begin():
            [claimed] = await DeliveryRepository(session).claim_due(w.clock.now)
        assert claimed.id == delivery_id
        message = await w.bot.send_message(subscriber.chat_id, "Part one")
        async with w.sessions() as session, session.begin():
            row = await session.get(Delivery, delivery_id)
            assert row is not None
            await DeliveryRepository(session).save_progress(
                row, {**row.payload, "sent": 1, "message_ids": [message.message_id]}
            )

        await w.worker.drain()  # still leased: nothing is sent
        w.clock.advance(seconds=lease_of(w.services).total_seconds() - 1)
        early = await run_tick(w.services)
        w.clock.advance(seconds=2)
        late = await run_tick(w.services)
        await w.worker.drain()

        assert (early.released, late.released) == (0, 1)
        assert w.texts(subscriber.chat_id) == ["Part one", "Part two", "Part three"]
        done = await w.row(delivery_id)
        assert done.state is DeliveryState.SENT and done.payload["sent"] == 3
        assert len(set(done.payload["message_ids"])) == 3


async def test_killed_worker_loses_nothing_and_repeats_at_most_the_part_in_flight(
    w: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    w.services.clock = utc_now
    subscriber = await w.add_subscriber()
    delivery_id = await w.enqueue(subscriber, "One", "Two", "Three")
    slow = DeliveryWorker(w.services, w.bot, pacer=ChatPacer(3))  # room to kill it mid-row

    async def dead(*_: object) -> None:
        """A killed worker gives nothing back (a stopped one does: test_worker_stop.py)."""

    monkeypatch.setattr(slow, "_release", dead)
    running = asyncio.create_task(slow.run())
    while (await w.row(delivery_id)).payload["sent"] < 1:
        await asyncio.sleep(0.01)
    running.cancel()  # as kill -9 would: between parts, part one committed, two not yet sent
    with pytest.raises(asyncio.CancelledError):
        await running
    stuck = await w.row(delivery_id)
    lease = lease_of(w.services)
    w.services.clock = lambda: utc_now() + lease + dt.timedelta(seconds=1)
    await run_tick(w.services)
    await w.worker.drain()

    assert stuck.state is DeliveryState.SENDING and stuck.payload["sent"] == 1
    assert w.texts(subscriber.chat_id) == ["One", "Two", "Three"]
    assert (await w.row(delivery_id)).state is DeliveryState.SENT


async def test_two_workers_share_the_outbox_and_send_each_message_once(
    any_database: Database,
) -> None:
    async with outbox_world(any_database) as w:
        subscribers = [await w.add_subscriber() for _ in range(4)]
        for subscriber in subscribers:
            for n in range(3):
                await w.enqueue(subscriber, f"Message {n}", key=f"k{n}")
        workers = [DeliveryWorker(w.services, w.bot, batch_size=2) for _ in range(2)]

        handled = await asyncio.gather(*(worker.drain() for worker in workers))

        assert sum(handled) == 12
        for subscriber in subscribers:
            assert sorted(w.texts(subscriber.chat_id)) == [f"Message {n}" for n in range(3)]


async def test_row_whose_every_part_was_recorded_is_marked_sent_without_resending(
    w: World,
) -> None:
    subscriber = await w.add_subscriber()
    delivery_id = await w.enqueue(subscriber, "Only part")
    async with w.sessions() as session, session.begin():
        [row] = await DeliveryRepository(session).claim_due(w.clock.now)
        await DeliveryRepository(session).save_progress(
            row, {**row.payload, "sent": 1, "message_ids": [77]}
        )
    w.clock.advance(seconds=lease_of(w.services).total_seconds() + 1)

    await run_tick(w.services)
    await w.worker.drain()

    done = await w.row(delivery_id)
    assert (done.state, done.telegram_message_id) == (DeliveryState.SENT, 77)
    assert w.api.calls("sendMessage") == []


async def test_the_tick_releases_after_the_configured_lease(database: Database) -> None:
    async with outbox_world(database, delivery_lease_seconds=30) as w:
        assert lease_of(w.services) == dt.timedelta(seconds=30)
        subscriber = await w.add_subscriber()
        await w.enqueue(subscriber, "Stuck")
        async with w.sessions() as session, session.begin():
            await DeliveryRepository(session).claim_due(w.clock.now)

        w.clock.advance(seconds=29)
        early = await run_tick(w.services)
        w.clock.advance(seconds=2)
        late = await run_tick(w.services)

        assert (early.released, late.released) == (0, 1)
