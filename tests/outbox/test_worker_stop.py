"""A worker stopped gracefully gives its claims back at once; only a dead one leaves them to the
lease (the crash contract of :mod:`outbox.worker`)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Callable

import pytest

import outbox.worker
from outbox.pacing import ChatPacer
from outbox.progress import ProgressWriter
from outbox.worker import DeliveryWorker
from rendering.parts import MessagePart, parts_to_payload
from storage.models import Delivery, DeliveryKind, DeliveryState, Subscriber
from storage.repositories import DeliveryRepository
from tests.support.database import Database
from tests.support.factories import make_claim
from tests.support.world import World, outbox_world

# Part 2 waits this long for the chat's pace: the worker is stopped while it waits.
SLOW_CHAT_PER_SECOND = 0.1


async def enqueue_digest(w: World, subscriber: Subscriber, *texts: str) -> int:
    """A pending digest row of ``texts`` (one part each), due now."""
    payload = parts_to_payload([MessagePart(text) for text in texts])
    async with w.sessions() as session, session.begin():
        row = await DeliveryRepository(session).enqueue(
            subscriber.id, DeliveryKind.DIGEST, due_at=w.clock.now, payload=payload,
            dedup_key="digest",
        )
        assert row is not None
        return row.id


async def row_when(
    w: World, delivery_id: int, done: str, test: Callable[[Delivery], bool]
) -> Delivery:
    """The row once ``test(row)`` holds; fails after 5 s saying ``done`` did not happen."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        row = await w.row(delivery_id)
        if test(row):
            return row
        await asyncio.sleep(0.02)
    raise AssertionError(f"delivery {delivery_id}: {done} did not happen within 5 s")


async def stopped_after_part_one(w: World, delivery_id: int, chat_id: int) -> asyncio.Task[None]:
    """A worker that sent and committed part 1 of ``delivery_id``, waits for the chat's pace
    to send part 2, and is then stopped (cancelled, as the bot's stop does); its task, ended."""
    worker = DeliveryWorker(w.services, w.bot, pacer=ChatPacer(SLOW_CHAT_PER_SECOND))
    running = asyncio.create_task(worker.run())
    await w.api.wait_for_messages(chat_id, 1, timeout=5)
    await row_when(w, delivery_id, "part 1 committed", lambda row: row.payload.get("sent") == 1)
    running.cancel()
    done, _ = await asyncio.wait([running], timeout=10)
    assert done == {running}, "the worker did not stop"
    return running


async def test_a_stopped_worker_gives_back_a_half_sent_digest_and_only_its_rest_goes_out(
    any_database: Database,
) -> None:
    async with outbox_world(any_database) as w:
        subscriber = await w.add_subscriber()
        delivery_id = await enqueue_digest(w, subscriber, "Part one", "Part two")

        await stopped_after_part_one(w, delivery_id, subscriber.chat_id)

        row = await w.row(delivery_id)
        assert (row.state, row.claimed_at, row.payload["sent"]) == (
            DeliveryState.PENDING, None, 1
        )
        assert row.due_at <= w.clock.now  # due at once
        assert row.attempts == 0  # a stop is no failed attempt
        # A new worker (a restart: a pacer of its own) sends part 2, and only it, at once:
        # the test clock never moves, so the lease can have nothing to do with it.
        after = DeliveryWorker(w.services, w.bot, pacer=ChatPacer(100.0))
        assert await asyncio.wait_for(after.drain(), 5) == 1

        assert w.texts(subscriber.chat_id) == ["Part one", "Part two"]
        sent = await w.row(delivery_id)
        assert (sent.state, sent.payload["sent"]) == (DeliveryState.SENT, 2)
        assert len(w.api.calls("sendMessage")) == 2


async def test_a_stop_with_the_database_hung_gives_up_soon_and_leaves_the_claim_to_the_lease(
    w: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    subscriber = await w.add_subscriber()
    delivery_id = await enqueue_digest(w, subscriber, "Part one", "Part two")

    async def hang(*_: object) -> int:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    monkeypatch.setattr(outbox.worker, "RELEASE_SECONDS", 0.3)
    monkeypatch.setattr(DeliveryRepository, "release_claims", hang)
    with caplog.at_level(logging.INFO, logger="outbox.worker"):
        started = time.monotonic()
        await stopped_after_part_one(w, delivery_id, subscriber.chat_id)
        stopping = time.monotonic() - started

    assert stopping < 5
    assert [r.getMessage() for r in caplog.records if "stopping" in r.getMessage()] == [
        "stopping: could not give back 1 claimed deliveries (no answer in 0.3 s); they are "
        "sent again after the 120 s lease"
    ]
    row = await w.row(delivery_id)
    assert (row.state, row.payload["sent"]) == (DeliveryState.SENDING, 1)


async def test_only_rows_still_under_the_stopping_claim_are_given_back(w: World) -> None:
    subscriber = await w.add_subscriber()
    ours = await w.enqueue(subscriber, "Ours", key="ours")
    taken = await w.enqueue(subscriber, "Taken over", key="taken")
    async with w.sessions() as session, session.begin():
        rows = await DeliveryRepository(session).claim_due(w.clock.now)
    assert {row.id for row in rows} == {ours, taken}
    claimed_at = w.clock.now
    later = claimed_at + dt.timedelta(minutes=5)  # another worker's claim after a lease expiry
    async with w.sessions() as session, session.begin():
        row = await session.get(Delivery, taken)
        assert row is not None
        row.claimed_at = later

    async with w.sessions() as session, session.begin():
        released = await DeliveryRepository(session).release_claims(
            {ours: {claimed_at}, taken: {claimed_at}}
        )

    assert released == 1
    assert (await w.row(ours)).state is DeliveryState.PENDING
    left = await w.row(taken)
    assert (left.state, left.claimed_at) == (DeliveryState.SENDING, later)


async def test_finish_commits_progress_a_cancelled_chat_left_queued(w: World) -> None:
    subscriber = await w.add_subscriber()
    delivery_id = await w.enqueue(subscriber, "One", "Two")
    async with w.sessions() as session, session.begin():
        [row] = await DeliveryRepository(session).claim_due(w.clock.now)
    assert row.claimed_at is not None
    claim = make_claim(
        delivery_id, chat_id=subscriber.chat_id, subscriber_id=subscriber.id, at=row.claimed_at
    )
    claim.payload = dict(row.payload)
    writer = ProgressWriter(w.services)
    async with writer.serial:  # another chat's commit runs: this one queues, then is cancelled
        claim.message_ids.append(41)
        queued = asyncio.create_task(writer.commit(claim, 1, done=False))
        await asyncio.sleep(0)
        queued.cancel()
        with pytest.raises(asyncio.CancelledError):
            await queued

    renewed = w.clock.advance(seconds=1)
    await writer.finish()

    stored = await w.row(delivery_id)
    assert (stored.payload["sent"], stored.payload["message_ids"]) == (1, [41])
    assert stored.claimed_at == claim.claimed_at == renewed  # the claim knows its new lease
