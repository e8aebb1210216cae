"""Who is in which chat: the bot added, removed or blocked, and a group upgraded to a supergroup."""

from __future__ import annotations

import aiohttp
import pytest
from telegram import Bot
from telegram.error import ChatMigrated, Forbidden

from local_bot_api import LocalBotApi

MIGRATED = "Bad Request: group chat was upgraded to a supergroup chat"


async def test_sends_to_the_old_id_answer_400_with_the_new_id(
    api: LocalBotApi, bot: Bot
) -> None:
    owner = api.create_user("Olga")
    group = api.create_group("Old group", admins=[owner], supergroup=False)
    await bot.get_updates()  # the my_chat_member of joining
    api.updates.clear()

    new = api.migrate_group(group.id)

    assert (new.type, new.title, new.owner_id, new.bot_status) == (
        "supergroup", "Old group", owner.id, "member"
    )
    assert new.id != group.id and str(new.id).startswith("-100")
    with pytest.raises(ChatMigrated) as raised:
        await bot.send_message(group.id, "hello")
    assert raised.value.new_chat_id == new.id
    with pytest.raises(ChatMigrated):
        await bot.get_chat(group.id)
    sent = await bot.send_message(new.id, "hello")
    assert sent.chat.id == new.id and sent.chat.type == "supergroup"
    async with aiohttp.ClientSession() as session:
        url = f"{api.base_url}{api.token}/sendMessage"
        async with session.post(url, json={"chat_id": group.id, "text": "hi"}) as response:
            body = await response.json()
    assert response.status == 400
    assert body == {
        "ok": False,
        "error_code": 400,
        "description": MIGRATED,
        "parameters": {"migrate_to_chat_id": new.id},
    }
    with pytest.raises(ValueError, match="upgraded"):
        api.user_sends(group.id, "anyone?")


async def test_the_two_service_messages_are_queued_in_order(api: LocalBotApi, bot: Bot) -> None:
    group = api.create_group("Old group", supergroup=False)
    api.updates.clear()

    new = api.migrate_group(group.id)
    first, second = await bot.get_updates()

    assert first.message is not None and second.message is not None
    assert (first.message.chat.id, first.message.migrate_to_chat_id) == (group.id, new.id)
    assert (second.message.chat.id, second.message.migrate_from_chat_id) == (new.id, group.id)
    assert first.message.chat.type == "group" and second.message.chat.type == "supergroup"
    assert [m.migrate_to_chat_id for m in api.messages(group.id)] == [new.id]


async def test_without_service_messages_or_bot_nothing_is_queued(api: LocalBotApi) -> None:
    quiet = api.create_group("Quiet", supergroup=False)
    gone = api.create_group("Gone", supergroup=False)
    api.remove_bot(gone.id)
    api.updates.clear()

    quiet_new = api.migrate_group(quiet.id, service_messages=False)
    gone_new = api.migrate_group(gone.id)

    assert api.updates == []
    assert (quiet.migrated_to, gone.migrated_to) == (quiet_new.id, gone_new.id)


async def test_only_a_basic_group_migrates_and_only_once(api: LocalBotApi) -> None:
    supergroup = api.create_group("Super")
    group = api.create_group("Basic", supergroup=False)
    api.migrate_group(group.id)
    with pytest.raises(ValueError, match="only a basic group"):
        api.migrate_group(supergroup.id)
    with pytest.raises(ValueError, match="already migrated"):
        api.migrate_group(group.id)




async def test_blocked_user_makes_sends_fail_with_forbidden(api: LocalBotApi, bot: Bot) -> None:
    chat = api.create_private_chat()
    await bot.send_message(chat.id, "hello")
    api.block_bot(chat.id)

    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(chat.id, "still there?")

    [update] = await bot.get_updates()
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "kicked"
    assert update.my_chat_member.old_chat_member.status == "member"


async def test_adding_and_removing_the_bot_queues_my_chat_member(
    api: LocalBotApi, bot: Bot
) -> None:
    channel = api.create_channel("Daily digest", username="daily_digest")
    await bot.send_message("@daily_digest", "Morning brief")
    api.remove_bot(channel.id)

    updates = await bot.get_updates()

    statuses = [
        (u.my_chat_member.old_chat_member.status, u.my_chat_member.new_chat_member.status)
        for u in updates
        if u.my_chat_member is not None
    ]
    assert statuses == [("left", "administrator"), ("administrator", "kicked")]
    assert [m.text for m in api.messages(channel.id)] == ["Morning brief"]
    with pytest.raises(Forbidden, match="bot was kicked from the channel chat"):
        await bot.send_message(channel.id, "Evening brief")
    api.user_sends(channel.id, "a post the bot cannot see")
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()
