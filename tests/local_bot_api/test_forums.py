"""Forum supergroups: topics opened and deleted, messages in them, sends to a deleted one."""

from __future__ import annotations

import aiohttp
import pytest
from telegram import Bot
from telegram.error import BadRequest

from local_bot_api import LocalBotApi
from tests.local_bot_api.test_control import control

THREAD_NOT_FOUND = "Bad Request: message thread not found"


async def test_a_message_in_a_topic_carries_its_thread_and_replies_to_its_opening(
    api: LocalBotApi, bot: Bot
) -> None:
    owner = api.create_user("Olga")
    forum = api.create_group("Desk", admins=[owner], forum=True)
    topic = api.create_topic(forum.id, "Markets")
    api.user_sends(forum.id, "/help", message_thread_id=topic.message_thread_id)
    api.user_sends(forum.id, "/help")  # the General topic

    updates = await bot.get_updates()
    messages = [u.message for u in updates if u.message is not None]
    opened, in_topic, in_general = messages
    assert opened.forum_topic_created is not None
    assert opened.forum_topic_created.name == "Markets"
    assert opened.message_id == topic.message_thread_id
    assert in_topic.chat.is_forum and in_topic.is_topic_message
    assert in_topic.message_thread_id == topic.message_thread_id
    assert in_topic.reply_to_message is not None
    assert in_topic.reply_to_message.message_id == topic.message_thread_id
    assert (in_general.message_thread_id, in_general.is_topic_message) == (None, None)
    assert in_general.reply_to_message is None


async def test_the_bots_send_in_a_topic_is_recorded_with_its_thread(
    api: LocalBotApi, bot: Bot
) -> None:
    forum = api.create_group("Desk", forum=True)
    topic = api.create_topic(forum.id, "Markets")

    thread = topic.message_thread_id
    sent = await bot.send_message(forum.id, "in the topic", message_thread_id=thread)
    document = await bot.send_document(
        forum.id, b"a,b\n", filename="t.csv", message_thread_id=topic.message_thread_id
    )
    general = await bot.send_message(forum.id, "in general")

    assert sent.message_thread_id == topic.message_thread_id and sent.is_topic_message
    stored = api.find_message(forum.id, sent.message_id)
    assert stored is not None and stored.message_thread_id == topic.message_thread_id
    assert document.message_thread_id == topic.message_thread_id
    assert general.message_thread_id is None
    [general_stored] = [m for m in api.messages(forum.id) if m.text == "in general"]
    assert general_stored.message_thread_id is None


async def test_a_send_to_a_deleted_topic_answers_telegrams_400(api: LocalBotApi, bot: Bot) -> None:
    forum = api.create_group("Desk", forum=True)
    topic = api.create_topic(forum.id, "Markets")
    api.user_sends(forum.id, "hello", message_thread_id=topic.message_thread_id)

    api.delete_topic(forum.id, topic.message_thread_id)

    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(forum.id, "x", message_thread_id=topic.message_thread_id)
    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_document(
            forum.id, b"x", filename="x.txt", message_thread_id=topic.message_thread_id
        )
    async with aiohttp.ClientSession() as session:
        url = f"{api.base_url}{api.token}/sendMessage"
        payload = {"chat_id": forum.id, "text": "x", "message_thread_id": topic.message_thread_id}
        async with session.post(url, json=payload) as response:
            body = await response.json()
    assert (response.status, body) == (
        400,
        {"ok": False, "error_code": 400, "description": THREAD_NOT_FOUND},
    )
    assert api.messages(forum.id) == []  # the topic's messages went with it
    with pytest.raises(ValueError, match="no topic"):
        api.user_sends(forum.id, "anyone?", message_thread_id=topic.message_thread_id)
    assert (await bot.send_message(forum.id, "general still works")).message_thread_id is None


async def test_a_send_to_a_thread_that_never_was_answers_400(api: LocalBotApi, bot: Bot) -> None:
    forum = api.create_group("Desk", forum=True)
    plain = api.create_group("Plain")
    for chat_id in (forum.id, plain.id):
        with pytest.raises(BadRequest, match="Message thread not found"):
            await bot.send_message(chat_id, "x", message_thread_id=9999)


def test_only_a_forum_supergroup_has_topics(api: LocalBotApi) -> None:
    plain = api.create_group("Plain")
    with pytest.raises(ValueError, match="not a forum"):
        api.create_topic(plain.id, "Markets")
    with pytest.raises(ValueError, match="only a supergroup"):
        api.create_group("Basic", supergroup=False, forum=True)
    assert "is_forum" not in plain.to_api()


async def test_topics_are_opened_deleted_and_posted_in_over_http(
    api: LocalBotApi, bot: Bot
) -> None:
    root = api.control_url
    async with aiohttp.ClientSession() as session:
        forum = await control(session, "POST", f"{root}/chats/group", {"title": "D", "forum": True})
        assert forum["is_forum"] is True
        topic = await control(
            session, "POST", f"{root}/chats/topics", {"chat_id": forum["id"], "name": "Markets"}
        )
        thread = topic["message_thread_id"]
        posted = await control(
            session,
            "POST",
            f"{root}/send",
            {"chat_id": forum["id"], "text": "hi", "message_thread_id": thread},
        )
        assert (posted["message_thread_id"], posted["is_topic_message"]) == (thread, True)
        await control(
            session,
            "POST",
            f"{root}/chats/topics/delete",
            {"chat_id": forum["id"], "message_thread_id": thread},
        )
    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(forum["id"], "x", message_thread_id=thread)
