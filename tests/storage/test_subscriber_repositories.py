"""Subscribers, topic rules and the delivery outbox."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.models import (
    ChatType,
    DeliveryKind,
    DeliveryState,
    RuleKind,
    SubscriberState,
    TopicRule,
)
from storage.repositories import DeliveryRepository, SubscriberRepository, TopicRuleRepository

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
Factory = async_sessionmaker[AsyncSession]


async def test_get_or_create_subscriber_is_idempotent(session: AsyncSession) -> None:
    repository = SubscriberRepository(session)
    first = await repository.get_or_create(42, ChatType.PRIVATE, "Ann")
    again = await repository.get_or_create(42, ChatType.PRIVATE, "Ann")
    assert first.id == again.id
    assert first.state is SubscriberState.ACTIVE and first.digest_time is None
    await repository.set_state(first, SubscriberState.BLOCKED)
    assert await repository.list_active() == []


async def test_a_topic_rule_keeps_the_readers_case_to_show_and_the_latest_one_wins(
    session: AsyncSession,
) -> None:
    subscriber = await SubscriberRepository(session).get_or_create(7, ChatType.GROUP)
    rules = TopicRuleRepository(session)
    assert await rules.add(subscriber.id, RuleKind.FOLLOW, " Курск ")
    assert await rules.add(subscriber.id, RuleKind.FOLLOW, "nato")
    assert not await rules.add(subscriber.id, RuleKind.FOLLOW, "NATO")
    assert await rules.phrases(subscriber.id, RuleKind.FOLLOW) == ["nato", "курск"]
    assert await rules.shown_phrases(subscriber.id, RuleKind.FOLLOW) == ["NATO", "Курск"]
    # A rule stored before its spelling was kept is shown as stored.
    session.add(TopicRule(subscriber_id=subscriber.id, kind=RuleKind.MUTE, phrase="football"))
    await session.flush()
    assert await rules.shown_phrases(subscriber.id, RuleKind.MUTE) == ["football"]


async def test_topic_rules_are_normalised_and_unique(session: AsyncSession) -> None:
    subscriber = await SubscriberRepository(session).get_or_create(7, ChatType.GROUP)
    rules = TopicRuleRepository(session)
    assert await rules.add(subscriber.id, RuleKind.FOLLOW, "  Defence   Minister ")
    assert not await rules.add(subscriber.id, RuleKind.FOLLOW, "defence minister")
    assert await rules.add(subscriber.id, RuleKind.MUTE, "defence minister")
    assert not await rules.add(subscriber.id, RuleKind.MUTE, "   ")
    follows = await rules.list(subscriber.id, RuleKind.FOLLOW)
    assert [rule.phrase for rule in follows] == ["defence minister"]
    assert await rules.remove(subscriber.id, RuleKind.FOLLOW, "DEFENCE minister")
    assert not await rules.remove(subscriber.id, RuleKind.FOLLOW, "defence minister")
    assert [rule.kind for rule in await rules.list(subscriber.id)] == [RuleKind.MUTE]


async def test_dedup_key_prevents_second_digest_for_same_date(session: AsyncSession) -> None:
    subscriber = await SubscriberRepository(session).get_or_create(1, ChatType.PRIVATE)
    outbox = DeliveryRepository(session)
    first = await outbox.enqueue(
        subscriber.id, DeliveryKind.DIGEST, due_at=NOW, dedup_key="digest:2026-11-25"
    )
    second = await outbox.enqueue(
        subscriber.id, DeliveryKind.DIGEST, due_at=NOW, dedup_key="digest:2026-11-25"
    )
    next_day = await outbox.enqueue(
        subscriber.id, DeliveryKind.DIGEST, due_at=NOW, dedup_key="digest:2026-11-26"
    )
    assert first is not None and first.state is DeliveryState.PENDING
    assert second is None
    assert next_day is not None
    other = await SubscriberRepository(session).get_or_create(2, ChatType.PRIVATE)
    assert await outbox.enqueue(
        other.id, DeliveryKind.DIGEST, due_at=NOW, dedup_key="digest:2026-11-25"
    ) is not None


async def _enqueue_due(factory: Factory, count: int) -> None:
    async with factory() as session, session.begin():
        subscriber = await SubscriberRepository(session).get_or_create(5, ChatType.PRIVATE)
        outbox = DeliveryRepository(session)
        for n in range(count):
            await outbox.enqueue(subscriber.id, DeliveryKind.ALERT, due_at=NOW,
                                 dedup_key=f"alert:{n}", payload={"n": n})
        await outbox.enqueue(subscriber.id, DeliveryKind.ALERT,
                             due_at=NOW + dt.timedelta(hours=1), dedup_key="alert:later")


async def test_claim_due_skips_rows_being_sent(session_factory: Factory) -> None:
    await _enqueue_due(session_factory, 3)
    async with session_factory() as session, session.begin():
        claimed = await DeliveryRepository(session).claim_due(NOW, limit=2)
    assert [d.payload["n"] for d in claimed] == [0, 1]
    assert all(d.state is DeliveryState.SENDING and d.attempts == 1 for d in claimed)
    async with session_factory() as session, session.begin():
        rest = await DeliveryRepository(session).claim_due(NOW, limit=10)
    assert [d.payload["n"] for d in rest] == [2]


async def test_concurrent_claimers_get_disjoint_rows_on_postgres(
    engine: AsyncEngine, session_factory: Factory
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises claimers with BEGIN IMMEDIATE instead of row locks")
    await _enqueue_due(session_factory, 4)
    async with session_factory() as first, first.begin():
        held = await DeliveryRepository(first).claim_due(NOW, limit=2)
        async with session_factory() as second, second.begin():
            other = await DeliveryRepository(second).claim_due(NOW, limit=10)
    assert {d.id for d in held}.isdisjoint({d.id for d in other})
    assert (len(held), len(other)) == (2, 2)


async def test_retry_failed_and_sent_transitions(session_factory: Factory) -> None:
    await _enqueue_due(session_factory, 2)
    async with session_factory() as session, session.begin():
        outbox = DeliveryRepository(session)
        retry, fail = await outbox.claim_due(NOW, limit=2)
        await outbox.mark_retry(retry, NOW + dt.timedelta(seconds=30), "429 retry_after=30")
        await outbox.mark_failed(fail, "403 blocked")
    async with session_factory() as session, session.begin():
        outbox = DeliveryRepository(session)
        assert await outbox.claim_due(NOW, limit=10) == []
        (again,) = await outbox.claim_due(NOW + dt.timedelta(seconds=30), limit=10)
        assert again.id == retry.id and again.attempts == 2
        await outbox.mark_sent(again, NOW, telegram_message_id=99)
    async with session_factory() as session:
        outbox = DeliveryRepository(session)
        sent, failed = await outbox.get(retry.id), await outbox.get(fail.id)
    assert sent is not None and sent.state is DeliveryState.SENT and sent.sent_at == NOW
    assert sent.telegram_message_id == 99 and sent.last_error is None
    assert failed is not None and failed.state is DeliveryState.FAILED
