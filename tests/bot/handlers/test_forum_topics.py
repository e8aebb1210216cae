"""Forum topics through the real bot: /start binds, moves and clears; deliveries follow it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from bot.handlers.errors import SORRY
from local_bot_api import Chat, ForumTopic, StoredMessage, User
from outbox.outcomes import TOPIC_GONE
from storage.models import DeliveryState, Subscriber, TopicRule
from storage.repositories import SubscriberRepository
from tests.bot.handlers.test_supergroup import harbour_news_at_digest_time, settled_deliveries
from tests.support.world import START, World
from tick import run_tick


async def forum(world: World, *names: str) -> tuple[User, Chat, list[ForumTopic]]:
    """A forum supergroup owned by Olga with topics ``names`` (not yet subscribed)."""
    owner = world.api.create_user("Olga")
    chat = world.api.create_group("Desk", admins=[owner], forum=True)
    return owner, chat, [world.api.create_topic(chat.id, name) for name in names]


async def binding(world: World, chat_id: int) -> tuple[int | None, str | None]:
    """The subscriber's bound topic: (thread id, name)."""
    async with world.sessions() as session:
        subscriber = await SubscriberRepository(session).get_by_chat_id(chat_id)
    assert subscriber is not None
    return subscriber.message_thread_id, subscriber.topic_name


async def say_in(
    world: World, chat: Chat, topic: ForumTopic | None, text: str, user: User
) -> StoredMessage:
    """``user`` sends ``text`` in ``topic`` (None: the General topic); the bot's one reply."""
    thread = None if topic is None else topic.message_thread_id
    [answer] = await world.say(chat.id, text, user=user, message_thread_id=thread)
    return answer


async def test_start_in_a_topic_binds_it_and_answers_there(world: World) -> None:
    owner, chat, [markets] = await forum(world, "Markets")

    answer = await say_in(world, chat, markets, "/start", owner)

    assert answer.message_thread_id == markets.message_thread_id
    assert "Welcome to briefbot" in (answer.text or "")
    assert "Digests and alerts will come to this topic, “Markets”." in (answer.text or "")
    assert await binding(world, chat.id) == (markets.message_thread_id, "Markets")


async def test_start_in_another_topic_moves_the_binding_and_says_so(world: World) -> None:
    owner, chat, [markets, sports] = await forum(world, "Markets", "Sports")
    await say_in(world, chat, markets, "/start", owner)

    answer = await say_in(world, chat, sports, "/start", owner)

    assert answer.message_thread_id == sports.message_thread_id
    assert (
        "Moved: digests and alerts now come to this topic, “Sports”, no longer to topic “Markets”."
        in (answer.text or "")
    )
    assert await binding(world, chat.id) == (sports.message_thread_id, "Sports")


async def test_start_in_the_general_topic_clears_the_binding(world: World) -> None:
    owner, chat, [markets] = await forum(world, "Markets")
    await say_in(world, chat, markets, "/start", owner)

    answer = await say_in(world, chat, None, "/start", owner)

    assert answer.message_thread_id is None
    assert "now come to the General topic, no longer to topic “Markets”." in (answer.text or "")
    assert await binding(world, chat.id) == (None, None)


async def test_start_in_a_topic_by_a_member_is_refused_there_and_binds_nothing(
    world: World,
) -> None:
    owner, chat, [markets] = await forum(world, "Markets")
    await say_in(world, chat, None, "/start", owner)
    member = world.api.create_user("Max")
    chat.member_ids.add(member.id)

    answer = await say_in(world, chat, markets, "/start", member)

    assert answer.message_thread_id == markets.message_thread_id
    assert "Only this group's admins" in (answer.text or "")
    assert await binding(world, chat.id) == (None, None)


async def test_settings_and_help_show_the_bound_topic_and_answer_in_the_topic_asked(
    world: World,
) -> None:
    owner, chat, [markets, sports] = await forum(world, "Markets", "Sports")
    await say_in(world, chat, markets, "/start", owner)

    settings = await say_in(world, chat, sports, "/settings", owner)
    shown = await say_in(world, chat, None, "/help", owner)

    line = "Topic: digests and alerts go to topic “Markets”."
    assert settings.message_thread_id == sports.message_thread_id
    assert line in (settings.text or "") and "Subscription: active" in (settings.text or "")
    assert shown.message_thread_id is None
    assert (shown.text or "").startswith("What I can do") and line in (shown.text or "")
    await say_in(world, chat, None, "/start", owner)
    cleared = await say_in(world, chat, None, "/settings", owner)
    assert "Topic: digests and alerts go to the General topic." in (cleared.text or "")


