"""Subscriber and outbox queries the bot needs: due digests, rules, stats, stale claims."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.models import (
    ChatType,
    Delivery,
    DeliveryKind,
    DeliveryState,
    RuleKind,
    Subscriber,
    SubscriberState,
)
from storage.repositories import DeliveryRepository, SubscriberRepository, TopicRuleRepository
from storage.repositories.deliveries import Progress

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
Factory = async_sessionmaker[AsyncSession]


async def subscriber(
    session: AsyncSession,
    chat_id: int,
    *,
    next_at: dt.datetime | None = None,
    digest: dt.time | None = dt.time(8, 0),
    state: SubscriberState = SubscriberState.ACTIVE,
) -> Subscriber:
    subscriber = await SubscriberRepository(session).get_or_create(chat_id, ChatType.PRIVATE)
    subscriber.digest_time, subscriber.next_digest_at, subscriber.state = digest, next_at, state
    await session.flush()
    return subscriber


async def test_due_for_digest_picks_active_readers_whose_time_came(
    session: AsyncSession,
) -> None:
    overdue = await subscriber(session, 1, next_at=NOW - 60 * MINUTE)
    exactly = await subscriber(session, 2, next_at=NOW)
    await subscriber(session, 3, next_at=NOW + MINUTE)  # not yet
    await subscriber(session, 4, next_at=NOW - MINUTE, digest=None)  # digest off
    await subscriber(session, 5, next_at=NOW - MINUTE, state=SubscriberState.STOPPED)
    await subscriber(session, 6, next_at=NOW - MINUTE, state=SubscriberState.BLOCKED)
    await subscriber(session, 7, next_at=None)
    repository = SubscriberRepository(session)
    assert await repository.due_for_digest(NOW) == [overdue, exactly]
    assert await repository.due_for_digest(NOW, limit=1) == [overdue]


async def test_concurrent_schedulers_get_disjoint_readers_on_postgres(
    engine: AsyncEngine, session_factory: Factory
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers with BEGIN IMMEDIATE instead of row locks")
    async with session_factory() as session, session.begin():
        for chat_id in range(1, 5):
            await subscriber(session, chat_id, next_at=NOW - MINUTE)
    async with session_factory() as first, first.begin():
        held = await SubscriberRepository(first).due_for_digest(NOW, limit=2)
        async with session_factory() as second, second.begin():
            other = await SubscriberRepository(second).due_for_digest(NOW)
    assert {s.id for s in held}.isdisjoint({s.id for s in other})
    assert (len(held), len(other)) == (2, 2)


async def test_count_by_state_lists_every_state(session: AsyncSession) -> None:
    repository = SubscriberRepository(session)
    assert await repository.count_by_state() == dict.fromkeys(SubscriberState, 0)
    await subscriber(session, 1)
    await subscriber(session, 2)
    await subscriber(session, 3, state=SubscriberState.BLOCKED)
    assert await repository.count_by_state() == {
        SubscriberState.ACTIVE: 2, SubscriberState.STOPPED: 0, SubscriberState.BLOCKED: 1
    }


async def test_rules_of_active_readers(session: AsyncSession) -> None:
    ann, bob = await subscriber(session, 1), await subscriber(session, 2)
    gone = await subscriber(session, 3, state=SubscriberState.STOPPED)
    quiet = await subscriber(session, 4)
    rules = TopicRuleRepository(session)
    await rules.add(ann.id, RuleKind.FOLLOW, "Israel")
    await rules.add(ann.id, RuleKind.FOLLOW, "defence minister")
    await rules.add(ann.id, RuleKind.MUTE, "football")
    await rules.add(bob.id, RuleKind.FOLLOW, "economy")
    await rules.add(gone.id, RuleKind.FOLLOW, "israel")
    await rules.add(quiet.id, RuleKind.MUTE, "weather")
    follows = await rules.follows_of_active()
    assert [(s.id, r.phrase) for s, r in follows] == [
        (ann.id, "defence minister"), (ann.id, "israel"), (bob.id, "economy")
    ]
    assert all(r.kind is RuleKind.FOLLOW for _, r in follows)
    assert await rules.phrases(ann.id, RuleKind.FOLLOW) == ["defence minister", "israel"]
    assert await rules.phrases(ann.id, RuleKind.MUTE) == ["football"]
    assert await rules.phrases(bob.id, RuleKind.MUTE) == []
    subscribers = SubscriberRepository(session)
    assert await subscribers.list_active_with_rule(RuleKind.FOLLOW) == [ann, bob]
    assert await subscribers.list_active_with_rule(RuleKind.MUTE) == [ann, quiet]


async def _delivery(session: AsyncSession, key: str) -> Delivery:
    subscriber = await SubscriberRepository(session).get_or_create(9, ChatType.PRIVATE)
    delivery = await DeliveryRepository(session).enqueue(
        subscriber.id, DeliveryKind.DIGEST, due_at=NOW, dedup_key=key,
        payload={"parts": [{"text": "a", "buttons": []}], "sent": 0, "message_ids": []},
    )
    assert delivery is not None
    return delivery


async def test_release_stale_returns_only_expired_claims(session: AsyncSession) -> None:
    outbox = DeliveryRepository(session)
    for key in ("old", "fresh", "waiting"):
        await _delivery(session, key)
    old, fresh = await outbox.claim_due(NOW, limit=2)
    fresh.claimed_at = NOW + 10 * MINUTE
    await session.flush()
    lease = dt.timedelta(minutes=5)
    assert await outbox.release_stale(NOW + 12 * MINUTE, lease) == 1
    assert (old.state, old.claimed_at, old.attempts) == (DeliveryState.PENDING, None, 1)
    assert fresh.state is DeliveryState.SENDING
    assert await outbox.release_stale(NOW + 12 * MINUTE, lease) == 0
    (again, waiting) = await outbox.claim_due(NOW + 12 * MINUTE, limit=10)
    assert again.id == old.id and again.attempts == 2 and waiting.dedup_key == "waiting"


async def test_counts_by_state_lists_every_state(session: AsyncSession) -> None:
    outbox = DeliveryRepository(session)
    assert await outbox.counts_by_state() == dict.fromkeys(DeliveryState, 0)
    for key in ("a", "b", "c", "d"):
        await _delivery(session, key)
    first, second, _ = await outbox.claim_due(NOW, limit=3)
    await outbox.mark_sent(first, NOW)
    await outbox.mark_failed(second, "403 blocked")
    assert await outbox.counts_by_state() == {
        DeliveryState.PENDING: 1, DeliveryState.SENDING: 1,
        DeliveryState.SENT: 1, DeliveryState.FAILED: 1,
    }


async def test_save_progress_persists_in_place_changes(session_factory: Factory) -> None:
    async with session_factory() as session, session.begin():
        delivery_id = (await _delivery(session, "digest:2026-11-25")).id
    async with session_factory() as session, session.begin():
        outbox = DeliveryRepository(session)
        (delivery,) = await outbox.claim_due(NOW)
        payload = delivery.payload  # mutated in place, as a careless caller might
        payload["sent"] += 1
        payload["message_ids"].append(501)
        await outbox.save_progress(delivery, payload)
    async with session_factory() as session, session.begin():
        outbox = DeliveryRepository(session)
        stored = await outbox.get(delivery_id)
        assert stored is not None
        assert (stored.payload["sent"], stored.payload["message_ids"]) == (1, [501])
        await outbox.save_progress(stored, {**stored.payload, "sent": 2})
    async with session_factory() as session:
        stored = await DeliveryRepository(session).get(delivery_id)
        assert stored is not None and stored.payload["sent"] == 2


async def test_record_progress_writes_only_rows_still_under_their_claim(
    session_factory: Factory,
) -> None:
    async with session_factory() as session, session.begin():
        for key in ("going", "done", "taken", "released"):
            await _delivery(session, key)
        claimed = await DeliveryRepository(session).claim_due(NOW, limit=4)
        going, _, taken, released = claimed
        going.last_error, taken.claimed_at = "NetworkError: timed out", NOW + MINUTE
        released.state, released.claimed_at = DeliveryState.PENDING, None
        await session.flush()
        ids = [row.id for row in claimed]

    later = NOW + 2 * MINUTE
    sent = {"parts": [{"text": "a", "buttons": []}], "sent": 1, "message_ids": [701]}
    progress = [
        Progress(ids[0], sent, False, 701, NOW),
        Progress(ids[1], sent, True, 702, NOW),
        Progress(ids[2], sent, False, 703, NOW),  # claimed at NOW + MINUTE since: not ours
        Progress(ids[3], sent, True, 704, NOW),  # released by the tick: not ours
    ]
    async with session_factory() as session, session.begin():
        recorded = await DeliveryRepository(session).record_progress(progress, later)

    assert recorded == {ids[0], ids[1]}
    async with session_factory() as session:
        rows = {row.id: row for row in (await session.scalars(select(Delivery))).all()}
    going_row, done_row, taken_row, released_row = (rows[i] for i in ids)
    assert (going_row.state, going_row.claimed_at, going_row.payload) == (
        DeliveryState.SENDING, later, sent
    )
    assert (going_row.last_error, going_row.sent_at) == ("NetworkError: timed out", None)
    assert (done_row.state, done_row.sent_at, done_row.telegram_message_id) == (
        DeliveryState.SENT, later, 702
    )
    assert (done_row.claimed_at, done_row.payload["sent"]) == (NOW, 1)
    assert (taken_row.state, taken_row.claimed_at, taken_row.payload["sent"]) == (
        DeliveryState.SENDING, NOW + MINUTE, 0
    )
    assert (released_row.state, released_row.payload["sent"]) == (DeliveryState.PENDING, 0)


async def test_record_progress_of_nothing_records_nothing(session: AsyncSession) -> None:
    assert await DeliveryRepository(session).record_progress([], NOW) == set()
