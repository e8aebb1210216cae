"""The delivery worker and forum topics: sends go to the bound topic; a deleted one falls back."""

from __future__ import annotations

from sqlalchemy import update

from local_bot_api import Chat, ForumTopic
from outbox.outcomes import TOPIC_GONE
from storage.models import ChatType, DeliveryState, Subscriber
from tests.support.world import World


async def forum_subscriber(w: World, *names: str) -> tuple[Chat, list[ForumTopic], Subscriber]:
    """A forum supergroup with topics ``names``, subscribed and bound to the first one."""
    forum = w.api.create_group("Desk", forum=True)
    topics = [w.api.create_topic(forum.id, name) for name in names]
    subscriber = await w.add_subscriber(
        chat_id=forum.id,
        chat_type=ChatType.SUPERGROUP,
        title="Desk",
        message_thread_id=topics[0].message_thread_id,
        topic_name=topics[0].name,
    )
    return forum, topics, subscriber


def bot_messages(w: World, chat_id: int) -> list[tuple[str, int | None]]:
    """The bot's messages in ``chat_id``: (text, thread), in order."""
    return [(m.text or "", m.message_thread_id) for m in w.api.messages(chat_id, from_bot=True)]


def thread_sends(w: World, chat_id: int) -> list[tuple[int | None, int]]:
    """Every sendMessage to ``chat_id``: (its message_thread_id, the HTTP status)."""
    calls = [c for c in w.api.calls("sendMessage") if str(c.chat_id) == str(chat_id)]
    threads = [c.params.get("message_thread_id") for c in calls]
    return [(None if t is None else int(t), c.status) for t, c in zip(threads, calls, strict=True)]


async def test_rows_of_a_subscriber_bound_to_a_topic_are_sent_in_that_topic(w: World) -> None:
    forum, [markets], subscriber = await forum_subscriber(w, "Markets")
    await w.enqueue(subscriber, "one", "two", key="first")
    await w.enqueue(subscriber, "three", key="second")

    assert await w.worker.drain() == 2

    thread = markets.message_thread_id
    assert bot_messages(w, forum.id) == [("one", thread), ("two", thread), ("three", thread)]


async def test_a_topic_bound_anew_takes_effect_for_rows_already_queued(w: World) -> None:
    forum, [_, sports], subscriber = await forum_subscriber(w, "Markets", "Sports")
    await w.enqueue(subscriber, "queued before the move")
    async with w.sessions() as session, session.begin():
        await session.execute(
            update(Subscriber)
            .where(Subscriber.id == subscriber.id)
            .values(message_thread_id=sports.message_thread_id, topic_name="Sports")
        )

    assert await w.worker.drain() == 1

    assert bot_messages(w, forum.id) == [("queued before the move", sports.message_thread_id)]


async def test_a_deleted_topic_sends_each_row_once_to_general_and_tells_the_group_once(
    w: World,
) -> None:
    forum, [markets], subscriber = await forum_subscriber(w, "Markets")
    first = await w.enqueue(subscriber, "digest part 1", "digest part 2", key="digest")
    second = await w.enqueue(subscriber, "alert one", key="alert-1")
    third = await w.enqueue(subscriber, "alert two", key="alert-2")
    w.api.delete_topic(forum.id, markets.message_thread_id)

    assert await w.worker.drain() == 4  # the three rows, then the one notice

    assert bot_messages(w, forum.id) == [
        ("digest part 1", None),
        ("digest part 2", None),
        ("alert one", None),
        ("alert two", None),
        (TOPIC_GONE, None),
    ]
    # One refused send: the chat's next parts and rows went to the General topic directly.
    assert thread_sends(w, forum.id) == [(markets.message_thread_id, 400)] + [(None, 200)] * 5
    for delivery_id in (first, second, third):
        row = await w.row(delivery_id)
        assert (row.state, row.attempts, row.last_error) == (DeliveryState.SENT, 1, None)
    unbound = await w.subscriber(subscriber.id)
    assert (unbound.message_thread_id, unbound.topic_name) == (None, None)
    later = await w.enqueue(subscriber, "the next digest", key="next")
    assert await w.worker.drain() == 1
    assert (await w.row(later)).state is DeliveryState.SENT
    assert bot_messages(w, forum.id)[-1] == ("the next digest", None)
    assert [text for text, _ in bot_messages(w, forum.id)].count(TOPIC_GONE) == 1


async def test_rows_claimed_apart_meeting_the_gone_topic_tell_the_group_once(w: World) -> None:
    forum, [markets], subscriber = await forum_subscriber(w, "Markets")
    await w.enqueue(subscriber, "alert one", key="alert-1")
    w.api.delete_topic(forum.id, markets.message_thread_id)
    assert await w.worker.send_due() == 1
    # The binding names the gone topic again (a row claimed before it was cleared, say).
    async with w.sessions() as session, session.begin():
        await session.execute(
            update(Subscriber)
            .where(Subscriber.id == subscriber.id)
            .values(message_thread_id=markets.message_thread_id)
        )
    await w.enqueue(subscriber, "alert two", key="alert-2")

    await w.worker.drain()

    texts = [text for text, _ in bot_messages(w, forum.id)]
    assert texts == ["alert one", TOPIC_GONE, "alert two"]
    assert all(thread is None for _, thread in bot_messages(w, forum.id))


async def test_thread_not_found_without_a_topic_fails_the_row_as_any_400_does(w: World) -> None:
    forum = w.api.create_group("Desk", forum=True)
    subscriber = await w.add_subscriber(chat_id=forum.id, chat_type=ChatType.SUPERGROUP)
    w.api.fail_next("sendMessage", status=400, description="Bad Request: message thread not found")
    delivery_id = await w.enqueue(subscriber, "to general")

    assert await w.worker.drain() == 1

    row = await w.row(delivery_id)
    assert row.state is DeliveryState.FAILED and "thread not found" in (row.last_error or "")
    assert len(w.api.calls("sendMessage")) == 1 and bot_messages(w, forum.id) == []
