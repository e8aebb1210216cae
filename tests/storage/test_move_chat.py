"""SubscriberRepository.move_chat: a group upgraded to a supergroup keeps one subscriber, merged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import (
    ChatType,
    Delivery,
    DeliveryKind,
    DeliveryState,
    DigestScope,
    RuleKind,
    Subscriber,
    SubscriberState,
    TopicRule,
)
from storage.repositories import DeliveryRepository, SubscriberRepository, TopicRuleRepository
from tests.support.factories import make_subscriber

NOW = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC)
Factory = async_sessionmaker[AsyncSession]


async def add_subscriber(factory: Factory, **fields: Any) -> Subscriber:
    """A stored active subscriber (digest at 08:00 UTC) with ``fields`` overridden."""
    values: dict[str, Any] = {"timezone": "UTC", "digest_time": dt.time(8, 0), "created_at": NOW}
    values.update(fields)
    subscriber = make_subscriber(**values)
    async with factory() as session, session.begin():
        session.add(subscriber)
    return subscriber


async def add_rules(factory: Factory, subscriber: Subscriber, *rules: tuple[RuleKind, str]) -> None:
    """Follow and mute rules of ``subscriber``."""
    async with factory() as session, session.begin():
        session.add_all(
            TopicRule(subscriber_id=subscriber.id, kind=kind, phrase=phrase, created_at=NOW)
            for kind, phrase in rules
        )


async def enqueue(factory: Factory, subscriber: Subscriber, text: str, key: str) -> None:
    """A pending one-part message row for ``subscriber``, due now."""
    payload = {"parts": [{"text": text, "buttons": []}], "sent": 0, "message_ids": []}
    async with factory() as session, session.begin():
        row = await DeliveryRepository(session).enqueue(
            subscriber.id, DeliveryKind.MESSAGE, due_at=NOW, payload=payload, dedup_key=key
        )
        assert row is not None


async def test_move_chat_merges_two_readers_into_the_old_one(session_factory: Factory) -> None:
    old = await add_subscriber(
        session_factory, chat_id=-500_001, chat_type=ChatType.GROUP, title="Old",
        digest_time=dt.time(7, 0), state=SubscriberState.STOPPED,
    )
    new = await add_subscriber(
        session_factory, chat_id=-1_001_000_000_001, chat_type=ChatType.SUPERGROUP, title="New",
        digest_time=dt.time(9, 30), next_digest_at=NOW + dt.timedelta(hours=18),
    )
    await add_rules(session_factory, old, (RuleKind.FOLLOW, "harbour"), (RuleKind.MUTE, "strike"))
    await add_rules(session_factory, new, (RuleKind.FOLLOW, "harbour"), (RuleKind.FOLLOW, "ferry"))
    await enqueue(session_factory, old, "old digest", key="digest:2026-11-25")
    await enqueue(session_factory, old, "old alert", key="alert:1")
    await enqueue(session_factory, new, "new digest", key="digest:2026-11-25")
    await enqueue(session_factory, new, "new alert", key="alert:2")

    async with session_factory() as session, session.begin():
        kept = await SubscriberRepository(session).move_chat(old.chat_id, new.chat_id)
        assert kept is not None and kept.id == old.id
    async with session_factory() as session, session.begin():
        again = await SubscriberRepository(session).move_chat(old.chat_id, new.chat_id)
        assert again is not None and again.id == old.id
        assert await SubscriberRepository(session).move_chat(-1, -2) is None

    async with session_factory() as session:
        [merged] = (await session.scalars(select(Subscriber))).all()
        rules = await TopicRuleRepository(session).list(old.id)
        rows = (await session.scalars(select(Delivery).order_by(Delivery.dedup_key))).all()
    assert (merged.id, merged.chat_id, merged.chat_type, merged.title) == (
        old.id, new.chat_id, ChatType.SUPERGROUP, "New"
    )
    # The states differed: the newer row's subscription (active, 09:30) was taken.
    assert (merged.state, merged.digest_time, merged.next_digest_at) == (
        SubscriberState.ACTIVE, dt.time(9, 30), NOW + dt.timedelta(hours=18)
    )
    assert [(rule.kind, rule.phrase) for rule in rules] == [
        (RuleKind.FOLLOW, "ferry"), (RuleKind.FOLLOW, "harbour"), (RuleKind.MUTE, "strike")
    ]
    assert [(row.dedup_key, row.subscriber_id, row.payload["parts"][0]["text"])
            for row in rows] == [
        ("alert:1", old.id, "old alert"),
        ("alert:2", old.id, "new alert"),
        ("digest:2026-11-25", old.id, "old digest"),
    ]
    assert all(row.state is DeliveryState.PENDING for row in rows)


async def test_move_chat_keeps_the_old_settings_when_both_readers_are_active(
    session_factory: Factory,
) -> None:
    old = await add_subscriber(
        session_factory, chat_id=-500_002, chat_type=ChatType.GROUP, digest_time=dt.time(7, 0)
    )
    new = await add_subscriber(session_factory, chat_id=-1_001_000_000_002,
                           chat_type=ChatType.SUPERGROUP)

    async with session_factory() as session, session.begin():
        kept = await SubscriberRepository(session).move_chat(old.chat_id, new.chat_id)
        assert kept is not None

    async with session_factory() as session:
        merged = await session.get(Subscriber, old.id)
        assert merged is not None
        assert (merged.chat_id, merged.state, merged.digest_time) == (
            new.chat_id, SubscriberState.ACTIVE, dt.time(7, 0)
        )
        assert await session.get(Subscriber, new.id) is None


async def test_move_chat_takes_the_newer_rows_delivery_options_with_its_subscription(
    session_factory: Factory,
) -> None:
    old = await add_subscriber(
        session_factory, chat_id=-500_009, chat_type=ChatType.GROUP,
        state=SubscriberState.STOPPED, silent=True,
    )
    new = await add_subscriber(
        session_factory, chat_id=-1_001_000_000_009, chat_type=ChatType.SUPERGROUP,
        link_previews=True, summary_length=2, digest_scope=DigestScope.FOLLOWED,
    )
    async with session_factory() as session, session.begin():
        await SubscriberRepository(session).move_chat(old.chat_id, new.chat_id)
    async with session_factory() as session:
        [merged] = (await session.scalars(select(Subscriber))).all()
    assert merged.id == old.id and merged.state is SubscriberState.ACTIVE
    assert (merged.link_previews, merged.silent, merged.summary_length, merged.digest_scope) == (
        True, False, 2, DigestScope.FOLLOWED,
    )
