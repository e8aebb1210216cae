"""A group upgraded to a supergroup, through the real bot: the subscription follows the chat."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import select, update

from local_bot_api import Chat, User
from storage.models import (
    ChatType,
    Delivery,
    DeliveryKind,
    DeliveryState,
    RuleKind,
    Subscriber,
    SubscriberState,
    TopicRule,
)
from storage.repositories import DeliveryRepository, SubscriberRepository, TopicRuleRepository
from tests.support.factories import make_brief
from tests.support.world import START, World
from tick import run_tick

DIGEST_TIME = dt.datetime(2026, 11, 26, 8, 1, tzinfo=dt.UTC)  # just after the 08:00 digest


async def subscriber(world: World, chat_id: int) -> Subscriber | None:
    async with world.sessions() as session:
        return await SubscriberRepository(session).get_by_chat_id(chat_id)


async def moved(world: World, chat_id: int, timeout: float = 5.0) -> Subscriber:
    """The subscriber at ``chat_id`` once the bot has put one there."""
    for _ in range(int(timeout / 0.05)):
        found = await subscriber(world, chat_id)
        if found is not None:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"no subscriber at {chat_id} after {timeout} s")


async def phrases(world: World, subscriber_id: int) -> list[tuple[RuleKind, str]]:
    async with world.sessions() as session:
        rules = await TopicRuleRepository(session).list(subscriber_id)
        return [(rule.kind, rule.phrase) for rule in rules]


async def subscribed_group(world: World, *follows: str) -> tuple[User, Chat, Subscriber]:
    """A basic group (not yet a supergroup) that its owner subscribed, following ``follows``."""
    owner = world.api.create_user("Olga")
    group = world.api.create_group("Newsroom", admins=[owner], supergroup=False)
    [welcome] = await world.say(group.id, "/start", user=owner)
    assert "Welcome" in welcome.text
    for phrase in follows:
        await world.say(group.id, f"/follow {phrase}", user=owner)
    async with world.sessions() as session, session.begin():
        # Followed well before the briefs below were ingested (rules use the wall clock).
        await session.execute(update(TopicRule).values(created_at=START - dt.timedelta(hours=1)))
    stored = await subscriber(world, group.id)
    assert stored is not None and stored.chat_type is ChatType.GROUP
    return owner, group, stored


async def harbour_news_at_digest_time(world: World) -> None:
    """A brief about the harbour, ingested after the follow; the clock at digest time."""
    async with world.sessions() as session, session.begin():
        session.add(make_brief(
            title="Harbour reopens", text="The harbour reopened after the storm.",
            ingested_at=START + dt.timedelta(hours=1),
        ))
    world.clock.now = DIGEST_TIME


async def settled_deliveries(world: World, timeout: float = 10.0) -> list[Delivery]:
    """The outbox rows once none is pending or sending any more.

    The worker records a send after Telegram answers, so a message can be in the chat a
    moment before its row says sent.
    """
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        async with world.sessions() as session:
            rows = list((await session.scalars(select(Delivery).order_by(Delivery.id))).all())
        busy = any(row.state in (DeliveryState.PENDING, DeliveryState.SENDING) for row in rows)
        if not busy or asyncio.get_running_loop().time() > deadline:
            return rows
        await asyncio.sleep(0.05)


def sends_to(world: World, chat_id: int) -> list[int]:
    """The statuses of every sendMessage to ``chat_id``."""
    return [c.status for c in world.api.calls("sendMessage") if str(c.chat_id) == str(chat_id)]


async def test_after_the_upgrade_the_next_digest_and_alert_arrive_in_the_supergroup(
    world: World,
) -> None:
    owner, group, before = await subscribed_group(world, "harbour")
    sent_before = sends_to(world, group.id)

    supergroup = world.api.migrate_group(group.id)
    after = await moved(world, supergroup.id)

    assert (after.id, after.chat_type, after.state) == (
        before.id, ChatType.SUPERGROUP, SubscriberState.ACTIVE
    )
    assert (after.digest_time, after.next_digest_at) == (before.digest_time, before.next_digest_at)
    assert await subscriber(world, group.id) is None
    assert await phrases(world, after.id) == [(RuleKind.FOLLOW, "harbour")]

    await harbour_news_at_digest_time(world)
    report = await run_tick(world.services)
    assert (report.digests.enqueued, report.alerts, report.errors) == (1, 1, [])
    texts = sorted(m.text or "" for m in await world.api.wait_for_messages(supergroup.id, 2))

    assert texts[0].startswith("Digest for Thu 26 Nov 2026") and "Harbour reopens" in texts[0]
    assert texts[1].startswith("🔔 New on harbour") and "Harbour reopens" in texts[1]
    # The service message moved the subscriber first: the old id was never tried again.
    assert sends_to(world, group.id) == sent_before
    [shown] = await world.say(supergroup.id, "/digest", user=owner)
    assert "Daily digest at 08:00 UTC" in shown.text


async def test_the_service_messages_alone_move_the_reader_with_its_outbox_and_say_nothing(
    world: World,
) -> None:
    owner, group, before = await subscribed_group(world, "harbour")
    welcomed = world.last_bot_message_id(group.id)
    async with world.sessions() as session, session.begin():
        later = await DeliveryRepository(session).enqueue(
            before.id, DeliveryKind.MESSAGE, due_at=START + dt.timedelta(days=1),
            payload={"parts": [{"text": "later"}]}, dedup_key="later",
        )
        assert later is not None
        later_id = later.id

    supergroup = world.api.migrate_group(group.id)
    after = await moved(world, supergroup.id)

    assert after.id == before.id and after.chat_type is ChatType.SUPERGROUP
    assert await phrases(world, after.id) == [(RuleKind.FOLLOW, "harbour")]
    async with world.sessions() as session:
        row = await session.get(Delivery, later_id)
        assert row is not None
        assert (row.subscriber_id, row.state) == (before.id, DeliveryState.PENDING)
    # Both service messages were handled (the second finds nothing to move); no reply, no error.
    assert await world.replies_before_sentinel(supergroup.id, 0, user=owner) == []
    assert world.bot_messages_after(group.id, welcomed) == []
    # Every update was fetched; only the sentinel's may still wait for the next poll to confirm it.
    pending = [update["message"].get("text") for update in world.api.updates]
    assert pending in ([], ["/help"]), pending
    async with world.sessions() as session:
        assert len((await session.scalars(select(Subscriber))).all()) == 1


async def test_late_service_messages_merge_into_one_reader_when_the_supergroup_has_one(
    world: World,
) -> None:
    owner, group, before = await subscribed_group(world, "harbour")
    supergroup = world.api.migrate_group(group.id, service_messages=False)
    # Someone subscribes the supergroup before the bot learns it is the same chat.
    [welcome] = await world.say(supergroup.id, "/start", user=owner)
    assert "Welcome" in welcome.text
    await world.say(supergroup.id, "/follow ferry", user=owner)
    duplicate = await subscriber(world, supergroup.id)
    assert duplicate is not None and duplicate.id != before.id

    for message in world.api.messages(group.id) + world.api.messages(supergroup.id):
        if message.migrate_to_chat_id or message.migrate_from_chat_id:
            world.api.queue_update("message", message.to_api())
    for _ in range(100):
        if await subscriber(world, group.id) is None:
            break
        await asyncio.sleep(0.05)

    kept = await subscriber(world, supergroup.id)
    assert kept is not None and await subscriber(world, group.id) is None
    assert (kept.id, kept.chat_type, kept.state) == (
        before.id, ChatType.SUPERGROUP, SubscriberState.ACTIVE
    )
    assert await phrases(world, kept.id) == [
        (RuleKind.FOLLOW, "ferry"), (RuleKind.FOLLOW, "harbour")
    ]
    async with world.sessions() as session:
        assert len((await session.scalars(select(Subscriber))).all()) == 1


async def test_without_service_messages_the_send_moves_the_reader_and_delivers(
    world: World,
) -> None:
    _, group, before = await subscribed_group(world, "harbour")
    supergroup = world.api.migrate_group(group.id, service_messages=False)
    await harbour_news_at_digest_time(world)

    await run_tick(world.services)
    texts = sorted(m.text or "" for m in await world.api.wait_for_messages(supergroup.id, 2))

    assert texts[0].startswith("Digest for Thu 26 Nov 2026")
    assert texts[1].startswith("🔔 New on harbour")
    after = await subscriber(world, supergroup.id)
    assert after is not None and (after.id, after.chat_type) == (before.id, ChatType.SUPERGROUP)
    assert await subscriber(world, group.id) is None
    # One 400 from the old id, then everything went to the supergroup.
    assert sends_to(world, group.id).count(400) == 1
    rows = await settled_deliveries(world)
    assert [(row.state, row.attempts, row.last_error) for row in rows] == [
        (DeliveryState.SENT, 1, None), (DeliveryState.SENT, 1, None)
    ]