async def test_a_topic_name_that_reverses_text_is_named_without_its_controls(
    world: World,
) -> None:
    owner, chat, [markets] = await forum(world, "\u202esrekraM")
    started = await say_in(world, chat, markets, "/start", owner)
    settings = await say_in(world, chat, markets, "/settings", owner)
    for answer in (started, settings):
        assert "“srekraM”" in (answer.text or "") and "\u202e" not in (answer.text or "")


async def test_command_replies_and_the_full_text_button_answer_in_the_topic(
    world: World,
) -> None:
    owner, chat, [markets] = await forum(world, "Markets")
    await world.add_brief(title="Harbour reopens", text="The harbour reopened after the storm.")
    thread = markets.message_thread_id

    listed = await say_in(world, chat, markets, "/latest 1", owner)
    after = world.last_bot_message_id(chat.id)
    [button] = listed.callback_data
    world.api.user_presses(chat.id, listed.message_id, button, user=owner)
    [full] = await world.api.wait_for_messages(chat.id, 1, after_message_id=after)

    assert listed.message_thread_id == thread and "Harbour reopens" in (listed.text or "")
    assert full.message_thread_id == thread and "after the storm" in (full.text or "")


async def test_the_apology_for_a_failed_command_comes_in_its_topic(world: World) -> None:
    owner, chat, [markets] = await forum(world, "Markets")
    world.api.fail_next("getChatMember", status=400, description="Bad Request: boom")

    answer = await say_in(world, chat, markets, "/start", owner)

    assert (answer.text, answer.message_thread_id) == (SORRY, markets.message_thread_id)


async def subscribed_forum_following_harbour(
    world: World, *names: str
) -> tuple[User, Chat, list[ForumTopic]]:
    """A forum bound to its first topic, following "harbour" since before the news."""
    owner, chat, topics = await forum(world, *names)
    await say_in(world, chat, topics[0], "/start", owner)
    await say_in(world, chat, topics[0], "/follow harbour", owner)
    async with world.sessions() as session, session.begin():
        await session.execute(update(TopicRule).values(created_at=START - dt.timedelta(hours=1)))
    return owner, chat, topics


async def test_a_digest_and_an_alert_arrive_in_the_bound_topic(world: World) -> None:
    _, chat, [markets] = await subscribed_forum_following_harbour(world, "Markets")
    after = world.last_bot_message_id(chat.id)
    await harbour_news_at_digest_time(world)

    report = await run_tick(world.services)
    arrived = await world.api.wait_for_messages(chat.id, 2, after_message_id=after)

    assert (report.digests.enqueued, report.alerts, report.errors) == (1, 1, [])
    texts = sorted(message.text or "" for message in arrived)
    assert texts[0].startswith("Digest for Thu 26 Nov 2026") and "Harbour reopens" in texts[0]
    assert texts[1].startswith("🔔 New on harbour")
    assert [m.message_thread_id for m in arrived] == [markets.message_thread_id] * 2


async def test_a_deleted_topic_gets_each_message_once_in_general_and_one_notice(
    world: World,
) -> None:
    owner, chat, [markets] = await subscribed_forum_following_harbour(world, "Markets")
    after = world.last_bot_message_id(chat.id)
    world.api.delete_topic(chat.id, markets.message_thread_id)
    await harbour_news_at_digest_time(world)

    await run_tick(world.services)
    arrived = await world.api.wait_for_messages(chat.id, 3, after_message_id=after)
    rows = await settled_deliveries(world)

    texts = [message.text or "" for message in arrived]
    assert sorted(texts[:2])[0].startswith("Digest for Thu 26 Nov 2026")
    assert sorted(texts[:2])[1].startswith("🔔 New on harbour")
    assert texts[2] == TOPIC_GONE
    assert [m.message_thread_id for m in arrived] == [None, None, None]
    assert [row.state for row in rows] == [DeliveryState.SENT] * 3
    assert await binding(world, chat.id) == (None, None)
    # Nothing more: the sentinel's answer comes next, in the General topic.
    assert await world.replies_before_sentinel(chat.id, arrived[-1].message_id, user=owner) == []
    async with world.sessions() as session:
        subscriber = await session.get(Subscriber, rows[0].subscriber_id)
    assert subscriber is not None and subscriber.message_thread_id is None
