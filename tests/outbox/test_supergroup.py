"""The delivery worker and a group upgraded to a supergroup; merging the two chats' readers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from rendering.messages import MessagePart, parts_to_payload
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
from tests.support.database import Database
from tests.support.world import START, World, outbox_world


async def group_reader(w: World) -> tuple[int, Subscriber]:
    """A basic group on the server and its active reader; returns (group id, reader)."""
    group = w.api.create_group("Newsroom", supergroup=False)
    reader = await w.add_reader(chat_id=group.id, chat_type=ChatType.GROUP, title="Newsroom")
    return group.id, reader


def bot_texts(w: World, chat_id: int) -> list[str]:
    """What the bot sent to ``chat_id`` (the transcript also holds the service message)."""
    return [message.text or "" for message in w.api.messages(chat_id, from_bot=True)]


def sends_to(w: World, chat_id: int) -> list[int]:
    return [c.status for c in w.api.calls("sendMessage") if str(c.chat_id) == str(chat_id)]


async def test_chat_migrated_moves_the_reader_and_resends_the_same_part_at_once(w: World) -> None:
    group_id, reader = await group_reader(w)
    await w.add_rule(reader, RuleKind.FOLLOW, "harbour", START)
    new = w.api.migrate_group(group_id, service_messages=False)
    first = await w.enqueue(reader, "<b>one</b>", "two", key="first")
    second = await w.enqueue(reader, "three", key="second")

    assert await w.worker.drain() == 2

    assert bot_texts(w, new.id) == ["one", "two", "three"]
    assert sends_to(w, group_id) == [400]  # the chat's next row went to the new id directly
    for delivery_id in (first, second):
        row = await w.row(delivery_id)
        assert (row.state, row.attempts, row.last_error) == (DeliveryState.SENT, 1, None)
    [sent_first, sent_second, sent_third] = w.api.messages(new.id, from_bot=True)
    assert (await w.row(first)).payload["message_ids"] == [
        sent_first.message_id, sent_second.message_id
    ]
    assert (await w.row(second)).telegram_message_id == sent_third.message_id
    moved = await w.reader(reader.id)
    assert (moved.chat_id, moved.chat_type, moved.state) == (
        new.id, ChatType.SUPERGROUP, SubscriberState.ACTIVE
    )
    async with w.sessions() as session:
        rules = await TopicRuleRepository(session).list(reader.id)
        assert [rule.phrase for rule in rules] == ["harbour"]


async def test_a_resumed_row_sends_its_remaining_parts_to_the_supergroup(w: World) -> None:
    group_id, reader = await group_reader(w)
    async with w.sessions() as session, session.begin():
        row = await DeliveryRepository(session).enqueue(
            reader.id, DeliveryKind.DIGEST, due_at=w.clock.now, dedup_key="digest",
            payload={
                **parts_to_payload([MessagePart("one"), MessagePart("two")]),
                "sent": 1, "message_ids": [41],
            },
        )
        assert row is not None
        delivery_id = row.id
    new = w.api.migrate_group(group_id, service_messages=False)

    await w.worker.drain()

    assert bot_texts(w, new.id) == ["two"]
    row = await w.row(delivery_id)
    assert row.state is DeliveryState.SENT
    assert row.payload["message_ids"] == [41, w.api.messages(new.id, from_bot=True)[0].message_id]


async def test_a_migrated_reader_that_merges_into_a_stopped_one_is_not_sent_to(w: World) -> None:
    group_id, reader = await group_reader(w)
    new = w.api.migrate_group(group_id, service_messages=False)
    # Someone sent /start and then /stop in the supergroup before the bot learnt of the upgrade.
    await w.add_reader(
        chat_id=new.id, chat_type=ChatType.SUPERGROUP, state=SubscriberState.STOPPED
    )
    delivery_id = await w.enqueue(reader, "one")

    await w.worker.drain()

    assert bot_texts(w, new.id) == []
    row = await w.row(delivery_id)
    assert (row.state, row.last_error) == (DeliveryState.FAILED, "subscriber is stopped")
    merged = await w.reader(reader.id)
    assert (merged.chat_id, merged.state) == (new.id, SubscriberState.STOPPED)


async def test_move_chat_merges_two_readers_into_the_old_one(any_database: Database) -> None:
    async with outbox_world(any_database) as w:
        old = await w.add_reader(
            chat_id=-500_001, chat_type=ChatType.GROUP, title="Old", digest_time=dt.time(7, 0),
            state=SubscriberState.STOPPED,
        )
        new = await w.add_reader(
            chat_id=-1_001_000_000_001, chat_type=ChatType.SUPERGROUP, title="New",
            digest_time=dt.time(9, 30), next_digest_at=START + dt.timedelta(hours=18),
        )
        await w.add_rule(old, RuleKind.FOLLOW, "harbour", START)
        await w.add_rule(old, RuleKind.MUTE, "strike", START)
        await w.add_rule(new, RuleKind.FOLLOW, "harbour", START)
        await w.add_rule(new, RuleKind.FOLLOW, "ferry", START)
        await w.enqueue(old, "old digest", key="digest:2026-11-25")
        await w.enqueue(old, "old alert", key="alert:1")
        await w.enqueue(new, "new digest", key="digest:2026-11-25")
        await w.enqueue(new, "new alert", key="alert:2")

        async with w.sessions() as session, session.begin():
            kept = await SubscriberRepository(session).move_chat(old.chat_id, new.chat_id)
            assert kept is not None and kept.id == old.id
        async with w.sessions() as session, session.begin():
            again = await SubscriberRepository(session).move_chat(old.chat_id, new.chat_id)
            assert again is not None and again.id == old.id
            assert await SubscriberRepository(session).move_chat(-1, -2) is None

        async with w.sessions() as session:
            [merged] = (await session.scalars(select(Subscriber))).all()
            rules = await TopicRuleRepository(session).list(old.id)
            rows = (await session.scalars(select(Delivery).order_by(Delivery.dedup_key))).all()
        assert (merged.id, merged.chat_id, merged.chat_type, merged.title) == (
            old.id, new.chat_id, ChatType.SUPERGROUP, "New"
        )
        # The states differed: the newer row's subscription (active, 09:30) was taken.
        assert (merged.state, merged.digest_time, merged.next_digest_at) == (
            SubscriberState.ACTIVE, dt.time(9, 30), START + dt.timedelta(hours=18)
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


async def test_move_chat_keeps_the_old_settings_when_both_readers_are_active(w: World) -> None:
    old = await w.add_reader(chat_id=-500_002, chat_type=ChatType.GROUP, digest_time=dt.time(7, 0))
    new = await w.add_reader(chat_id=-1_001_000_000_002, chat_type=ChatType.SUPERGROUP)

    async with w.sessions() as session, session.begin():
        kept = await SubscriberRepository(session).move_chat(old.chat_id, new.chat_id)
        assert kept is not None

    merged = await w.reader(old.id)
    assert (merged.chat_id, merged.state, merged.digest_time) == (
        new.chat_id, SubscriberState.ACTIVE, dt.time(7, 0)
    )
    async with w.sessions() as session:
        assert await session.get(Subscriber, new.id) is None
