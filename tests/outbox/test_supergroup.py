"""The delivery worker and a group upgraded to a supergroup (``ChatMigrated`` answers)."""

from __future__ import annotations

from rendering.parts import MessagePart, parts_to_payload
from storage.models import (
    ChatType,
    DeliveryKind,
    DeliveryState,
    RuleKind,
    Subscriber,
    SubscriberState,
)
from storage.repositories import DeliveryRepository, TopicRuleRepository
from tests.support.world import START, World


async def group_subscriber(w: World) -> tuple[int, Subscriber]:
    """A basic group on the server and its active subscriber; returns (group id, subscriber)."""
    group = w.api.create_group("Newsroom", supergroup=False)
    subscriber = await w.add_subscriber(
        chat_id=group.id, chat_type=ChatType.GROUP, title="Newsroom"
    )
    return group.id, subscriber


def bot_texts(w: World, chat_id: int) -> list[str]:
    """What the bot sent to ``chat_id`` (the transcript also holds the service message)."""
    return [message.text or "" for message in w.api.messages(chat_id, from_bot=True)]


def sends_to(w: World, chat_id: int) -> list[int]:
    return [c.status for c in w.api.calls("sendMessage") if str(c.chat_id) == str(chat_id)]


async def test_chat_migrated_moves_the_reader_and_resends_the_same_part_at_once(w: World) -> None:
    group_id, subscriber = await group_subscriber(w)
    await w.add_rule(subscriber, RuleKind.FOLLOW, "harbour", START)
    new = w.api.migrate_group(group_id, service_messages=False)
    first = await w.enqueue(subscriber, "<b>one</b>", "two", key="first")
    second = await w.enqueue(subscriber, "three", key="second")

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
    moved = await w.subscriber(subscriber.id)
    assert (moved.chat_id, moved.chat_type, moved.state) == (
        new.id, ChatType.SUPERGROUP, SubscriberState.ACTIVE
    )
    async with w.sessions() as session:
        rules = await TopicRuleRepository(session).list(subscriber.id)
        assert [rule.phrase for rule in rules] == ["harbour"]


async def test_a_resumed_row_sends_its_remaining_parts_to_the_supergroup(w: World) -> None:
    group_id, subscriber = await group_subscriber(w)
    async with w.sessions() as session, session.begin():
        row = await DeliveryRepository(session).enqueue(
            subscriber.id, DeliveryKind.DIGEST, due_at=w.clock.now, dedup_key="digest",
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
    group_id, subscriber = await group_subscriber(w)
    new = w.api.migrate_group(group_id, service_messages=False)
    # Someone sent /start and then /stop in the supergroup before the bot learnt of the upgrade.
    await w.add_subscriber(
        chat_id=new.id, chat_type=ChatType.SUPERGROUP, state=SubscriberState.STOPPED
    )
    delivery_id = await w.enqueue(subscriber, "one")

    await w.worker.drain()

    assert bot_texts(w, new.id) == []
    row = await w.row(delivery_id)
    assert (row.state, row.last_error) == (DeliveryState.FAILED, "subscriber is stopped")
    merged = await w.subscriber(subscriber.id)
    assert (merged.chat_id, merged.state) == (new.id, SubscriberState.STOPPED)

